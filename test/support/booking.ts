import { ChargeBalanceDocument, ReserveSeatDocument, type ReservationFieldsFragment } from '../generated/graphql.js';
import { gql } from './graphql.js';
import type { Caller } from './queue.js';
import type { TestServer } from './server.js';

/** Charges the caller's balance over the API. */
export async function charge(server: TestServer, caller: Pick<Caller, 'token'>, amount: number): Promise<void> {
  const r = await gql(server.url, ChargeBalanceDocument, { amount }, caller);
  if (!r.data) throw new Error(`chargeBalance failed: ${JSON.stringify(r.errors)}`);
}

/** Holds a seat over the API; throws with the error when the hold is refused. */
export async function hold(server: TestServer, caller: Caller, scheduleId: string, seatNumber: number): Promise<ReservationFieldsFragment> {
  const r = await gql(server.url, ReserveSeatDocument, { scheduleId, seatNumber }, caller);
  if (!r.data) throw new Error(`reserveSeat failed: ${JSON.stringify(r.errors)}`);
  return r.data.reserveSeat;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
