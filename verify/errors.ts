// A WorkshopError is a problem we can explain to the learner in one message: the CLI prints
// its message without a stack trace and exits non-zero. Anything else is a bug in the workshop.
export class WorkshopError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: { file?: string } = {},
  ) {
    super(message);
    this.name = "WorkshopError";
  }
}
