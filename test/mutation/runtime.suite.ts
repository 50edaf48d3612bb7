import {loadTestFiles} from './loadTestFiles.js';

await loadTestFiles('test/runtime');
