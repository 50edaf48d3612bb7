// Quick part (inside `npm test`): 6 simulated hours, heap growth printed but not asserted (too short, and a
// machine-dependent figure); test-reliability/soak.test.ts runs 3 simulated days and asserts it.
import {test} from 'node:test';
import {soakTest} from './scenarios.js';

soakTest(test, 6);
