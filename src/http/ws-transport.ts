import { CloseCode as GraphqlWsCloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../logger.js';

/** graphql-ws's limit on a close reason (the frame allows 123 bytes). */
const closeReason = (reason: string, whenTooLong: string) => (reason.length < 124 ? reason : whenTooLong);

/**
 * graphql-ws's protocol (its `makeServer`: messages, close codes, the init timeout, every hook)
 * on a `ws` server, as graphql-ws's own `useServer` adapter does, less what that adapter kept
 * for as long as each socket was open: the upgrade request in `extra` (here `extra` is what
 * `extraOf` makes of it) and, for each open subscription, the Buffer of its subscribe message
 * (its message handler was an async function awaiting the whole operation, holding the frame's
 * memory, a piece of a socket read, until the subscription ended). Keep-alive is not here: see
 * keep-alive.ts. Returns the function that closes every socket (1001) and the server.
 */
export function serveGraphqlWs<P extends Record<string, unknown>, E extends { socket: WebSocket }>(
  options: ServerOptions<P, E>,
  wsServer: WebSocketServer,
  extraOf: (socket: WebSocket, request: IncomingMessage) => E,
  log: Logger,
): () => Promise<void> {
  const isProd = process.env.NODE_ENV === 'production';
  const server = makeServer<P, E>(options);
  const internalError = (socket: WebSocket, err: unknown) =>
    socket.close(GraphqlWsCloseCode.InternalServerError, isProd ? 'Internal server error' : closeReason(err instanceof Error ? err.message : String(err), 'Internal server error'));

  wsServer.options.handleProtocols = handleProtocols;
  wsServer.once('error', (err) => {
    log.error({ err }, 'WebSocket server error; closing every socket');
    for (const client of wsServer.clients) internalError(client, err);
  });
  // Listeners with `on`, and shared where they can be: each `once` wrapper was an object and a
  // bound function more per socket ('close' comes once anyway; a second 'error' is handled alike).
  function onSocketError(this: WebSocket, err: Error) {
    log.error({ err }, 'WebSocket socket error; closing it');
    internalError(this, err);
  }
  wsServer.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    socket.on('error', onSocketError);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (err) => (err ? reject(err) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (cb) =>
          socket.on('message', (data: Buffer) => {
            // The text is taken now; the frame's Buffer is not kept while the operation runs.
            cb(String(data)).catch((err: unknown) => {
              log.error({ err }, 'WebSocket message handling failed; closing the socket');
              internalError(socket, err);
            });
          }),
      },
      extraOf(socket, request),
    );
    socket.on('close', (code, reason) => void closed(code, String(reason)));
  });

  return async () => {
    for (const client of wsServer.clients) client.close(1001, 'Going away');
    wsServer.removeAllListeners();
    await new Promise<void>((resolve, reject) => wsServer.close((err) => (err ? reject(err) : resolve())));
  };
}
