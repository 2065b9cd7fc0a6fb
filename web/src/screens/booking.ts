import type { Api } from '../api.js';
import { dateTime, h, timeLeft, won } from '../dom.js';
import {
  AvailableDatesDocument,
  BalanceDocument,
  CancelReservationDocument,
  ChargeBalanceDocument,
  PayReservationDocument,
  ReserveSeatDocument,
  type HoldFragment,
  type LineTicketFragment,
  type PayReservationMutation,
} from '../generated/graphql.js';
import type { Concert } from './concerts.js';
import { seatMap, type SeatMap } from './seat-map.js';
import { attempt, type Feedback, type Screen } from './types.js';

export type Payment = PayReservationMutation['payReservation'];

/**
 * Admitted: pick a performance and a seat, hold it (with a countdown to the end of the hold),
 * top up the balance and pay.
 */
export const bookingScreen = (
  api: Api,
  feedback: Feedback,
  concert: Concert,
  ticket: LineTicketFragment,
  on: { paid(payment: Payment): void; rejoin(): void },
): Screen => (root) => {
  const timers: number[] = [];
  const every = (ms: number, tick: () => void) => {
    tick();
    timers.push(window.setInterval(tick, ms));
  };
  const admission = h('span', { testid: 'active-until' });
  const rejoin = h('button', { testid: 'rejoin', hidden: true, onclick: on.rejoin }, 'Join the line again');
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

  const balance = h('strong', { testid: 'balance' }, '...');
  const refreshBalance = () => api.query(BalanceDocument).then(({ balance: b }) => (balance.textContent = won(b.amount)), feedback.error);
  const amount = h('input', { testid: 'charge-amount', type: 'number', min: '1', step: '1000', value: '100000' });
  const charge = attempt(feedback, async () => {
    const { chargeBalance } = await api.mutate(ChargeBalanceDocument, { amount: Number(amount.value) });
    balance.textContent = won(chargeBalance.balanceAfter);
  });
  void refreshBalance();

  const dates = h('div', { testid: 'dates' }, 'Loading performances...');
  const seats = h('div');
  const holdPanel = h('section', { class: 'card', testid: 'hold', hidden: true });
  let map: SeatMap | undefined;
  let hold: HoldFragment | undefined;
  // One key per hold: a retried or doubled click pays once.
  let idempotencyKey = '';
  let holdTimer: number | undefined;

  const clearHold = () => {
    hold = undefined;
    window.clearInterval(holdTimer);
    holdPanel.hidden = true;
    map?.setMine(null);
  };
  const showHold = (reservation: HoldFragment) => {
    hold = reservation;
    idempotencyKey = crypto.randomUUID();
    map?.setMine(reservation.seat.number);
    const countdown = h('span', { testid: 'hold-countdown' });
    holdPanel.replaceChildren(
      h('h3', {}, `Seat ${reservation.seat.number} held for you`),
      h('p', {}, `Price ${won(reservation.price)}. Pay within `, countdown, ' or the seat goes back on sale.'),
      h('button', { testid: 'pay', onclick: pay }, 'Pay now'),
      h('button', { testid: 'release', onclick: release }, 'Release the seat'),
    );
    holdPanel.hidden = false;
    window.clearInterval(holdTimer);
    const tick = () => {
      countdown.textContent = reservation.expiresAt ? timeLeft(reservation.expiresAt) : '';
      if (reservation.expiresAt && new Date(reservation.expiresAt).getTime() <= Date.now()) {
        clearHold();
        feedback.error({ code: 'RESERVATION_EXPIRED' });
      }
    };
    tick();
    holdTimer = window.setInterval(tick, 250);
  };
  const reserve = (scheduleId: string, seatNumber: number) =>
    attempt(feedback, async () => showHold((await api.mutate(ReserveSeatDocument, { scheduleId, seatNumber })).reserveSeat))();
  const pay = attempt(feedback, async () => {
    if (hold) on.paid((await api.mutate(PayReservationDocument, { reservationId: hold.id, idempotencyKey })).payReservation);
  });
  const release = attempt(feedback, async () => {
    if (!hold) return;
    await api.mutate(CancelReservationDocument, { reservationId: hold.id });
    clearHold();
  });
  const pickDate = (scheduleId: string, label: string) => {
    map?.stop();
    clearHold();
    map = seatMap(api, feedback, scheduleId, (seat) => reserve(scheduleId, seat));
    seats.replaceChildren(h('h3', {}, label), map.element);
  };

  api.query(AvailableDatesDocument, { concertId: concert.id }).then(({ availableDates }) => {
    dates.replaceChildren(
      ...availableDates.map((s) =>
        h('button', { testid: 'date', data: { scheduleId: s.id }, onclick: () => pickDate(s.id, dateTime(s.startsAt)) }, `${dateTime(s.startsAt)} (${s.availableSeatCount} seats)`),
      ),
    );
    if (!availableDates.length) dates.textContent = 'Sold out.';
  }, feedback.error);

  root.append(
    h('h2', { testid: 'booking' }, concert.title),
    h('p', {}, 'Your turn: book within ', admission, '. ', rejoin),
    h('section', { class: 'card' }, 'Balance ', balance, ' ', amount, h('button', { testid: 'charge', onclick: charge }, 'Charge')),
    dates,
    seats,
    holdPanel,
  );
  return () => {
    timers.forEach((t) => window.clearInterval(t));
    window.clearInterval(holdTimer);
    map?.stop();
  };
};
