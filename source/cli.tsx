#!/usr/bin/env node
// Entry point: parse and validate, then hand over to the command (source/commands/, one file each). Kept
// thin on purpose: the commands are imported lazily so `status` never loads the engine or the console.
import {parseCommandLine, UsageError} from './cli/parseCommandLine.js';

// React chooses its build when it is first loaded (the console imports it lazily, after this line). Its
// development build records a performance.measure() entry per component render, which Node keeps, so a
// console left running grows without bound (measured at 80x24 on the volatile scenario: RSS 192 → 317 MB
// in 60 s, and ~70 % more CPU than the production build). An explicit NODE_ENV is respected.
process.env['NODE_ENV'] ??= 'production';
// Ink (through is-in-ci) shows nothing but a last frame at exit when CI or CONTINUOUS_INTEGRATION is set.
// On a real terminal the operator wants the live console whatever the shell exports; decided before
// Ink is loaded, and only for an interactive terminal (CI logs keep Ink's CI behaviour).
if (process.stdout.isTTY && process.stdin.isTTY) for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) if (key in process.env) process.env[key] = 'false';

async function main(): Promise<number> {
  let invocation;
  try {
    invocation = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`mexc-mm: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  switch (invocation.command) {
    case 'help':
      process.stdout.write(invocation.text + '\n');
      return 0;
    case 'version':
      process.stdout.write(invocation.text + '\n');
      return 0;
    case 'status': {
      const {runStatusCommand} = await import('./commands/status.js');
      return runStatusCommand({dataDir: invocation.dataDir, json: invocation.json, out: process.stdout});
    }
    case 'report': {
      const {runReportCommand} = await import('./commands/report.js');
      const {dataDir, format, since, fills, rules, rulesFrom} = invocation;
      return runReportCommand({dataDir, format, since, fills, rules, rulesFrom, out: process.stdout});
    }
    case 'sim': {
      const {runSimCommand} = await import('./commands/sim.js');
      return runSimCommand(invocation.config, process.stdout);
    }
    case 'check': {
      const {runCheckCommand} = await import('./commands/check.js');
      return runCheckCommand({config: invocation.config, mode: invocation.mode, overrides: invocation.overrides, out: process.stdout});
    }
    case 'run': {
      const {runCommand} = await import('./commands/run.js');
      return runCommand(invocation, {stdout: process.stdout, stderr: process.stderr, stdin: process.stdin});
    }
  }
}

main().then(
  (code) => {
    process.exitCode = code;
    // streams and sockets are closed by then; a stray handle must not keep a finished run alive
    setTimeout(() => process.exit(code), 500).unref();
  },
  (error: unknown) => {
    process.stderr.write(`mexc-mm: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
