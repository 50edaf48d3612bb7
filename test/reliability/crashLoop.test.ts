// Quick part (inside `npm test`): 20 kills; test-reliability/crashLoop.test.ts runs 50.
import {test} from 'node:test';
import {crashLoopTest} from './scenarios.js';

crashLoopTest(test, 20, 3000);
