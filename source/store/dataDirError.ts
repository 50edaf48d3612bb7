// A data-dir problem the operator must fix (the CLI exits 2 on it: source/commands/run.ts).
export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirError';
  }
}
