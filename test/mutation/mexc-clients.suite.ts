import {loadTestFiles} from './loadTestFiles.js';

// MEXC's clients against scripted servers on loopback (slower: sockets and timers).
await loadTestFiles(
  'test/exchanges/mexc/mexcRestClient.test',
  'test/exchanges/mexc/mexcTradingPort.test',
  'test/exchanges/mexc/mexcUserStream.test',
  'test/exchanges/mexc/mexcBookStream.test',
  'test/exchanges/mexc/depthSync.test',
);
