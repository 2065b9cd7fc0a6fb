import type { WebSocket, WebSocketServer } from 'ws';

/** Sockets pinged per event-loop turn: a round over ten thousand does not hold the loop in one turn. */
const PINGS_PER_TURN = 500;

/**
 * Pings every socket of `wsServer` every `intervalMs` (0: never) from one timer; a socket that
 * has not answered the previous round's ping is terminated. graphql-ws's own keep-alive
 * (useServer's third argument) does the same with an interval per socket and, while each ping is
 * out, a timeout and a `pong` listener per socket, all kept for as long as the socket is open.
 * Returns the function that stops it.
 */
export function keepAlive(wsServer: WebSocketServer, intervalMs: number): () => void {
  if (!(intervalMs > 0 && Number.isFinite(intervalMs))) return () => {};
  const unanswered = new WeakSet<WebSocket>();
  // One listener shared by every socket, not a closure each.
  function answered(this: WebSocket) {
    unanswered.delete(this);
  }
  wsServer.on('connection', (socket: WebSocket) => socket.on('pong', answered));

  let round: WebSocket[] = [];
  let next = 0;
  let immediate: NodeJS.Immediate | undefined;
  const step = () => {
    immediate = undefined;
    for (const end = Math.min(next + PINGS_PER_TURN, round.length); next < end; next++) {
      const socket = round[next];
      if (socket.readyState !== socket.OPEN) continue;
      if (unanswered.has(socket)) socket.terminate();
      else {
        unanswered.add(socket);
        socket.ping();
      }
    }
    if (next < round.length) immediate = setImmediate(step);
    else round = [];
  };
  const timer = setInterval(() => {
    if (immediate) return;
    round = [...wsServer.clients];
    next = 0;
    step();
  }, intervalMs).unref();
  return () => {
    clearInterval(timer);
    if (immediate) clearImmediate(immediate);
  };
}
