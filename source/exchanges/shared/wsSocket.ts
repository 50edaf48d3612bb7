// The socket-level steps both venues' WebSocket sessions take the same way. What differs stays in the
// sessions: MEXC's subscription ack, PING/silence watchdog and 24 h lifetime (mexc/wsSession.ts), KuCoin's
// welcome, ping/pong deadlines and token refusals (kucoin/kucoinWsSession.ts).
import WebSocket from 'ws';

/** Dials `url`. No permessage-deflate: neither venue needs it, and it costs CPU on every frame. */
export function openWebSocket(url: string, handshakeTimeoutMs: number): WebSocket {
  return new WebSocket(url, {handshakeTimeout: handshakeTimeoutMs, perMessageDeflate: false});
}

/** A received frame as one Buffer, whichever of the three shapes `ws` delivered it in. */
export function frameBytes(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** Sends `message` as JSON if the socket is open; a failed send is reported (the session ends on it). */
export function sendJson(socket: WebSocket | null, message: object, onFailed: (reason: string) => void): void {
  if (!socket || socket.readyState !== WebSocket.OPEN) return;
  socket.send(JSON.stringify(message), (error) => {
    if (error) onFailed(`send failed: ${error.message}`);
  });
}
