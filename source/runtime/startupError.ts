/** A reason not to start, with the exit code it deserves (2 = usage/config, 1 = environment/runtime). */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
    this.name = 'StartupError';
  }
}
