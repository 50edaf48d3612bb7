// Quick part (inside `npm test`): all faults together, and two alone; test-reliability/ runs each alone.
import {test} from 'node:test';
import {faultNames} from '../../source/sim/faults.js';
import {faultTests} from './scenarios.js';

faultTests(test, [faultNames, ['timeoutAfterAccept'], ['listenKeyExpiry']], 15);
