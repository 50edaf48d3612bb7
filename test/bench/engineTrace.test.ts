// The engine trace is how a restructure proves it changed no behaviour (docs/architecture.md §5): that
// only holds if the digest depends on the seed alone, never on how fast this machine ran the decisions.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {fileURLToPath} from 'node:url';

const run = promisify(execFile);
const trace = fileURLToPath(new URL('../../bench/engineTrace.ts', import.meta.url));

async function digestOf(seed: number): Promise<string> {
  const {stdout} = await run(process.execPath, ['--import', 'tsx', trace, '--seed', String(seed), '--minutes', '15'], {timeout: 60_000});
  const digest = (JSON.parse(stdout.trim().split('\n').at(-1)!) as {digest: string}).digest;
  assert.match(digest, /^[0-9a-f]{64}$/);
  return digest;
}

test('the engine trace gives the same digest for the same seed on every run, and another for another seed', async () => {
  const [a, b, other] = await Promise.all([digestOf(4), digestOf(4), digestOf(5)]);
  assert.equal(a, b);
  assert.notEqual(a, other);
});
