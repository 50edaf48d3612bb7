// Quick part of the reliability fuzz (inside `npm test`); test-reliability/fuzz.test.ts runs the same tests with more cases.
import {test} from 'node:test';
import {runFuzzSuite} from './fuzzSuite.js';

runFuzzSuite(test, {inProcess: 10_000, overSockets: 1_000, restRequests: 300, seed: 20240601});
