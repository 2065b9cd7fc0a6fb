import type { ApolloServerPlugin } from '@apollo/server';
import type { ErrorRequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../errors.js';

/** Codes of a request that was the caller's mistake: it can never succeed as sent. */
const CLIENT_ERROR_CODES = new Set<string>(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_SUPPORTED', 'PERSISTED_QUERY_NOT_FOUND', ErrorCode.BAD_USER_INPUT]);

/**
 * The HTTP status of a response that carries only errors (the operation never ran): 429 with
 * `Retry-After` for RATE_LIMITED, 400 for a malformed or invalid request, 503 with `Retry-After`
 * when a backing service is down. Apollo answers 500 for any error raised before execution (a
 * plugin's, an operation limit's); a client's mistake must never look like the server's.
 * Responses with data keep Apollo's status (200 under `application/json`).
 */
export function statusForRequestErrors(errors: readonly GraphQLFormattedError[]): { status: number; retryAfterSeconds?: number } | null {
  const codes = errors.map((e) => String(e.extensions?.code ?? ''));
  const limited = errors.find((e) => e.extensions?.code === ErrorCode.RATE_LIMITED);
  if (limited) return { status: 429, retryAfterSeconds: Number(limited.extensions?.retryAfterSeconds ?? 1) };
  if (codes.some((c) => CLIENT_ERROR_CODES.has(c))) return { status: 400 };
  if (codes.includes(ErrorCode.SERVICE_UNAVAILABLE)) return { status: 503, retryAfterSeconds: 1 };
  return null;
}

/** Apollo plugin applying `statusForRequestErrors` to every response without data. */
export const requestErrorStatus = <T extends object>(): ApolloServerPlugin<T> => ({
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single' || response.body.singleResult.data !== undefined) return;
        const mapped = statusForRequestErrors(response.body.singleResult.errors ?? []);
        if (!mapped) return;
        response.http.status = mapped.status;
        if (mapped.retryAfterSeconds !== undefined) response.http.headers.set('retry-after', String(mapped.retryAfterSeconds));
      },
    };
  },
});

/**
 * Errors raised by express itself (a body that is not JSON, one over the size limit): a GraphQL
 * error response with the status body-parser chose and code BAD_REQUEST, never express's HTML
 * page with a stack trace. Anything else is a 500 with the detail only in the log.
 */
export function httpErrorHandler(log: { error(obj: object, msg: string): void }): ErrorRequestHandler {
  return (err: { status?: number; statusCode?: number; type?: string }, _req, res, _next) => {
    const status = err.status ?? err.statusCode ?? 500;
    if (status >= 500) log.error({ err }, 'unexpected error in an HTTP handler');
    if (res.headersSent) return void res.end();
    const message = status >= 500 ? 'Internal server error' : err.type === 'entity.too.large' ? 'Request body too large' : 'Malformed request body: expected JSON';
    res.status(status).json({ errors: [{ message, extensions: { code: status >= 500 ? ErrorCode.INTERNAL_SERVER_ERROR : 'BAD_REQUEST' } }] });
  };
}
