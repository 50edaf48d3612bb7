/** A reason not to start, with the exit code it deserves (2 = usage/config, 1 = environment/runtime). */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
    /** the failure behind it, when there was one (an access answer from MEXC, say) */
    options?: {cause?: unknown},
  ) {
    super(message, options);
    this.name = 'StartupError';
  }
}
