// Full suite: every simulator fault alone, then all together.
import {test} from 'node:test';
import {faultNames} from '../source/sim/faults.js';
import {faultTests} from '../test/reliability/scenarios.js';

faultTests(test, [...faultNames.map((name) => [name] as const), faultNames], 25);
