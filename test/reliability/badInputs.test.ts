// Bad command lines and config files: every one is a usage error (exit 2) whose message names the flag or
// the config key path. Most go through the in-process parser (the binary calls exactly it); a sample of
// each kind goes through the real binary. Complements test/cli/parseCommandLine.test.ts (not repeated here).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parseCommandLine, UsageError} from '../../source/cli/parseCommandLine.js';
import {CLI} from '../e2e/processHarness.js';

type Case = {name: string; argv: (dir: string) => string[]; names: RegExp; binary?: boolean};

const config = (body: unknown) => (dir: string) => {
  const file = join(dir, `c-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
  return ['--config', file];
};

const cases: Case[] = [
  // flags
  {name: 'unknown flag with a value', argv: () => ['--levels', '5'], names: /--levels/, binary: true},
  {name: 'unknown flag in --x=y form', argv: () => ['--speed=3'], names: /--speed/},
  {name: 'misspelt flag', argv: () => ['--data-directory', '/tmp/x'], names: /--data-directory/},
  {name: 'single-dash short flag', argv: () => ['-v'], names: /-v/},
  {name: '--duration not a number (= form)', argv: () => ['--duration=ten'], names: /--duration/, binary: true},
  {name: '--duration infinite', argv: () => ['--duration', 'Infinity'], names: /--duration/},
  {name: '--duration empty', argv: () => ['--duration', ''], names: /--duration/},
  {name: '--seed negative', argv: () => ['--seed', '-1'], names: /--seed/},
  {name: '--seed hexadecimal text', argv: () => ['--seed', 'abc'], names: /--seed/},
  {name: '--port negative', argv: () => ['sim', '--port', '-80'], names: /--port/, binary: true},
  {name: '--port fractional', argv: () => ['sim', '--port', '80.5'], names: /--port/},
  {name: '--port one past the range', argv: () => ['sim', '--port', '65536'], names: /--port/},
  {name: '--scenario wrong case', argv: () => ['--scenario', 'Calm'], names: /--scenario/},
  {name: '--faults with an unknown one among good ones', argv: () => ['--faults', 'wsDrop, stalls'], names: /--faults.*stalls/},
  {name: '--mexc-rest without scheme', argv: () => ['--mexc-rest', '127.0.0.1:9'], names: /--mexc-rest/},
  {name: '--mexc-ws with an http URL', argv: () => ['--mexc-ws', 'https://127.0.0.1/ws'], names: /--mexc-ws/, binary: true},
  {name: '--kucoin-rest with a ws URL', argv: () => ['--kucoin-rest', 'ws://127.0.0.1'], names: /--kucoin-rest/},
  {name: '--reference-symbol without dash', argv: () => ['--reference-symbol', 'RMVUSDT'], names: /--reference-symbol/},
  {name: '--symbol lower case', argv: () => ['--symbol', 'rmvusdt'], names: /--symbol/},
  {name: '--data-dir empty', argv: () => ['--data-dir', ''], names: /--data-dir/},
  {name: 'check without --live', argv: () => ['check'], names: /check.*--live/},
  {name: 'two commands', argv: () => ['status', 'report'], names: /unexpected argument "report"/},
  {name: '--since malformed for report', argv: () => ['report', '--since', '-24x'], names: /--since/},
  {name: 'conflicting --paper --live after the command', argv: () => ['run', '--paper', '--live'], names: /--live and --paper/},
  // config files
  {name: 'missing config file', argv: (dir) => ['--config', join(dir, 'nope.json')], names: /--config.*cannot read/, binary: true},
  {name: 'config file is a directory', argv: (dir) => ['--config', dir], names: /--config.*cannot read/},
  {name: 'config file truncated JSON', argv: config('{"levels": 5,'), names: /--config.*not valid JSON/},
  {name: 'config file empty', argv: config(''), names: /--config.*not valid JSON/},
  {name: 'config file is an array', argv: config([1, 2]), names: /\(top level\)/},
  {name: 'config file is a string', argv: config('"levels"'), names: /\(top level\)/},
  {name: 'unknown top-level key', argv: config({levls: 5}), names: /levls: unknown key/, binary: true},
  {name: 'nested key typo', argv: config({risk: {inventoryBand: {minBaseRatoi: 0.2}}}), names: /risk\.inventoryBand\.minBaseRatoi: unknown key/, binary: true},
  {name: 'deep nested wrong type', argv: config({risk: {killBaseRatio: {min: '0.1'}}}), names: /risk\.killBaseRatio\.min/},
  {name: 'levels zero', argv: config({levels: 0}), names: /^\s*levels:/m},
  {name: 'levels fractional', argv: config({levels: 2.5}), names: /^\s*levels:/m},
  {name: 'levels above the maximum', argv: config({levels: 21}), names: /^\s*levels:/m},
  {name: 'depth target negative', argv: config({depthTargetUsdt: -1}), names: /depthTargetUsdt/},
  {name: 'bandPct out of range', argv: config({bandPct: 0.5}), names: /bandPct/},
  {name: 'timer zero', argv: config({timers: {reconcileIntervalSec: 0}}), names: /timers\.reconcileIntervalSec/},
  {name: 'section given as a number', argv: config({timers: 5}), names: /^\s*timers:/m},
  {name: 'null value', argv: config({quoting: {halfSpreadPct: null}}), names: /quoting\.halfSpreadPct/},
  {name: 'fair price model unknown', argv: config({fairPrice: {model: 'vwap'}}), names: /fairPrice\.model/},
  {name: 'boolean as string', argv: config({fairPrice: {includeOwnOrders: 'yes'}}), names: /fairPrice\.includeOwnOrders/},
  {name: 'bad URL in config', argv: config({exchange: {mexcRest: 'not a url'}}), names: /exchange\.mexcRest/},
  {name: 'clientOrderIdPrefix with a dash', argv: config({exchange: {clientOrderIdPrefix: 'mm-x'}}), names: /exchange\.clientOrderIdPrefix/},
  {name: 'recvWindowMs above the maximum', argv: config({exchange: {recvWindowMs: 120000}}), names: /exchange\.recvWindowMs/},
  {name: 'journal file size below the minimum', argv: config({journal: {maxFileBytes: 100}}), names: /journal\.maxFileBytes/},
  {name: 'unknown fault in config', argv: config({sim: {faults: ['wsDrop', 'meteor']}}), names: /sim\.faults\.1/},
  {name: 'inventory band inverted', argv: config({risk: {inventoryBand: {minBaseRatio: 0.9, maxBaseRatio: 0.1}}}), names: /risk\.inventoryBand/},
  {name: 'kill ratio inverted', argv: config({risk: {killBaseRatio: {min: 0.6, max: 0.4}}}), names: /risk\.killBaseRatio/},
  {name: 'half-spread leaves no room in the band', argv: config({quoting: {halfSpreadPct: 0.019}}), names: /quoting\.halfSpreadPct/},
  {name: 'order cap above the total cap', argv: config({risk: {maxOrderNotionalUsdt: 5000}}), names: /risk\.maxOrderNotionalUsdt/},
  {name: 'several problems at once: each named', argv: config({levels: -1, typo: 1, journal: {retentionDays: 0}}), names: /levels[\s\S]*typo[\s\S]*journal\.retentionDays|levels[\s\S]*journal\.retentionDays[\s\S]*typo/},
  {name: 'good file, bad flag on top', argv: (dir) => [...config({levels: 6})(dir), '--seed', '-3'], names: /--seed/},
];

test(`bad CLI/config table: ${cases.length} inputs, each a usage error naming the flag or key`, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-rel-cli-'));
  t.after(() => rmSync(dir, {recursive: true, force: true}));
  const failures: string[] = [];
  for (const c of cases) {
    try {
      parseCommandLine(c.argv(dir));
      failures.push(`${c.name}: accepted`);
    } catch (error) {
      if (!(error instanceof UsageError)) failures.push(`${c.name}: threw ${String(error)} instead of a usage error`);
      else if (!c.names.test(error.message)) failures.push(`${c.name}: message does not name it (${c.names.source}): ${error.message}`);
    }
  }
  console.log(`bad inputs: ${cases.length} cases through the parser, ${cases.length - failures.length} named the flag/key`);
  assert.deepEqual(failures, []);
});

test('bad CLI/config table through the real binary: exit 2 and stderr names the flag or key', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-rel-cli-'));
  t.after(() => rmSync(dir, {recursive: true, force: true}));
  const sample = cases.filter((c) => c.binary);
  const failures: string[] = [];
  for (const c of sample) {
    // --data-dir in the temp dir so a parser that wrongly accepted the input could not touch ./data
    const argv = [...c.argv(dir), ...(c.argv(dir).includes('sim') ? [] : ['--data-dir', join(dir, 'data')])];
    const run = spawnSync(process.execPath, [...CLI, ...argv], {encoding: 'utf8', timeout: 30_000, env: {...process.env, NO_COLOR: '1'}});
    if (run.status !== 2) failures.push(`${c.name}: exit ${run.status} (${run.signal ?? ''}) ${run.stderr.slice(0, 200)}`);
    else if (!c.names.test(run.stderr)) failures.push(`${c.name}: stderr does not name it: ${run.stderr}`);
    else if (run.stdout !== '') failures.push(`${c.name}: printed to stdout: ${run.stdout.slice(0, 100)}`);
  }
  console.log(`bad inputs: ${sample.length} cases through the binary, all exit 2`);
  assert.deepEqual(failures, []);
});
