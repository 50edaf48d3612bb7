#!/usr/bin/env node
// Node 20's test runner has no glob support: find test files ourselves, then run them all in one
// `node --test` so the summary (tests / pass / fail) covers the whole suite. The end-to-end tests run the
// compiled binary (bin/mexc-mm.js → dist/), so dist/ is brought up to date first (incremental; nothing
// to do when no source changed). A type error does not stop the tests (tsx runs them without types,
// and `npm test` type-checks before this); a build that emitted nothing does.
import {readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {spawnSync} from 'node:child_process';
import {availableParallelism} from 'node:os';
import {buildDist} from './buildDist.mjs';

const roots = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const passthrough = process.argv.slice(2).filter((a) => a.startsWith('--'));
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.test\.tsx?$/.test(name)) files.push(path);
  }
};
for (const root of roots.length > 0 ? roots : ['test']) {
  if (statSync(root).isDirectory()) walk(root);
  else files.push(root);
}
const build = buildDist({log: (line) => process.stderr.write(`run-tests: ${line}\n`), showTypeErrors: false});
if (build.status === 'failed') {
  process.stderr.write(`run-tests: cannot build dist/: ${build.message}\n`);
  process.exit(1);
}
// Node runs availableParallelism() − 1 files at once: one at a time on a 2-core machine (CI's), where
// most of the suite's time is end-to-end files waiting on sockets and timers. Two at a time there cuts
// the suite from about 900 s to 470–580 s (docs/testing.md §1); --test-concurrency=N overrides.
const concurrency = passthrough.some((a) => a.startsWith('--test-concurrency')) ? [] : [`--test-concurrency=${Math.max(2, availableParallelism() - 1)}`];
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', ...concurrency, '--test-reporter=spec', ...passthrough, ...files],
  {stdio: 'inherit', env: {...process.env, FORCE_COLOR: '0'}},
);
process.exit(result.status ?? 1);
