import { randomUUID } from 'node:crypto';
import { Role } from '../../src/auth/identity.js';
import { UpdateWaitingRoomDocument, WaitingRoomDocument, type RoomFragment, type WaitingRoomSettings } from '../generated/graphql.js';
import { gql } from '../support/graphql.js';
import type { TestServer } from '../support/server.js';

/** An identity JWT with the operator role. */
export const operatorToken = (server: TestServer): Promise<string> => server.app.identity.sign(randomUUID(), { roles: [Role.Operator] });

/** Changes a waiting room over the API as an operator; throws with the errors when refused. */
export async function updateRoom(server: { url: string }, token: string, concertId: string, settings: WaitingRoomSettings): Promise<RoomFragment> {
  const r = await gql(server.url, UpdateWaitingRoomDocument, { concertId, settings }, { token });
  if (!r.data) throw new Error(`updateWaitingRoom failed: ${JSON.stringify(r.errors)}`);
  return r.data.updateWaitingRoom;
}

/** The waiting room over the API as an operator. */
export async function readRoom(server: { url: string }, token: string, concertId: string): Promise<RoomFragment> {
  const r = await gql(server.url, WaitingRoomDocument, { concertId }, { token });
  if (!r.data) throw new Error(`waitingRoom failed: ${JSON.stringify(r.errors)}`);
  return r.data.waitingRoom;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
