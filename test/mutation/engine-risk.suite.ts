import {loadTestFiles} from './loadTestFiles.js';

await loadTestFiles('test/engine/risk');
