// npm run shipped: writes shipped.json, the list of the workshop's files as shipped (git blob
// hashes) that `npm run grade` rebuilds the workshop from. Run it after changing any file a learner
// receives (engine, checks, lesson metadata, READMEs); a test says when it is out of date.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../verify/paths.ts";
import { SHIPPED_FILE, listShipped } from "../cli/grade/shipped.ts";

const shipped = listShipped(ROOT);
writeFileSync(path.join(ROOT, SHIPPED_FILE), JSON.stringify(shipped, null, 2) + "\n");
console.log(`${SHIPPED_FILE}: ${Object.keys(shipped.files).length} files`);
