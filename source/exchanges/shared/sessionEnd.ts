// Why a WebSocket session ended, as its owner needs to know it: a planned close at the lifetime limit is
// followed by an immediate reconnect, everything else by backoff.
export type SessionEnd =
  | {kind: 'closed'; reason: string}
  /** the server refused a topic (blocked, unknown, or over the limit) */
  | {kind: 'refused'; reason: string}
  /** lifetime reached: reconnect at once */
  | {kind: 'lifetime'; reason: string}
  /** the owner closed it */
  | {kind: 'stopped'; reason: string};
