import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { WaitingRoomSetting } from '../entities/WaitingRoomSetting.js';

/** An operator's settings of one line; null: the process configuration decides. */
export interface LineSettings {
  /** Opening time (ms since the epoch); null: open. */
  opensAt: number | null;
  paused: boolean;
  maxActive: number | null;
  activeSeconds: number | null;
}

/** A change to a line's settings: an absent field stays, a null one returns to its default. */
export type LineSettingsPatch = { [K in keyof LineSettings]?: LineSettings[K] | null };

export const DEFAULT_LINE_SETTINGS: LineSettings = { opensAt: null, paused: false, maxActive: null, activeSeconds: null };

const fromRow = (row: WaitingRoomSetting | null): LineSettings =>
  row ? { opensAt: row.opensAt?.getTime() ?? null, paused: row.paused, maxActive: row.maxActive, activeSeconds: row.activeSeconds } : DEFAULT_LINE_SETTINGS;

/** The concert's settings as PostgreSQL keeps them (the defaults when it has none). */
export async function loadLineSettings(em: EntityManager, concertId: string): Promise<LineSettings> {
  return fromRow(await em.findOne(WaitingRoomSetting, { concert: concertId }, { refresh: true }));
}

/**
 * Applies a change to the concert's settings inside the caller's transaction and returns them.
 * The row is locked first (made if missing), so concurrent changes apply one after the other and
 * the caller can mirror them in the same order while it holds the lock.
 */
export async function changeLineSettings(tx: EntityManager, concertId: string, patch: LineSettingsPatch): Promise<LineSettings> {
  await tx.execute('insert into waiting_room_setting (concert_id) values (?) on conflict do nothing', [concertId]);
  const row = await tx.findOneOrFail(WaitingRoomSetting, { concert: concertId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (patch.opensAt !== undefined) row.opensAt = patch.opensAt === null ? null : new Date(patch.opensAt);
  if (patch.paused !== undefined) row.paused = patch.paused ?? false;
  if (patch.maxActive !== undefined) row.maxActive = patch.maxActive;
  if (patch.activeSeconds !== undefined) row.activeSeconds = patch.activeSeconds;
  await tx.flush();
  return fromRow(row);
}
