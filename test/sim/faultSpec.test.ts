// How a fault is asked for (source/sim/faultSpec.ts): NAME[:DURATION[@START]], with units, defaults per
// kind of fault, and errors that say what is wrong.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {DEFAULT_OUTAGE_SEC, FaultSpecError, describeFaultSpec, parseFaultList, parseFaultSpec} from '../../source/sim/faultSpec.js';
import {faultNames, outageFaultNames, stressFaultNames} from '../../source/sim/faults.js';

test('a bare outage name lasts the default 2 minutes from the start; a bare stress fault stays on', () => {
  assert.equal(DEFAULT_OUTAGE_SEC, 120);
  assert.deepEqual(parseFaultSpec('referenceOutage'), {name: 'referenceOutage', startSec: 0, durationSec: 120});
  assert.deepEqual(parseFaultSpec('mexcPublicOutage'), {name: 'mexcPublicOutage', startSec: 0, durationSec: 120});
  assert.deepEqual(parseFaultSpec('wsDrop'), {name: 'wsDrop', startSec: 0, durationSec: null});
});

test('durations and starts take s, m, h or plain seconds', () => {
  assert.deepEqual(parseFaultSpec('referenceOutage:10m@30s'), {name: 'referenceOutage', startSec: 30, durationSec: 600});
  assert.deepEqual(parseFaultSpec(' referenceOutage:90@1m '), {name: 'referenceOutage', startSec: 60, durationSec: 90});
  assert.deepEqual(parseFaultSpec('stall:1h'), {name: 'stall', startSec: 0, durationSec: 3600});
  assert.deepEqual(parseFaultSpec('serverError:2.5s@0.5s'), {name: 'serverError', startSec: 0.5, durationSec: 2.5});
  assert.deepEqual(parseFaultSpec('mexcPublicOutage@45s'), {name: 'mexcPublicOutage', startSec: 45, durationSec: 120}, 'a start without a duration keeps the default');
});

test('bad specs are refused with the reason: unknown name (listing the known ones), bad or zero duration, bad start', () => {
  assert.throws(() => parseFaultSpec('meteor'), (error: unknown) => error instanceof FaultSpecError && /unknown fault "meteor"/.test(error.message) && error.message.includes(faultNames.join(', ')));
  assert.throws(() => parseFaultSpec('referenceOutage:ten'), /duration "ten" is not a duration/);
  assert.throws(() => parseFaultSpec('referenceOutage:5d'), /duration "5d"/);
  assert.throws(() => parseFaultSpec('referenceOutage:0s'), /duration must be > 0/);
  assert.throws(() => parseFaultSpec('referenceOutage:2m@soon'), /start "soon"/);
  assert.throws(() => parseFaultSpec('referenceOutage:-5s'), /is not a duration/);
  assert.throws(() => parseFaultSpec(''), /is not NAME/);
});

test('a list splits on commas, skips blanks and refuses the same fault twice', () => {
  assert.deepEqual(
    parseFaultList('wsDrop, referenceOutage:20s@10s,,'),
    [
      {name: 'wsDrop', startSec: 0, durationSec: null},
      {name: 'referenceOutage', startSec: 10, durationSec: 20},
    ],
  );
  assert.throws(() => parseFaultList('referenceOutage:1m,referenceOutage:2m@5m'), /referenceOutage is given twice/);
});

test('the outages are not stress faults, and every fault is one or the other', () => {
  for (const name of outageFaultNames) assert.ok(!(stressFaultNames as readonly string[]).includes(name), name);
  assert.deepEqual([...faultNames].sort(), [...stressFaultNames, ...outageFaultNames].sort());
});

test('a spec reads back as written for the banner', () => {
  assert.equal(describeFaultSpec(parseFaultSpec('referenceOutage:10m@30s')), 'referenceOutage for 10m from 30s');
  assert.equal(describeFaultSpec(parseFaultSpec('referenceOutage:90s')), 'referenceOutage for 90s from the start');
  assert.equal(describeFaultSpec(parseFaultSpec('wsDrop')), 'wsDrop on from the start');
});
