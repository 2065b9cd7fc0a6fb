import { DriverException } from '@mikro-orm/core';
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
  FORBIDDEN = 'FORBIDDEN',
  SOLD_OUT = 'SOLD_OUT',
  RATE_LIMITED = 'RATE_LIMITED',
  LIMIT_EXCEEDED = 'LIMIT_EXCEEDED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/**
 * Runs `make` without capturing a stack trace. A refusal is an answer, not a fault: its stack is
 * never shown or logged (a service outage logs its cause), and when a sale opens most answers are
 * refusals (950 of 1,000 simultaneous holds): capturing and formatting their stacks was 8 % of
 * the server's time in that rush.
 */
export function withoutStack<T>(make: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** A failure the caller can act on; its message and extensions reach the client unchanged. */
export class DomainError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    const limit = Error.stackTraceLimit;
    // See withoutStack (a constructor cannot hand its super() call to it).
    Error.stackTraceLimit = 0;
    try {
      super(message, { extensions: { ...extensions, code } });
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.code = code;
  }
}

/** The backing service a request needed could not be reached; the client should retry. */
export class ServiceUnavailableError extends DomainError {
  constructor(
    readonly service: 'PostgreSQL' | 'Redis' | 'identity provider',
    options: { cause?: unknown } = {},
  ) {
    super(ErrorCode.SERVICE_UNAVAILABLE, `${service} is unreachable; retry later`, { retryAfterSeconds: 1 });
    this.cause = options.cause;
  }
}

/**
 * Every error boxoffice reports to a client, made here so that one failure always reads the same
 * and the messages are in one place.
 */
export const fail = {
  unauthenticated: (why = 'a valid identity token is required') => new DomainError(ErrorCode.UNAUTHENTICATED, `Unauthenticated: ${why}`),
  forbidden: (roles: readonly string[]) =>
    new DomainError(ErrorCode.FORBIDDEN, `Forbidden: only callers with the role ${roles.map((r) => `"${r}"`).join(' or ')} may do this`, { requiredRoles: roles }),
  badInput: (field: string, message: string) => new DomainError(ErrorCode.BAD_USER_INPUT, message, { field }),
  notFound: (what: 'Concert' | 'Schedule' | 'Reservation') => new DomainError(ErrorCode.NOT_FOUND, `${what} not found`),

  queueTokenMissing: () =>
    new DomainError(ErrorCode.QUEUE_TOKEN_INVALID, 'Queue token is missing: send it as the Queue-Token header (connectionParams.queueToken over WebSocket)'),
  queueTokenInvalid: (why: 'expired' | 'signature or format' | 'not a queue token') => new DomainError(ErrorCode.QUEUE_TOKEN_INVALID, `Queue token is invalid: ${why}`),
  queueTokenOfAnotherUser: () => new DomainError(ErrorCode.QUEUE_TOKEN_INVALID, 'Queue token belongs to another user'),
  queueTokenOfAnotherConcert: () => new DomainError(ErrorCode.QUEUE_TOKEN_INVALID, 'Queue token is for another concert'),
  queueTokenForgotten: () => new DomainError(ErrorCode.QUEUE_TOKEN_INVALID, 'Queue token is no longer known; join the line again'),
  queueTicketEnded: (status: string) => new DomainError(ErrorCode.QUEUE_TOKEN_INVALID, `Queue token is ${status}; join the line again`, { status }),
  soldOut: () => new DomainError(ErrorCode.SOLD_OUT, 'Sold out: every seat of every future performance of this concert is sold'),
  notAdmitted: (position: number | null) => new DomainError(ErrorCode.QUEUE_NOT_ADMITTED, `Still waiting in line at position ${position}`, { position }),

  seatUnavailable: (seatNumber: number) => new DomainError(ErrorCode.SEAT_UNAVAILABLE, `Seat ${seatNumber} is held by someone else or sold`),
  performanceStarted: () => new DomainError(ErrorCode.SEAT_UNAVAILABLE, 'This performance has already started'),
  holdLimitReached: (held: number, limit: number) =>
    new DomainError(ErrorCode.HOLD_LIMIT_REACHED, `You already hold ${held} seats, the most one person may hold at once`, { limit }),
  holdRanOut: () => new DomainError(ErrorCode.RESERVATION_EXPIRED, 'The hold ran out before payment; reserve the seat again'),
  holdCancelled: () => new DomainError(ErrorCode.RESERVATION_EXPIRED, 'This hold was cancelled; reserve the seat again'),

  insufficientBalance: (required: number) => new DomainError(ErrorCode.INSUFFICIENT_BALANCE, `Balance is lower than ${required} KRW`, { required }),
  idempotencyKeyReused: () => new DomainError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This idempotency key was already used for another reservation'),
  alreadyPaid: () => new DomainError(ErrorCode.ALREADY_PAID, 'This reservation was already paid (with another idempotency key)'),
  paidCannotBeCancelled: () => new DomainError(ErrorCode.ALREADY_PAID, 'A paid reservation cannot be cancelled'),

  tooManySubscriptions: (limit: number) =>
    new DomainError(ErrorCode.LIMIT_EXCEEDED, `At most ${limit} operations at once on one WebSocket; end one or open another connection`, { limit }),
  rateLimited: (retryAfterSeconds: number) =>
    new DomainError(ErrorCode.RATE_LIMITED, `Too many requests; retry in ${retryAfterSeconds} s`, { retryAfterSeconds }),
};

/** Codes graphql-js and Apollo produce for malformed requests; safe to show as they are. */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

/**
 * SQLSTATE classes that mean "the database is not there" rather than "the statement is wrong":
 * connection exceptions, operator intervention (shutdown), too many connections.
 */
const UNAVAILABLE_SQLSTATE = /^(08|57P0|53300)/;

/** Node's socket errors: nothing answered at the other end. */
const NETWORK_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * PostgreSQL could not be reached. MikroORM wraps every driver failure in a DriverException; one
 * without an SQLSTATE (a refused or cut socket, a pool timeout) or with a connection-class one
 * never reached a working server. Redis failures are typed where Redis is called (the queue's
 * script runner), so a bare socket error here is the database's.
 */
function isPostgresUnavailable(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NETWORK_ERRNO.has(code)) return true;
  if (!(e instanceof DriverException)) return false;
  return typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code) || UNAVAILABLE_SQLSTATE.test(code);
}

function unwrap(error: unknown): unknown {
  let e = error;
  while (e instanceof GraphQLError && e.originalError && e.originalError !== e) e = e.originalError;
  return e;
}

export interface MaskedError {
  /** What the client sees. */
  formatted: GraphQLFormattedError;
  /** Set when the error is worth a log line (with the full original error). */
  report?: { level: 'warn' | 'error'; message: string; err: unknown };
}

/**
 * Shapes every error that leaves the server, by its type: domain and request errors pass
 * through; an unreachable database becomes SERVICE_UNAVAILABLE; anything else is masked as an
 * internal error, with the detail only in the log (the caller logs `report` with its request id).
 */
export function maskError(formatted: GraphQLFormattedError, error: unknown): MaskedError {
  const original = unwrap(error);
  // `http` is Apollo's instruction for the response status, not part of the error.
  const { stacktrace: _s, http: _h, ...extensions } = formatted.extensions ?? {};
  if (original instanceof DomainError) {
    const report = original instanceof ServiceUnavailableError ? { level: 'warn' as const, message: `${original.service} unreachable`, err: original.cause ?? original } : undefined;
    // A scalar that refused a literal surfaces as a validation error; its code is the domain's.
    return { formatted: { ...formatted, extensions: { ...extensions, ...original.extensions } }, report };
  }
  const code = formatted.extensions?.code;
  if (error instanceof GraphQLError && typeof code === 'string' && (REQUEST_ERROR_CODES.has(code) || code === ErrorCode.BAD_USER_INPUT)) {
    return { formatted: { ...formatted, extensions } };
  }
  if (isPostgresUnavailable(original)) {
    const unavailable = new ServiceUnavailableError('PostgreSQL');
    return {
      formatted: { message: unavailable.message, path: formatted.path, extensions: unavailable.extensions },
      report: { level: 'warn', message: 'PostgreSQL unreachable', err: original },
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
