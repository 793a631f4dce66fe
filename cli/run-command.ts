// Every CLI verb runs through here: a WorkshopError becomes one clear message and exit code 2,
// anything else is a workshop bug and says so; processes we started are always ended.
import { WorkshopError } from "../verify/errors.ts";
import { cleanupAll } from "../verify/processes.ts";
import { ui, warn } from "./ui.ts";

export async function runCommand(main: () => Promise<number | void>): Promise<never> {
  let code: number;
  try {
    code = (await main()) ?? 0;
  } catch (err) {
    if (err instanceof WorkshopError) {
      warn(`${ui.red(ui.bold("error:"))} ${err.message}`);
      code = 2;
    } else {
      warn(`${ui.red(ui.bold("internal error:"))} the workshop itself failed. Please report this with the text below.`);
      warn(String((err as Error)?.stack ?? err));
      code = 70;
    }
  }
  await cleanupAll();
  process.exit(code);
}
