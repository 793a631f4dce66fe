// The verifier's speed machinery. Each piece is kept because `npm run bench -- --machinery` shows
// that it pays (figures: two cores, Node 20 and 22, all 19 lessons' solutions), and each can be
// switched off, so that the bench measures what it buys in one run. None changes a verdict.
//
//   prebuilt libraries  WORKSHOP_NO_PREBUILD   lesson servers import express, socket.io, … from a few
//                                              prebuilt files instead of ~150 modules (build/vendor.ts):
//                                              14-17% of `npm run verify`, about 1 s of 6
//   reused tabs         WORKSHOP_FRESH_TABS    `npm run verify` keeps one browser tab per worker,
//                                              emptied between lessons (app/tabs.ts): 8-9%, about 0.5 s
//   compiled CLI        (always)               every command starts from esbuild's output, not through
//                                              a TypeScript loader (build/esbuild.mjs): 140-230 ms a command
//
// Measured and removed, as buying about 1% (within noise): starting the lessons that took longest
// last time first, and Node 22's compile cache.
const off = (name: string) => Boolean(process.env[name]);

export const machinery = {
  get prebuiltLibraries() {
    return !off("WORKSHOP_NO_PREBUILD");
  },
  get reusedTabs() {
    return !off("WORKSHOP_FRESH_TABS");
  },
};
