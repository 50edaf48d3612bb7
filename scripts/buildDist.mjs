// Compiles source/ to dist/ (tsc -p tsconfig.build.json, incremental) and copies the files source/ reads
// at run time that tsc does not emit (the protobuf schema source/wire/mexcProtobuf/schema.ts loads), then
// stamps dist/ (scripts/distFreshness.mjs). Skips tsc when the last build was clean and no input changed
// since, so `npm start`, `npm test`, scripts/run-tests.mjs and the harnesses that run the compiled binary
// (test/e2e/processHarness.ts, bench/childProcess.ts) may call it every time: none of them runs an old dist/.
import {cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join, relative} from 'node:path';
import {spawnSync} from 'node:child_process';
import {inputChangedSince, readStamp, repoRoot, stampPath} from './distFreshness.mjs';

const dist = join(repoRoot, 'dist');
const source = join(repoRoot, 'source');

/**
 * status: "current" (nothing to do), "built", "typeErrors" (tsc reported errors, now or in the build that
 * is still current, but emitted dist/, which is stamped: it matches the source), "failed" (nothing usable
 * was emitted; the message says why). showTypeErrors: print tsc's errors, and redo a build that had some.
 */
export function buildDist({log = (line) => process.stderr.write(`${line}\n`), showTypeErrors = true} = {}) {
  const stamp = readStamp();
  // a build that had type errors is done again only for a caller that reports them (`npm run build`)
  const acceptable = stamp !== null && (stamp.typeClean || !showTypeErrors);
  if (acceptable && existsSync(join(dist, 'cli.js')) && inputChangedSince(stamp.inputsAsOf) === null) return {status: stamp.typeClean ? 'current' : 'typeErrors'};
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    return {status: 'failed', message: 'TypeScript is not installed (a production install, `npm ci --omit=dev`, cannot build: build with the dev dependencies and copy dist/, as deploy/docker/Dockerfile does)'};
  }
  const started = Date.now();
  // tsc writes its incremental state last, so an interrupted build is redone next time; but it does not
  // notice deleted outputs, so without the entry point it compiles everything again. Nothing is deleted
  // otherwise: another process may be running the binary from dist/ meanwhile.
  if (!existsSync(join(dist, 'cli.js'))) rmSync(join(dist, '.tsbuildinfo'), {force: true});
  const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
  // tsc exits 0 (clean), 2 (errors, output emitted), 1 (errors, nothing emitted)
  const failed = run.status !== 0 && run.status !== 2;
  if (showTypeErrors || failed) process.stdout.write(`${run.stdout ?? ''}${run.stderr ?? ''}`);
  if (failed) return {status: 'failed', message: `tsc -p tsconfig.build.json exited ${run.status ?? run.signal}`};
  copyAssets(source);
  // written whole, then renamed: a concurrent reader sees the old stamp or the new one
  const temporary = `${stampPath}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({inputsAsOf: started, typeClean: run.status === 0}) + '\n');
  renameSync(temporary, stampPath);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`build: source/ → dist/ in ${seconds} s${run.status === 0 ? '' : ' (with type errors: `npm run typecheck` lists them)'}`);
  return {status: run.status === 0 ? 'built' : 'typeErrors'};
}

/** Every non-TypeScript file under source/ (e.g. .proto), to the same place under dist/. */
function copyAssets(dir) {
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) copyAssets(path);
    // hidden files and editor backups are not assets
    else if (!/\.tsx?$/.test(entry.name) && !entry.name.startsWith('.') && !entry.name.endsWith('~')) {
      const target = join(dist, relative(source, path));
      mkdirSync(dirname(target), {recursive: true});
      cpSync(path, target);
    }
  }
}

/**
 * For code that is about to run the compiled binary from a checkout: dist/ rebuilt when a source changed
 * since the last build (a type error only warns: tsx-run tests ignore types too); throws, naming the
 * cause, when no usable dist/ could be built.
 */
export function ensureDistCurrent(who) {
  const result = buildDist({log: (line) => process.stderr.write(`${who}: ${line}\n`), showTypeErrors: false});
  if (result.status === 'failed') throw new Error(`${who}: cannot build dist/: ${result.message}`);
}
