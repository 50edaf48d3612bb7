import {test} from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {EventQueue} from '../../source/engine/queue.js';
import type {EngineEvent} from '../../source/engine/events.js';

const timer = (at: number): EngineEvent => ({type: 'timer', timer: 'depthCheck', at});
const conn = (at: number): EngineEvent => ({type: 'connection', stream: 'mexc.book', state: 'live', reason: null, at});

test('next() resolves immediately with everything already queued, in arrival order', async () => {
  const queue = new EventQueue();
  queue.push(timer(1));
  queue.push(conn(2));
  queue.push(timer(3));
  assert.equal(queue.depth, 3);
  const batch = await queue.next();
  assert.deepEqual(batch.map((e) => e.at), [1, 2, 3]);
  assert.equal(queue.depth, 0);
  assert.equal(queue.pushed, 3);
});

test('a waiting consumer gets a burst of 1,000 synchronous pushes as one batch', async () => {
  const queue = new EventQueue();
  const pending = queue.next();
  for (let i = 0; i < 1000; i++) queue.push(timer(i));
  const batch = await pending;
  assert.equal(batch.length, 1000);
  assert.deepEqual(batch.map((e) => e.at), Array.from({length: 1000}, (_, i) => i));
  assert.equal(queue.depth, 0);
});

test('a second concurrent next() rejects: the queue has a single consumer', async () => {
  const queue = new EventQueue();
  const first = queue.next();
  await assert.rejects(queue.next(), /single consumer/);
  queue.push(timer(1));
  assert.equal((await first).length, 1);
});

test('close() resolves a pending next() with [] and drains what is queued first', async () => {
  const queue = new EventQueue();
  const pending = queue.next();
  queue.close();
  assert.deepEqual(await pending, []);

  const other = new EventQueue();
  other.push(timer(1));
  other.close();
  other.push(timer(2));
  assert.equal(other.dropped, 1);
  assert.deepEqual((await other.next()).map((e) => e.at), [1]);
  assert.deepEqual(await other.next(), []);
});

test('overloadCount counts each crossing of the high-water mark, not each event above it', async () => {
  const queue = new EventQueue({highWater: 3});
  for (let i = 0; i < 6; i++) queue.push(timer(i));
  assert.equal(queue.overloadCount, 1);
  await queue.next();
  for (let i = 0; i < 4; i++) queue.push(timer(i));
  assert.equal(queue.overloadCount, 2);
  assert.equal(queue.highWater, 3);
  assert.equal(new EventQueue().highWater, 10_000);
});

test('push never throws, even with a bad event shape', () => {
  const queue = new EventQueue();
  assert.doesNotThrow(() => queue.push({} as EngineEvent));
  assert.equal(queue.depth, 1);
});

test('property: batches preserve order per source and overall, whatever the interleaving', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({source: fc.integer({min: 0, max: 3}), yieldAfter: fc.boolean()}), {minLength: 1, maxLength: 200}),
      async (script) => {
        const queue = new EventQueue({highWater: 50});
        const received: EngineEvent[] = [];
        const consumer = (async () => {
          for (;;) {
            const batch = await queue.next();
            if (batch.length === 0) return;
            received.push(...batch);
          }
        })();
        let seq = 0;
        for (const step of script) {
          queue.push({type: 'connection', stream: 'mexc.book', state: 'live', reason: String(step.source), at: seq++});
          if (step.yieldAfter) await Promise.resolve();
        }
        queue.close();
        await consumer;
        assert.deepEqual(received.map((e) => e.at), Array.from({length: script.length}, (_, i) => i));
        for (let source = 0; source < 4; source++) {
          const ats = received.filter((e) => e.type === 'connection' && e.reason === String(source)).map((e) => e.at);
          assert.deepEqual(ats, [...ats].sort((a, b) => a - b));
        }
      },
    ),
    {numRuns: 200},
  );
});

test('the high-water mark must be a positive integer', () => {
  for (const bad of [0, -1, 1.5, Number.NaN]) {
    assert.throws(() => new EventQueue({highWater: bad}), {message: `highWater must be a positive integer, got ${bad}`});
  }
  assert.equal(new EventQueue({highWater: 1}).highWater, 1);
});

test('a high-water mark of 1 counts an overload at the second queued event', () => {
  const queue = new EventQueue({highWater: 1});
  queue.push(timer(1));
  assert.equal(queue.overloadCount, 0);
  queue.push(timer(2));
  assert.equal(queue.overloadCount, 1);
});

test('isClosed reports close(); closing twice is harmless', async () => {
  const queue = new EventQueue();
  assert.equal(queue.isClosed, false);
  queue.close();
  queue.close();
  assert.equal(queue.isClosed, true);
  assert.deepEqual(await queue.next(), []);
});

test('maxDepth is the deepest the queue has been, kept after it is drained', async () => {
  const queue = new EventQueue();
  assert.equal(queue.maxDepth, 0);
  for (let i = 0; i < 4; i++) queue.push(timer(i));
  await queue.next();
  queue.push(timer(9));
  assert.deepEqual([queue.depth, queue.maxDepth, queue.pushed], [1, 4, 5]);
});

test('events pushed after close are counted as dropped, one each', () => {
  const queue = new EventQueue();
  queue.close();
  queue.push(timer(1));
  queue.push(timer(2));
  assert.deepEqual([queue.dropped, queue.depth, queue.pushed], [2, 0, 0]);
});
