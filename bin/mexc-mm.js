#!/usr/bin/env node
// Runs the compiled CLI (dist/, written by `npm run build`; `npm ci` and `npm start` build it, see
// scripts/build.mjs) with plain node: no TypeScript loader at run time.
import {existsSync} from 'node:fs';

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('mexc-mm: dist/ is not built: run `npm run build` (npm ci runs it too)\n');
  process.exit(1);
}
await import(entry.href);
