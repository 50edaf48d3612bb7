// Answers captured from the live MEXC spot API, verbatim: the shapes the client must read and the simulator
// must send. Where each one comes from, and what it shows: docs/protocols/mexc.md §2.12.

/** POST /api/v3/order, a LIMIT order type (IMMEDIATE_OR_CANCEL) sent without newClientOrderId. */
export const placedOrder = {
  symbol: 'ADAUSDT',
  orderId: 'C02__545584045430513665029',
  orderListId: '-1',
  price: '2',
  origQty: '0.5',
  type: 'IMMEDIATE_OR_CANCEL',
  side: 'BUY',
  transactTime: '1745859608758',
};

/** GET /api/v3/allOrders element (the same order shape as GET /api/v3/order and openOrders): filled, no client id. */
export const filledOrder = {
  symbol: 'ATLASUSDT',
  orderId: 'C02__385413065019117569043',
  orderListId: '-1',
  clientOrderId: null,
  price: '0.004327',
  origQty: '1220',
  executedQty: '1220',
  cummulativeQuoteQty: '5.54124',
  status: 'FILLED',
  timeInForce: null,
  type: 'MARKET',
  side: 'SELL',
  stopPrice: null,
  icebergQty: null,
  time: '1707671871000',
  updateTime: '1707671871000',
  isWorking: true,
  origQuoteOrderQty: '5.27894',
};

/** GET /api/v3/openOrders element: resting, an empty client id, never updated. */
export const openOrder = {
  symbol: 'BTCUSDT',
  orderId: '133949373632483328',
  orderListId: '-1',
  clientOrderId: '',
  price: '45000',
  origQty: '0.0002',
  executedQty: '0',
  cummulativeQuoteQty: '0',
  status: 'NEW',
  timeInForce: null,
  type: 'LIMIT',
  side: 'SELL',
  stopPrice: null,
  icebergQty: null,
  time: '1647718255199',
  updateTime: null,
  isWorking: true,
  origQuoteOrderQty: '9',
};

/** DELETE /api/v3/order: the order as it was; no status, no client ids. */
export const cancelledOrder = {
  symbol: 'BTCUSDT',
  orderId: '133734823834447872',
  price: '30000',
  origQty: '0.0002',
  type: 'LIMIT',
  side: 'BUY',
};

/** GET /api/v3/myTrades element. */
export const ownTrade = {
  symbol: 'ATLASUSDT',
  id: 'dd44f79dda764c2e927a190ac5e7a1e5',
  orderId: 'C02__385413065019117569043',
  orderListId: '-1',
  price: '0.004542',
  qty: '1220',
  quoteQty: '5.54124',
  commission: '0',
  commissionAsset: 'USDT',
  time: '1707671871000',
  isBuyer: false,
  isMaker: false,
  isBestMatch: true,
  isSelfTrade: false,
  clientOrderId: null,
};

/** GET /api/v3/depth?limit=1. */
export const depth = {
  lastUpdateId: '20453289489',
  bids: [['45995.47', '10.337165']],
  asks: [['45995.48', '13.457322']],
  timestamp: '1704908526228',
};
