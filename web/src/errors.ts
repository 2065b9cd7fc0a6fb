import { CombinedGraphQLErrors, CombinedProtocolErrors, ServerError } from '@apollo/client';

type Extensions = Record<string, unknown>;

/** What a fan reads for each error code of the API contract (docs/API.md). */
export const ERROR_MESSAGES: Record<string, (ext: Extensions) => string> = {
  UNAUTHENTICATED: () => 'Your sign-in is missing or has expired. Please sign in again.',
  BAD_USER_INPUT: () => 'That value was not accepted: amounts must be whole won within the charge limit, seats 1 to 50.',
  QUEUE_TOKEN_INVALID: () => 'Your place in line is no longer valid (it ended, was used or was cancelled). Please join the line again.',
  QUEUE_NOT_ADMITTED: (ext) => `It is not your turn yet${typeof ext.position === 'number' ? `: you are number ${ext.position} in line` : ''}. Please wait.`,
  NOT_FOUND: () => 'That concert, performance or reservation does not exist (or is not yours).',
  SEAT_UNAVAILABLE: () => 'Someone else has just taken that seat. Please pick another one.',
  HOLD_LIMIT_REACHED: () => 'You already hold as many seats as one person may. Pay for or release one first.',
  RESERVATION_EXPIRED: () => 'Your hold ran out and the seat went back on sale. Please pick a seat again.',
  INSUFFICIENT_BALANCE: () => 'Your balance is lower than the price. Charge your balance and try again.',
  IDEMPOTENCY_KEY_REUSED: () => 'This checkout was already used for a different seat. Please start the payment again.',
  ALREADY_PAID: () => 'This reservation is already paid.',
  RATE_LIMITED: (ext) => `Too many requests. Please try again${typeof ext.retryAfterSeconds === 'number' ? ` in ${ext.retryAfterSeconds} s` : ' shortly'}.`,
  FORBIDDEN: () => 'This page is for the people running the sale. Sign in with an operator account.',
  SOLD_OUT: () => 'Every seat of this concert has been sold. Thank you for waiting with us.',
  SERVICE_UNAVAILABLE: () => 'The box office is briefly unavailable. Please try again in a moment.',
};

export interface AppError {
  code: string;
  message: string;
}

/** Turns anything an operation can fail with into a code and a human message. */
export function describeError(error: unknown): AppError {
  const first = CombinedGraphQLErrors.is(error) || CombinedProtocolErrors.is(error) ? error.errors[0] : undefined;
  // The app raises contract codes of its own too (a hold seen running out on the countdown).
  const ext = (first?.extensions ?? (typeof error === 'object' && error && 'code' in error ? error : {})) as Extensions;
  const code = typeof ext.code === 'string' ? ext.code : undefined;
  if (code && ERROR_MESSAGES[code]) return { code, message: ERROR_MESSAGES[code](ext) };
  if (ServerError.is(error) || error instanceof TypeError) return { code: 'NETWORK', message: 'Cannot reach the box office. Check your connection and try again.' };
  if (!code && error instanceof Error && !first) return { code: 'UNKNOWN', message: error.message };
  return { code: code ?? 'UNKNOWN', message: 'Something went wrong. Please try again.' };
}
