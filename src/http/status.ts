import type { ApolloServerPlugin } from '@apollo/server';
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
