import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from './logger.js';

/** Every `extensions.code` boxoffice returns; the public contract in API.md. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  QUEUE_TOKEN_INVALID = 'QUEUE_TOKEN_INVALID',
  QUEUE_NOT_ADMITTED = 'QUEUE_NOT_ADMITTED',
  NOT_FOUND = 'NOT_FOUND',
  SEAT_UNAVAILABLE = 'SEAT_UNAVAILABLE',
  HOLD_LIMIT_REACHED = 'HOLD_LIMIT_REACHED',
  RESERVATION_EXPIRED = 'RESERVATION_EXPIRED',
  INSUFFICIENT_BALANCE = 'INSUFFICIENT_BALANCE',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  ALREADY_PAID = 'ALREADY_PAID',
  RATE_LIMITED = 'RATE_LIMITED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** A failure the caller can act on; its message and extensions reach the client unchanged. */
export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export const unauthenticated = (why = 'a valid identity token is required') =>
  new DomainError(ErrorCode.UNAUTHENTICATED, `Unauthenticated: ${why}`);
export const badInput = (message: string, field?: string) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});
export const notFound = (what: string) => new DomainError(ErrorCode.NOT_FOUND, `${what} not found`);
export const serviceUnavailable = (what: string) =>
  new DomainError(ErrorCode.SERVICE_UNAVAILABLE, `${what} is unreachable; retry later`, { retryAfterSeconds: 1 });

/** Codes graphql-js and Apollo produce for malformed requests; safe to show as they are. */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);
const PUBLIC_CODES = new Set<string>([...Object.values(ErrorCode), ...REQUEST_ERROR_CODES]);

function isConnectionFailure(error: unknown): string | null {
  const seen = new Set<unknown>();
  let e: any = error;
  while (e && !seen.has(e)) {
    seen.add(e);
    const text = `${e.name ?? ''} ${e.code ?? ''} ${e.message ?? ''}`;
    if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|connect ECONN|Connection is closed|MaxRetriesPerRequest|enableOfflineQueue/i.test(text)) {
      return /redis|ioredis|Connection is closed|MaxRetries|offline/i.test(text) || e.command ? 'Redis' : 'PostgreSQL';
    }
    e = e.originalError ?? e.cause;
  }
  return null;
}

export interface MaskedError {
  /** What the client sees. */
  formatted: GraphQLFormattedError;
  /** Set when the error is worth a log line (with the full original error). */
  report?: { level: 'warn' | 'error'; message: string; err: unknown };
}

/**
 * Shapes every error that leaves the server: domain and request errors pass through; an
 * unreachable database becomes SERVICE_UNAVAILABLE; anything else is masked as an internal
 * error, with the detail only in the log (the caller logs `report` with its request id).
 */
export function maskError(formatted: GraphQLFormattedError, error: unknown): MaskedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const code = formatted.extensions?.code as string | undefined;
  if (original instanceof DomainError || (original instanceof GraphQLError && code && PUBLIC_CODES.has(code))) {
    // `http` is Apollo's instruction for the response status, not part of the error.
    const { stacktrace: _s, http: _h, ...extensions } = formatted.extensions ?? {};
    return { formatted: { ...formatted, extensions } };
  }
  // type-graphql's argument validation and graphql-js coercion errors are the caller's fault.
  if (original instanceof Error && (original.name === 'ArgumentValidationError' || /Variable "\$|Expected type|Int cannot represent|ID cannot represent|got invalid value/.test(original.message))) {
    return { formatted: { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.BAD_USER_INPUT } } };
  }
  const service = isConnectionFailure(original);
  if (service) {
    return {
      formatted: { message: `${service} is unreachable; retry later`, path: formatted.path, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds: 1 } },
      report: { level: 'warn', message: `${service} unreachable`, err: original },
    };
  }
  return {
    formatted: { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } },
    report: { level: 'error', message: 'unexpected error', err: original },
  };
}

/** Masks and logs a list of errors for one operation (used by the WebSocket transport). */
export function maskAndLog(errors: readonly GraphQLError[], log: Logger): GraphQLFormattedError[] {
  return errors.map((e) => {
    const { formatted, report } = maskError(e.toJSON(), e);
    if (report) log[report.level]({ err: report.err, path: e.path }, report.message);
    return formatted;
  });
}
