// Full suite: 50 random kill -9.
import {test} from 'node:test';
import {crashLoopTest} from '../test/reliability/scenarios.js';

crashLoopTest(test, 50, 4000);
