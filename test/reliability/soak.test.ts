// Quick part (inside `npm test`): 6 simulated hours; test-reliability/soak.test.ts runs 3 simulated days.
import {test} from 'node:test';
import {soakTest} from './scenarios.js';

soakTest(test, 6);
