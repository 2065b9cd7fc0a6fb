import type { EntityManager } from '@mikro-orm/postgresql';
import { LRUCache } from 'lru-cache';
import { SeatStatus } from '../entities/Seat.js';
import { Topic, type EventBus } from '../events/bus.js';

/** A reservable seat as availableSeats returns it: plain, shared between requests, never changed. */
export interface ReservableSeat {
  readonly id: string;
  readonly scheduleId: string;
  readonly number: number;
  readonly price: number;
  readonly status: SeatStatus.AVAILABLE;
}

/** What one read of a performance found: its concert and the seats reservable then. */
export interface SeatMap {
  concertId: string;
  seats: readonly ReservableSeat[];
}

interface Entry extends SeatMap {
  /** The map is exact until then: the performance starts, or a hold that blocks a seat runs out. */
  validUntil: number;
  unlisten: () => void;
}

/** Performances whose seat map a process keeps; each costs one pub/sub subscription. */
const MAX_PERFORMANCES = 2_000;
/**
 * The longest a map is served without a read, even without any event: a notice lost between
 * processes (published while a subscriber connection was being re-established) is forgotten
 * after this. Events, not this, keep the map current.
 */
const MAX_AGE_MS = 2_000;

type Row = { concert_id: string; starts_at: Date; id: string | null; number: number; price: number; status: SeatStatus; held_until: Date | null; reservable: boolean };

/**
 * Seat maps of performances, read from PostgreSQL once and then served from memory until a seat
 * of the performance changes. Every change (hold, cancel, payment, sweep) is committed and then
 * announced on Topic.SeatChanged, which every process hears: the notice drops the map, and the
 * next read goes to the database. A map is only kept when it was read after its subscription was
 * confirmed and no notice came in meanwhile, and never while the event connection is down
 * (`bus.onConnectionLost` drops them all). Availability that changes by itself (a hold running
 * out, the performance starting) ends the map at that moment, so the database decides those
 * too, by its own clock.
 */
export class SeatMaps {
  private readonly entries = new LRUCache<string, Entry>({ max: MAX_PERFORMANCES, ttl: MAX_AGE_MS, dispose: (entry) => entry.unlisten() });
  /**
   * Per performance: how many notices have come in while it was listened to (a read that
   * overlapped one is not kept). Never shrinks below the performances read, which are few.
   */
  private readonly changes = new Map<string, number>();
  /** Reads under way: a rush of requests for a map not kept shares one read. */
  private readonly reading = new Map<string, Promise<SeatMap | null>>();
  /** How many times the event connection dropped (a read that overlapped one is not kept). */
  private outages = 0;
  private readonly stopWatching: () => void;

  constructor(private readonly bus: EventBus) {
    this.stopWatching = bus.onConnectionLost(() => {
      this.outages++;
      this.entries.clear();
    });
  }

  /** The performance's map, or null when it does not exist. */
  get(em: EntityManager, scheduleId: string): SeatMap | null | Promise<SeatMap | null> {
    const kept = this.entries.get(scheduleId);
    if (kept && Date.now() < kept.validUntil) return kept;
    if (kept) this.entries.delete(scheduleId);
    let reading = this.reading.get(scheduleId);
    if (!reading) {
      reading = this.load(em, scheduleId).finally(() => this.reading.delete(scheduleId));
      this.reading.set(scheduleId, reading);
    }
    return reading;
  }

  private async load(em: EntityManager, scheduleId: string): Promise<SeatMap | null> {
    const outages = this.outages;
    const changes = this.changes.get(scheduleId) ?? 0;
    // Listening first, so a change committed after the read below cannot go unheard.
    let unlisten: (() => void) | undefined = this.bus.connected
      ? await this.bus
          .listen(Topic.SeatChanged, scheduleId, () => {
            this.changes.set(scheduleId, (this.changes.get(scheduleId) ?? 0) + 1);
            this.entries.delete(scheduleId);
          })
          .catch(() => undefined)
      : undefined;
    try {
      const map = await this.read(em, scheduleId);
      if (map && unlisten && outages === this.outages && changes === (this.changes.get(scheduleId) ?? 0) && this.bus.connected) {
        this.entries.set(scheduleId, { ...map, unlisten });
        unlisten = undefined;
      }
      return map;
    } finally {
      unlisten?.();
    }
  }

  close(): void {
    this.stopWatching();
    this.entries.clear();
  }

  private async read(em: EntityManager, scheduleId: string): Promise<(SeatMap & { validUntil: number }) | null> {
    // From the read replica when there is one (DATABASE_READ_URL): a seat map may lag, never a hold.
    const rows = await em.getConnection('read').execute<Row[]>(
      `select cs.concert_id, cs.starts_at, s.id, s.number, s.price, s.status, s.held_until,
              cs.starts_at > now() and (s.status = 'AVAILABLE' or (s.status = 'HELD' and s.held_until <= now())) as reservable
         from concert_schedule cs left join seat s on s.schedule_id = cs.id
        where cs.id = ? order by s.number`,
      [scheduleId],
    );
    if (!rows.length) return null;
    let validUntil = new Date(rows[0].starts_at).getTime();
    const seats: ReservableSeat[] = [];
    for (const r of rows) {
      if (r.id === null) continue;
      if (r.reservable) seats.push(Object.freeze({ id: r.id, scheduleId, number: r.number, price: r.price, status: SeatStatus.AVAILABLE }));
      else if (r.status === SeatStatus.HELD && r.held_until) validUntil = Math.min(validUntil, new Date(r.held_until).getTime());
    }
    return { concertId: rows[0].concert_id, seats: Object.freeze(seats), validUntil };
  }
}
