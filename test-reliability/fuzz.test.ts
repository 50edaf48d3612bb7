// Full suite: 50 k cases per input kind in process, 5 k over sockets.
import {test} from 'node:test';
import {runFuzzSuite} from '../test/reliability/fuzzSuite.js';

runFuzzSuite(test, {inProcess: 50_000, overSockets: 5_000, restRequests: 1_000, seed: 7_000_001});
