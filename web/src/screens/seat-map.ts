import type { Api } from '../api.js';
import { h, won } from '../dom.js';
import { AvailableSeatsDocument, SeatsChangedDocument, type MapSeatFragment } from '../generated/graphql.js';
import type { Feedback } from './types.js';

export const SEATS_PER_SCHEDULE = 50;

export interface SeatMap {
  element: HTMLElement;
  /** Marks the caller's own hold, which the server reports as merely not available. */
  setMine(number: number | null): void;
  stop(): void;
}

/**
 * Seats 1..50 of a performance, kept live by seatsChanged. The subscription starts before the
 * first read so no change between the two is lost; changes that arrive first are replayed.
 */
export function seatMap(api: Api, feedback: Feedback, scheduleId: string, onPick: (seat: number) => void): SeatMap {
  const available = new Map<number, MapSeatFragment>();
  let mine: number | null = null;
  let loaded = false;
  const early: MapSeatFragment[] = [];
  const buttons = Array.from({ length: SEATS_PER_SCHEDULE }, (_, i) =>
    h('button', { testid: 'seat', data: { number: String(i + 1), status: 'taken' }, disabled: true, onclick: () => onPick(i + 1) }, String(i + 1)),
  );
  const element = h('div', { class: 'seats', testid: 'seat-map', data: { scheduleId, loaded: 'false' } }, ...buttons);

  const paint = () => {
    buttons.forEach((button, i) => {
      const seat = available.get(i + 1);
      const status = i + 1 === mine ? 'mine' : seat ? 'available' : 'taken';
      button.dataset.status = status;
      button.disabled = status !== 'available';
      button.title = seat ? won(seat.price) : status === 'mine' ? 'held by you' : 'not available';
    });
  };
  const apply = (seat: MapSeatFragment) => {
    if (seat.status === 'AVAILABLE') available.set(seat.number, seat);
    else available.delete(seat.number);
  };

  const unsubscribe = api.subscribe(SeatsChangedDocument, { scheduleId }, {
    next: ({ seatsChanged }) => {
      if (!loaded) early.push(seatsChanged);
      else {
        apply(seatsChanged);
        paint();
      }
    },
    error: (e) => feedback.error(e),
  });
  api.query(AvailableSeatsDocument, { scheduleId }).then(
    ({ availableSeats }) => {
      for (const seat of availableSeats) available.set(seat.number, seat);
      early.splice(0).forEach(apply);
      loaded = true;
      element.dataset.loaded = 'true';
      paint();
    },
    (e) => feedback.error(e),
  );
  return {
    element,
    setMine(number) {
      mine = number;
      paint();
    },
    stop: unsubscribe,
  };
}
