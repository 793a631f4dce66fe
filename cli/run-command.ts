// Every CLI verb runs through here: a WorkshopError becomes one clear message and exit code 2,
// anything else is a workshop bug and says so; processes we started are always ended.
import { BROKEN_LESSONS, LANGUAGES, LANGUAGE_ENV, WorkshopError, cleanupAll, interruptedBy, unknownLanguage } from "../verify/index.ts";
import { ui, warn } from "./ui.ts";

export interface CommandOptions {
  /**
   * Called when the command fails before it could report (bad input, an internal error), with the
   * exit code it will end with: a reporter that promised one document prints it here.
   */
  onError?: (error: { code: string; message: string }, exitCode: number) => void;
}

export async function runCommand(main: () => Promise<number | void>, options: CommandOptions = {}): Promise<never> {
  let code: number;
  const unknown = unknownLanguage();
  if (unknown) warn(ui.yellow(`warning: ${LANGUAGE_ENV}=${unknown} is not a language the workshop speaks (${LANGUAGES.join(", ")}); using English.`));
  // A lesson folder the engine cannot read is left out of every command until it is restored.
  for (const broken of BROKEN_LESSONS) warn(ui.yellow(`warning: lesson ${broken.number} is left out: ${broken.problem}`));
  try {
    code = (await main()) ?? 0;
  } catch (err) {
    // Ctrl-C or SIGTERM: work in flight fails as its processes are stopped. That is not a bug to
    // report; the signal handler finishes the cleanup and exits with the signal's code.
    if (interruptedBy()) return new Promise<never>(() => {});
    if (err instanceof WorkshopError) {
      warn(`${ui.red(ui.bold("error:"))} ${err.message}`);
      code = 2;
      options.onError?.({ code: err.code, message: err.message }, code);
    } else {
      warn(`${ui.red(ui.bold("internal error:"))} the workshop itself failed. Please report this with the text below.`);
      warn(String((err as Error)?.stack ?? err));
      code = 70;
      options.onError?.({ code: "INTERNAL_ERROR", message: `The workshop itself failed: ${String((err as Error)?.message ?? err)}` }, code);
    }
  }
  if (interruptedBy()) return new Promise<never>(() => {});
  await cleanupAll();
  process.exit(code);
}
