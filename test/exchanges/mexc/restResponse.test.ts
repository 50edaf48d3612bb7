import assert from 'node:assert/strict';
import {test} from 'node:test';
import {z} from 'zod';
import {interpretResponse, transportReason} from '../../../source/exchanges/mexc/restResponse.js';

const orderAck = z.object({orderId: z.string()});
const NOW = 1_760_000_000_000;
const read = (status: number, body: string, retryAfter?: string) => interpretResponse(orderAck, status, body, retryAfter, NOW);

test('a 2xx body in the documented shape is a success with the parsed data', () => {
  assert.deepEqual(read(200, '{"orderId":"C02__1","extra":1}'), {kind: 'ok', data: {orderId: 'C02__1'}});
  assert.deepEqual(read(299, '{"orderId":"x"}'), {kind: 'ok', data: {orderId: 'x'}});
});

test('429 and 418 are rate-limit refusals with MEXC code and message and the Retry-After delay', () => {
  assert.deepEqual(read(429, '{"code":429,"msg":"Too Many Requests"}', '3'), {
    kind: 'rateLimited',
    httpStatus: 429,
    code: 429,
    msg: 'Too Many Requests',
    retryAfterMs: 3000,
  });
  assert.deepEqual(read(418, '<html>banned</html>'), {kind: 'rateLimited', httpStatus: 418, code: null, msg: 'HTTP 418', retryAfterMs: null});
});

test('an error status carries MEXC code and message; the code may come as a numeric string', () => {
  assert.deepEqual(read(400, '{"code":-1121,"msg":"Invalid symbol."}'), {kind: 'apiError', httpStatus: 400, code: -1121, msg: 'Invalid symbol.'});
  assert.deepEqual(read(400, '{"code":"730708","msg":"parameter error"}'), {kind: 'apiError', httpStatus: 400, code: 730708, msg: 'parameter error'});
  assert.deepEqual(read(400, '{"code":"-5","msg":"m"}'), {kind: 'apiError', httpStatus: 400, code: -5, msg: 'm'});
  assert.deepEqual(read(300, '{"code":1,"msg":"moved"}'), {kind: 'apiError', httpStatus: 300, code: 1, msg: 'moved'});
});

test('an error status without a readable message shows the body itself, cut at 200 characters', () => {
  assert.deepEqual(read(502, 'Bad Gateway'), {kind: 'apiError', httpStatus: 502, code: null, msg: 'Bad Gateway'});
  assert.deepEqual(read(400, '{"code":123}'), {kind: 'apiError', httpStatus: 400, code: 123, msg: '{"code":123}'});
  assert.deepEqual(read(400, '{"code":"abc","msg":"text only"}'), {kind: 'apiError', httpStatus: 400, code: null, msg: 'text only'});
  const exactly200 = 'x'.repeat(200);
  assert.equal((read(500, exactly200) as {msg: string}).msg, exactly200);
  const long = `${'a'.repeat(200)}${'b'.repeat(50)}`;
  assert.equal((read(500, long) as {msg: string}).msg, `${'a'.repeat(200)}…`);
});

test('an error {code, msg} under a 2xx status is a definite answer; code 0 or 200 is not an error', () => {
  assert.deepEqual(read(200, '{"code":10072,"msg":"Api key info invalid"}'), {kind: 'apiError', httpStatus: 200, code: 10072, msg: 'Api key info invalid'});
  assert.deepEqual(read(200, '{"code":0,"msg":"success"}'), {kind: 'malformed', httpStatus: 200, excerpt: '{"code":0,"msg":"success"}'});
  assert.deepEqual(read(200, '{"code":200,"msg":"ok"}'), {kind: 'malformed', httpStatus: 200, excerpt: '{"code":200,"msg":"ok"}'});
  assert.deepEqual(read(200, '{"msg":"no code"}'), {kind: 'malformed', httpStatus: 200, excerpt: '{"msg":"no code"}'});
});

test('a 2xx body that is not the documented shape is malformed, with an excerpt of at most 200 characters', () => {
  assert.deepEqual(read(200, 'not json'), {kind: 'malformed', httpStatus: 200, excerpt: 'not json'});
  assert.deepEqual(read(200, '[{"orderId":"1"}]'), {kind: 'malformed', httpStatus: 200, excerpt: '[{"orderId":"1"}]'});
  assert.deepEqual(read(200, 'null'), {kind: 'malformed', httpStatus: 200, excerpt: 'null'});
  assert.deepEqual(read(200, '{"code":7,"msg":5}'), {kind: 'apiError', httpStatus: 200, code: 7, msg: ''});
  assert.deepEqual(read(200, '{"code":null,"msg":5}'), {kind: 'malformed', httpStatus: 200, excerpt: '{"code":null,"msg":5}'});
  const long = `{"orderId":${'9'.repeat(300)}}`;
  assert.deepEqual(read(200, long), {kind: 'malformed', httpStatus: 200, excerpt: `${long.slice(0, 200)}…`});
});

test('only a failure to connect proves a request never left; a timeout or a reset may have executed it', () => {
  for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']) assert.equal(transportReason(Object.assign(new Error(code), {code})), 'notConnected', code);
  assert.equal(transportReason(Object.assign(new Error('reset'), {code: 'ECONNRESET'})), 'connectionLost');
  assert.equal(transportReason(Object.assign(new Error('t'), {name: 'TimeoutError'})), 'timeout');
  assert.equal(transportReason({code: 42}), 'connectionLost');
  assert.equal(transportReason(null), 'connectionLost');
  assert.equal(transportReason('weird'), 'connectionLost');
});
