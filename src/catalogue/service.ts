import type { EntityManager } from '@mikro-orm/postgresql';
import { LRUCache } from 'lru-cache';
import { Concert } from '../entities/Concert.js';
import { ConcertSchedule } from '../entities/ConcertSchedule.js';
import { Seat, SEATS_PER_SCHEDULE } from '../entities/Seat.js';
import { fail } from '../errors.js';

/** The concert catalogue: concerts, their performances and the demo data. */
export class CatalogueService {
  /**
   * Concerts known to exist. Nothing deletes a concert, so one that existed still does: every join
   * asks, and a surge of joins need not cost PostgreSQL a count each. Only what was found is kept
   * (a concert created after a miss is found on the next call).
   */
  private readonly known = new LRUCache<string, true>({ max: 10_000 });

  /** NOT_FOUND unless the concert exists. */
  async requireConcert(em: EntityManager, concertId: string): Promise<void> {
    if (this.known.has(concertId)) return;
    if (!(await em.count(Concert, { id: concertId }))) throw fail.notFound('Concert');
    this.known.set(concertId, true);
  }

  /** Every concert, by title (their schedules load separately, in one batch); from a read replica if any. */
  listConcerts(em: EntityManager): Promise<Concert[]> {
    return em.find(Concert, {}, { orderBy: { title: 'asc', id: 'asc' }, connectionType: 'read' });
  }

  /**
   * Seeds demo concerts when the catalogue is empty. Guarded by an advisory lock so two
   * processes starting together do not seed twice.
   */
  async seedDemo(em: EntityManager, now = new Date()): Promise<boolean> {
    return em.transactional(async (tx) => {
      await tx.execute('select pg_advisory_xact_lock(hashtext(?))', ['boxoffice:seed-demo']);
      if ((await tx.count(Concert, {})) > 0) return false;
      const titles = ['IU: The Golden Hour', 'BTS: Yet To Come', 'NewJeans: Bunnies Camp', 'Seoul Philharmonic: Mahler 5'];
      titles.forEach((title, c) => {
        const concert = tx.create(Concert, { title });
        for (let d = 1; d <= 4; d++) {
          const startsAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + d * 7 + c, 10, 0));
          const schedule = tx.create(ConcertSchedule, { concert, startsAt });
          for (let n = 1; n <= SEATS_PER_SCHEDULE; n++) {
            // Front rows cost more: 1-10 VIP, 11-30 R, 31-50 S (whole KRW).
            tx.create(Seat, { schedule, number: n, price: n <= 10 ? 150_000 : n <= 30 ? 120_000 : 90_000 });
          }
        }
      });
      return true;
    });
  }
}
