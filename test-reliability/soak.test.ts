// Full suite: 3 simulated days through the engine and journals; long enough to assert the heap stays flat.
import {test} from 'node:test';
import {soakTest} from '../test/reliability/scenarios.js';

soakTest(test, 72, {heapGrowthLimitMb: 20});
