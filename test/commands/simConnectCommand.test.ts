// The command `mexc-mm sim` prints for connecting a bot to it.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {botInvocation, simConnectCommand} from '../../source/commands/simConnectCommand.js';

test('keys as environment variables, then the binary, the three endpoints and both symbols', () => {
  const command = simConnectCommand({
    urls: {mexcRest: 'http://127.0.0.1:1', mexcWs: 'ws://127.0.0.1:1/ws', kucoinRest: 'http://127.0.0.1:2'},
    account: {apiKey: 'mx0vKEY', apiSecret: 'SECRET'},
    symbol: 'RMVUSDT',
    referenceSymbol: 'RMV-USDT',
    invocation: 'mexc-mm',
  });
  assert.equal(
    command,
    'MEXC_API_KEY=mx0vKEY MEXC_API_SECRET=SECRET mexc-mm --mexc-rest http://127.0.0.1:1 --mexc-ws ws://127.0.0.1:1/ws --kucoin-rest http://127.0.0.1:2 --symbol RMVUSDT --reference-symbol RMV-USDT',
  );
});

test('the invocation runs the same binary: installed, through npm start, or by path', () => {
  assert.equal(botInvocation(['/usr/bin/node', '/usr/local/bin/mexc-mm', 'sim'], {}, []), 'mexc-mm');
  assert.equal(botInvocation(['/usr/bin/node', '/src/bin/mexc-mm.js', 'sim'], {}, []), 'node /src/bin/mexc-mm.js');
  assert.equal(botInvocation(['/usr/bin/node', '/src/source/cli.tsx', 'sim'], {}, ['--import', 'tsx']), 'node --import tsx /src/source/cli.tsx');
  assert.equal(botInvocation(['/usr/bin/node', '/src/dist/cli.js', 'sim'], {npm_lifecycle_event: 'start'}, []), 'npm start --');
});
