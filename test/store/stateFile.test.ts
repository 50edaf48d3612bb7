import {test} from 'node:test';
import assert from 'node:assert/strict';
import {chmod, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {corruptCopyName, readStateFile, StateFile, stateFileName} from '../../source/store/stateFile.js';
import {deadPid, fixtureNow, makeComplianceHistory, makePersistedState, spawnChildScript, tempDir, waitFor} from './fixtures.js';

const mode = async (path: string) => (await stat(path)).mode & 0o777;

test('a new StateFile on the same dir restores the halted flag and the compliance history', async (t) => {
  const dir = await tempDir(t);
  const first = await StateFile.open(dir);
  assert.equal(first.load(), null);
  assert.equal(first.lastLoadProblem, null);
  const halted = {since: fixtureNow - 5_000, reason: 'kill switch: 8 consecutive order errors'};
  const history = makeComplianceHistory();
  await first.save(makePersistedState({halted, complianceHistory: history, paused: true}));

  const restarted = await StateFile.open(dir);
  const loaded = restarted.load();
  assert.equal(restarted.lastLoadProblem, null);
  assert.ok(loaded);
  assert.deepEqual(loaded.halted, halted);
  assert.equal(loaded.paused, true);
  assert.deepEqual(loaded.complianceHistory, history);
  assert.equal(loaded.complianceHistory.minutes.length, 1440);
  assert.deepEqual(loaded, makePersistedState({halted, complianceHistory: history, paused: true}));
});

test('load() returns the latest successful save', async (t) => {
  const dir = await tempDir(t);
  const file = await StateFile.open(dir);
  const state = makePersistedState({updatedAt: fixtureNow + 1});
  await file.save(state);
  assert.equal(file.load()?.updatedAt, fixtureNow + 1);
});

test('the state file is written with mode 0600, also over an existing world-readable file', async (t) => {
  const dir = await tempDir(t);
  const path = join(dir, stateFileName);
  await writeFile(path, '{}', {mode: 0o644});
  await chmod(path, 0o644);
  const file = await StateFile.open(dir);
  await file.save(makePersistedState());
  assert.equal(await mode(path), 0o600);
  const previousUmask = process.umask(0);
  try {
    await file.save(makePersistedState({updatedAt: fixtureNow + 1}));
  } finally {
    process.umask(previousUmask);
  }
  assert.equal(await mode(path), 0o600);
});

test('a writer killed with SIGKILL mid-save never leaves a torn state file', async (t) => {
  const dir = await tempDir(t);
  for (let round = 0; round < 3; round++) {
    const writer = spawnChildScript(t, 'stateWriter.ts', [dir]);
    // Let it save a varying number of times, then kill it wherever it happens to be.
    const target = 20 + round * 37;
    await waitFor(() => new RegExp(`saved ${target}\\n`).test(writer.output()), `save ${target}`, 15_000);
    writer.child.kill('SIGKILL');
    await writer.exited;
    const result = await readStateFile(dir);
    assert.ok('state' in result, `round ${round}: ${'problem' in result ? result.problem : ''}`);
    const saved = Number(/saved (\d+)\n(?![\s\S]*saved)/.exec(writer.output())?.[1]);
    // The file holds the last acknowledged save or the one in flight when it died.
    const n = result.state.halted?.since ?? -1;
    assert.ok(n === saved || n === saved + 1, `round ${round}: file has save ${n}, last acknowledged ${saved}`);
    assert.equal(await mode(join(dir, stateFileName)), 0o600);
  }
  // Whatever temp files the dead writers left are ignored by load() and removed on open.
  const reopened = await StateFile.open(dir);
  assert.equal(reopened.lastLoadProblem, null);
  assert.ok(reopened.load());
  assert.deepEqual((await readdir(dir)).filter((name) => name.endsWith('.tmp')), []);
});

test('a partial temp file left by a crashed writer is ignored by load() and cleaned up on open', async (t) => {
  const dir = await tempDir(t);
  const good = await StateFile.open(dir);
  await good.save(makePersistedState({halted: {since: 1, reason: 'drawdown beyond limit'}}));
  const full = JSON.stringify(makePersistedState({halted: null}));
  const tempName = `.${stateFileName}.${await deadPid()}.7.tmp`;
  await writeFile(join(dir, tempName), full.slice(0, Math.floor(full.length / 2)));

  const file = await StateFile.open(dir);
  assert.equal(file.lastLoadProblem, null);
  assert.deepEqual(file.load()?.halted, {since: 1, reason: 'drawdown beyond limit'});
  assert.ok(!(await readdir(dir)).includes(tempName));
});

test('a corrupt state file loads as null with a reason, is kept as state.json.corrupt, and the next save replaces it', async (t) => {
  const dir = await tempDir(t);
  const text = JSON.stringify(makePersistedState());
  await writeFile(join(dir, stateFileName), text.slice(0, 5000));
  const file = await StateFile.open(dir);
  assert.equal(file.load(), null);
  assert.match(file.lastLoadProblem ?? '', /state\.json is not valid JSON/);
  assert.equal(await readFile(join(dir, corruptCopyName), 'utf8'), text.slice(0, 5000));
  assert.equal(await mode(join(dir, corruptCopyName)), 0o600);
  await file.save(makePersistedState());
  assert.ok('state' in (await readStateFile(dir)));
});

test('a state file of the wrong shape loads as null and names the bad keys', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, stateFileName), JSON.stringify({schemaVersion: 2, mode: 'sim'}));
  const file = await StateFile.open(dir);
  assert.equal(file.load(), null);
  assert.match(file.lastLoadProblem ?? '', /unexpected shape: schemaVersion: /);
});

test('a damaged display field does not cost the halted flag: the state is restored with a warning', async (t) => {
  const dir = await tempDir(t);
  const state = {...makePersistedState({halted: {since: 5, reason: 'inventory out of band'}}), orders: 'garbage'};
  await writeFile(join(dir, stateFileName), JSON.stringify(state));
  const file = await StateFile.open(dir);
  assert.deepEqual(file.load()?.halted, {since: 5, reason: 'inventory out of band'});
  assert.deepEqual(file.load()?.complianceHistory, makeComplianceHistory());
  assert.match(file.lastLoadProblem ?? '', /orders: .*restored the halted flag/);
  // `status` is stricter: it must not print garbage as if it were the state.
  const read = await readStateFile(dir);
  assert.ok('problem' in read);
  assert.match(read.problem, /orders/);
});

test('concurrent saves are serialised and coalesced; every call resolves and the file holds the last state', async (t) => {
  const dir = await tempDir(t);
  const file = await StateFile.open(dir);
  const saves = Array.from({length: 40}, (_, i) => file.save(makePersistedState({updatedAt: fixtureNow + i})));
  await Promise.all(saves);
  const read = await readStateFile(dir);
  assert.ok('state' in read);
  assert.equal(read.state.updatedAt, fixtureNow + 39);
  assert.equal(file.load()?.updatedAt, fixtureNow + 39);
  const {saves: written, saveErrors} = file.stats();
  assert.equal(saveErrors, 0);
  assert.ok(written >= 2 && written < 40, `expected coalesced writes, got ${written}`);
});

test('a failed save rejects with the I/O error and is counted; the next save after the cause is fixed works', async (t) => {
  const root = await tempDir(t);
  const dir = join(root, 'data');
  const {mkdir} = await import('node:fs/promises');
  await mkdir(dir);
  const file = await StateFile.open(dir);
  await rm(dir, {recursive: true});
  await assert.rejects(file.save(makePersistedState()), /ENOENT/);
  assert.equal(file.stats().saveErrors, 1);
  await mkdir(dir);
  await file.save(makePersistedState());
  assert.ok('state' in (await readStateFile(dir)));
});

test('readStateFile reports a missing file with the path and the --data-dir hint', async (t) => {
  const dir = await tempDir(t);
  const result = await readStateFile(dir);
  assert.ok('problem' in result);
  assert.match(result.problem, /no state file at .*state\.json \(has mexc-mm run with --data-dir/);
});
