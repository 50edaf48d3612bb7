import {loadTestFiles} from './loadTestFiles.js';

// MEXC's wire facts without sockets: signing, reading responses, error and reject-code mapping,
// exchange rules, protobuf.
await loadTestFiles(
  'test/exchanges/mexc/signing.test',
  'test/exchanges/mexc/errors.test',
  'test/exchanges/mexc/restResponse.test',
  'test/exchanges/mexc/retryAfter.test',
  'test/exchanges/mexc/rejectReasons.test',
  'test/exchanges/mexc/symbolRulesFromExchange.test',
  'test/exchanges/mexc/protobufVectors.test',
  'test/exchanges/mexc/rateLimiter.test',
);
