import {loadTestFiles} from './loadTestFiles.js';

// The kernel's own tests (kernel, queue, timers, market data, ...) sit directly in test/engine, beside
// the folders that have suites of their own.
await loadTestFiles('test/engine/*');
