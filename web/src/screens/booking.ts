import type { Api } from '../api.js';
import { clock, h, seatLabel, timeLeft, weekdayDate, won } from '../dom.js';
import {
  AvailableDatesDocument,
  CancelReservationDocument,
  MyReservationsDocument,
  PayReservationDocument,
  ReserveSeatDocument,
  type HoldFragment,
  type LineTicketFragment,
  type PayReservationMutation,
} from '../generated/graphql.js';
import type { Concert } from './concerts.js';
import { seatMap, type SeatMap } from './seat-map.js';
import { ScheduleSeats } from './seat-store.js';
import { attempt, type Feedback, type Screen } from './types.js';
import { wallet } from './wallet.js';

export type Payment = PayReservationMutation['payReservation'];

/** Performances whose seat counts are kept live; past this, counts are as of opening the screen (one subscription each). */
const LIVE_DATES = 6;

interface Held {
  hold: HoldFragment;
  /** One key per hold: a retried or doubled click pays once. */
  idempotencyKey: string;
  payment?: Payment;
}

/**
 * Admitted: pick a performance and seats (as many as the server lets one fan hold), watch each
 * hold's countdown, top up the balance and pay for them one after the other.
 */
export const bookingScreen = (
  api: Api,
  feedback: Feedback,
  concert: Concert,
  ticket: LineTicketFragment,
  on: { paid(payments: Payment[], startsAt: Map<string, string>): void; rejoin(): void },
): Screen => (root) => {
  const timers: number[] = [];
  const every = (ms: number, tick: () => void) => {
    tick();
    timers.push(window.setInterval(tick, ms));
  };
  const stops: Array<() => void> = [];

  const admission = h('strong', { testid: 'active-until', class: 'nums' });
  const rejoin = h('button', { class: 'primary small', testid: 'rejoin', hidden: true, onclick: on.rejoin }, 'Join the line again');
  if (ticket.activeUntil) {
    const ends = new Date(ticket.activeUntil).getTime();
    every(500, () => {
      admission.textContent = timeLeft(ticket.activeUntil!);
      // The server would now refuse every booking call with QUEUE_TOKEN_INVALID; say so at once.
      if (Date.now() >= ends && rejoin.hidden) {
        rejoin.hidden = false;
        feedback.error({ code: 'QUEUE_TOKEN_INVALID' });
      }
    });
  }

  const held = new Map<string, Held>();
  const startsAt = new Map<string, string>();
  const stores = new Map<string, ScheduleSeats>();
  let map: SeatMap | undefined;
  let current: string | undefined;
  const money = wallet(
    api,
    feedback,
    () => [...held.values()].filter((x) => !x.payment).reduce((sum, x) => sum + x.hold.price, 0),
    () => Math.max(0, ...[...((current && stores.get(current)?.available.values()) || [])].map((seat) => seat.price)),
  );

  // Dates, with seat counts kept live.
  const dates = h('div', { class: 'dates', testid: 'dates', role: 'group', 'aria-label': 'Performances' }, h('span', { class: 'muted' }, 'Loading performances…'));
  const seatsBox = h('div', { class: 'stack' }, h('p', { class: 'muted', testid: 'pick-date' }, 'Choose a performance to see its seats.'));
  const dateButtons = new Map<string, { button: HTMLButtonElement; count: HTMLElement; initial: number }>();
  const paintDates = () => {
    for (const [id, { button, count, initial }] of dateButtons) {
      button.setAttribute('aria-pressed', String(id === current));
      const store = stores.get(id);
      const left = store?.loaded ? store.availableCount : initial;
      count.textContent = left ? `${left} seats left` : 'no seats free';
      count.dataset.count = String(left);
    }
  };

  // Holds.
  const holdList = h('ul', { class: 'plain holds' });
  const payButton = h('button', { class: 'primary', testid: 'pay', onclick: () => void payAll() }, 'Pay');
  const holdPanel = h('section', { class: 'card', testid: 'hold', hidden: true, 'aria-labelledby': 'holds-title' },
    h('h2', { id: 'holds-title', style: 'font-size: var(--t-lg)' }, 'Your seats'),
    holdList,
    h('div', { class: 'spread', style: 'margin-top: var(--s-3)' }, h('span', { testid: 'hold-total', class: 'nums' }), payButton),
  );
  const mineOn = (scheduleId: string) => [...held.values()].filter((x) => x.hold.seat.scheduleId === scheduleId).map((x) => x.hold.seat.number);
  const paintHolds = () => {
    const unpaid = [...held.values()].filter((x) => !x.payment);
    holdPanel.hidden = held.size === 0;
    holdList.replaceChildren(
      ...[...held.values()].map(({ hold, payment }) =>
        h('li', { testid: 'held-seat', data: { seat: String(hold.seat.number), scheduleId: hold.seat.scheduleId, paid: String(!!payment) } },
          h('div', {},
            h('strong', {}, seatLabel(hold.seat.number)),
            h('div', { class: 'small muted' }, `${startsAt.has(hold.seat.scheduleId) ? `${weekdayDate(startsAt.get(hold.seat.scheduleId)!)} · ` : ''}${won(hold.price)}`),
          ),
          payment
            ? h('span', { class: 'badge' }, 'Paid')
            : h('div', { class: 'row' },
                h('span', { class: 'small nums' }, h('span', { testid: 'hold-countdown', data: { expiresAt: hold.expiresAt ?? '' } }, hold.expiresAt ? timeLeft(hold.expiresAt) : ''), ' left to pay'),
                h('button', { class: 'small ghost', testid: 'release', onclick: () => void release(hold), 'aria-label': `Release ${seatLabel(hold.seat.number)}` }, 'Release'),
              ),
        ),
      ),
    );
    const total = unpaid.reduce((sum, x) => sum + x.hold.price, 0);
    holdPanel.querySelector<HTMLElement>('[data-testid=hold-total]')!.textContent = unpaid.length ? `Total ${won(total)}` : '';
    payButton.hidden = unpaid.length === 0;
    payButton.textContent = unpaid.length === 1 ? `Pay ${won(total)}` : `Pay for ${unpaid.length} seats · ${won(total)}`;
    if (current) map?.setMine(mineOn(current));
    money.refreshSuggestion();
  };
  every(250, () => {
    for (const [id, x] of held) {
      if (x.payment || !x.hold.expiresAt) continue;
      const el = holdList.querySelector<HTMLElement>(`[data-testid=hold-countdown][data-expires-at="${x.hold.expiresAt}"]`);
      if (el) el.textContent = timeLeft(x.hold.expiresAt);
      if (new Date(x.hold.expiresAt).getTime() <= Date.now()) {
        held.delete(id);
        paintHolds();
        feedback.error({ code: 'RESERVATION_EXPIRED' });
      }
    }
  });
  const addHold = (hold: HoldFragment) => {
    held.set(hold.id, { hold, idempotencyKey: crypto.randomUUID() });
    paintHolds();
  };

  const reserve = (scheduleId: string, seatNumber: number) =>
    attempt(feedback, async () => addHold((await api.mutate(ReserveSeatDocument, { scheduleId, seatNumber })).reserveSeat))();
  const release = (hold: HoldFragment) =>
    attempt(feedback, async () => {
      await api.mutate(CancelReservationDocument, { reservationId: hold.id });
      held.delete(hold.id);
      paintHolds();
    })();
  // One after the other: the server completes the line ticket only when no other hold is left.
  const payAll = attempt(feedback, async () => {
    payButton.disabled = true;
    try {
      for (const x of held.values()) {
        if (x.payment) continue;
        x.payment = (await api.mutate(PayReservationDocument, { reservationId: x.hold.id, idempotencyKey: x.idempotencyKey })).payReservation;
        paintHolds();
        money.refresh();
      }
    } finally {
      payButton.disabled = false;
      money.refresh();
    }
    on.paid([...held.values()].map((x) => x.payment!), startsAt);
  });

  const pickDate = (scheduleId: string) => {
    map?.stop();
    current = scheduleId;
    map = seatMap(stores.get(scheduleId) ?? liveSeats(scheduleId), (seat) => reserve(scheduleId, seat));
    map.setMine(mineOn(scheduleId));
    seatsBox.replaceChildren(
      h('div', { class: 'spread' },
        h('h2', { style: 'font-size: var(--t-lg); margin: 0' }, `${weekdayDate(startsAt.get(scheduleId)!)}, ${clock(startsAt.get(scheduleId)!)}`),
        h('span', { class: 'small muted' }, 'Tap a green seat to hold it'),
      ),
      map.element,
    );
    paintDates();
    money.refreshSuggestion();
  };
  const liveSeats = (scheduleId: string) => {
    const store = new ScheduleSeats(api, feedback, scheduleId);
    stores.set(scheduleId, store);
    stops.push(store.onChange(paintDates), store.onChange(money.refreshSuggestion), () => store.stop());
    return store;
  };

  void Promise.all([api.query(AvailableDatesDocument, { concertId: concert.id }), api.query(MyReservationsDocument).catch(() => ({ myReservations: [] }))]).then(
    ([{ availableDates }, { myReservations }]) => {
      for (const d of availableDates) startsAt.set(d.id, d.startsAt);
      dates.replaceChildren(
        ...availableDates.map((d) => {
          const count = h('span', { class: 'badge nums', testid: 'date-seats' });
          const button = h('button', { testid: 'date', data: { scheduleId: d.id }, 'aria-pressed': 'false', onclick: () => pickDate(d.id) },
            h('span', {}, weekdayDate(d.startsAt)),
            h('span', { class: 'small muted' }, clock(d.startsAt)),
            count,
          );
          dateButtons.set(d.id, { button, count, initial: d.availableSeatCount });
          return button;
        }),
      );
      if (!availableDates.length) dates.replaceChildren(h('p', { class: 'notice' }, 'Every performance is sold out.'));
      availableDates.slice(0, LIVE_DATES).forEach((d) => liveSeats(d.id));
      paintDates();
      // Seats this fan still holds (joined again after a hold, or a second tab) are theirs to pay.
      for (const r of myReservations) if (r.status === 'HELD' && startsAt.has(r.seat.scheduleId)) addHold(r);
    },
    feedback.error,
  );

  root.append(
    h('div', { class: 'stack' },
      h('div', { class: 'spread' },
        h('div', {}, h('p', { class: 'muted', style: 'margin: 0' }, 'Your turn'), h('h1', { testid: 'booking', style: 'font-size: var(--t-2xl); margin: 0' }, concert.title)),
        h('p', { class: 'success', style: 'margin: 0' }, 'Book within ', admission, ' ', rejoin),
      ),
      h('div', { class: 'grid-2' },
        h('section', { class: 'card stack', 'aria-label': 'Performances and seats' }, dates, seatsBox),
        h('div', { class: 'stack' }, holdPanel, money.element),
      ),
    ),
  );
  return () => {
    timers.forEach((t) => window.clearInterval(t));
    map?.stop();
    stops.forEach((stop) => stop());
  };
};
