// Full suite: 3 simulated days through the engine and journals.
import {test} from 'node:test';
import {soakTest} from '../test/reliability/scenarios.js';

soakTest(test, 72);
