// MEXC's error replies: HTTP status, numeric code and message (docs/protocols/mexc.md §1.5, §1.6). Handlers throw
// MexcApiError; the server turns it into `{"code":N,"msg":"..."}`.

export class MexcApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: number,
    message: string,
    readonly retryAfterSec: number | null = null,
  ) {
    super(message);
  }

  body(): {code: number; msg: string} {
    return {code: this.code, msg: this.message};
  }
}

const business = (code: number, msg: string) => new MexcApiError(400, code, msg);

export const mexcErrors = {
  // Authentication and request shape
  apiKeyRequired: () => business(400, 'api key required'),
  invalidApiKey: () => business(10072, 'Api key info invalid'),
  badSignature: () => business(700002, 'Signature for this request is not valid.'),
  timestampOutsideWindow: () => business(700003, 'Timestamp for this request is outside of the recvWindow.'),
  recvWindowTooLarge: () => business(700005, 'recvWindow must less than 60000'),
  // 700004 is seen for both a missing signature and missing order ids (docs/protocols/mexc.md §1.6); we use
  // it for every missing mandatory parameter (unverified for params other than those two).
  mandatoryParam: (name: string) => business(700004, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`),
  orderIdRequired: () => business(700004, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!"),
  illegalCharacters: () => business(700008, 'Illegal characters found in parameter.'),
  paramError: () => business(33333, 'Parameter error'),
  badSymbol: () => business(10007, 'bad symbol'),
  symbolNotSupportApi: () => business(10007, 'symbol not support api'),
  noPermission: () => business(700007, 'No permission to access the endpoint.'),
  // Orders
  unknownOrder: () => business(-2011, 'Unknown order sent.'),
  orderNotExist: () => business(-2013, 'Order does not exist.'),
  insufficientBalance: () => business(10101, 'Insufficient balance'),
  // a side closed by exchangeInfo `tradeSideType` (docs/protocols/mexc.md §1.6, §2.3; the text is unverified)
  sideNotAllowed: () => business(30001, 'Current trading type (bid or ask) is not allowed'),
  minNotional: (min: string, asset: string) => business(30002, `The minimum transaction volume cannot be less than:${min}${asset}`),
  maxNotional: (max: string, asset: string) => business(30003, `The maximum transaction volume cannot be greater than:${max}${asset}`),
  priceOutOfBand: () => business(30010, 'no valid trade price'),
  tooManyOpenOrders: () => business(30029, 'Cannot exceed the maximum order limit'),
  // MEXC does not document the reply to a LIMIT_MAKER that would take (docs/protocols/mexc.md §2.5); we
  // reject it with the documented "current order type can not place order" code. Unverified.
  postOnlyWouldCross: () => business(30041, 'current order type can not place order'),
  marketOrderDisabled: () => business(30051, 'api market order is disabled'),
  // Listen keys (730708 is the observed reply for a bad keepalive; we also use it for unknown keys)
  listenKeyInvalid: () => business(730708, 'listen key information error'),
  tooManyListenKeys: () => business(730706, 'listen key count exceeded'),
  // Transport-level
  tooManyRequests: (retryAfterSec: number) => new MexcApiError(429, 429, 'Too Many Requests', retryAfterSec),
  ipBanned: (retryAfterSec: number) => new MexcApiError(418, 418, 'IP banned for violating rate limits', retryAfterSec),
  notFound: () => new MexcApiError(404, 404, 'Not Found'),
  payloadTooLarge: () => new MexcApiError(413, 413, 'Request Entity Too Large'),
  internalError: () => new MexcApiError(500, 500, 'Internal error'),
  serviceUnavailable: () => new MexcApiError(503, 503, 'service not available'),
  gatewayTimeout: () => new MexcApiError(504, 504, 'Gateway Time-out'),
} as const;
