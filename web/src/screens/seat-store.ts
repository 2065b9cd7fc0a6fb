import type { Api } from '../api.js';
import { AvailableSeatsDocument, SeatsChangedDocument, type MapSeatFragment } from '../generated/graphql.js';
import type { Feedback } from './types.js';

export const SEATS_PER_SCHEDULE = 50;

/**
 * The seats of one performance, kept live by seatsChanged: which are available, and every price
 * seen. The subscription starts before the first read so no change between the two is lost;
 * changes that arrive first are replayed over the read.
 */
export class ScheduleSeats {
  readonly available = new Map<number, MapSeatFragment>();
  readonly prices = new Map<number, number>();
  loaded = false;
  private readonly listeners = new Set<() => void>();
  private readonly stopSubscription: () => void;

  constructor(api: Api, feedback: Feedback, readonly scheduleId: string) {
    const early: MapSeatFragment[] = [];
    this.stopSubscription = api.subscribe(SeatsChangedDocument, { scheduleId }, {
      next: ({ seatsChanged }) => {
        if (!this.loaded) early.push(seatsChanged);
        else {
          this.apply(seatsChanged);
          this.changed();
        }
      },
      error: (e) => feedback.error(e),
    });
    api.query(AvailableSeatsDocument, { scheduleId }).then(
      ({ availableSeats }) => {
        for (const seat of availableSeats) this.apply(seat);
        early.splice(0).forEach((seat) => this.apply(seat));
        this.loaded = true;
        this.changed();
      },
      (e) => feedback.error(e),
    );
  }

  get availableCount(): number {
    return this.available.size;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.listeners.clear();
    this.stopSubscription();
  }

  private apply(seat: MapSeatFragment) {
    this.prices.set(seat.number, seat.price);
    if (seat.status === 'AVAILABLE') this.available.set(seat.number, seat);
    else this.available.delete(seat.number);
  }

  private changed() {
    this.listeners.forEach((l) => l());
  }
}
