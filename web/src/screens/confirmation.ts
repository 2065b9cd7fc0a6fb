import { bookingCode, clock, h, seatLabel, weekdayDate, won } from '../dom.js';
import type { Payment } from './booking.js';
import type { Screen } from './types.js';

/** Paid: one ticket per seat, each with a short code to show at the door. */
export const confirmationScreen = (payments: Payment[], title: string, startsAt: Map<string, string>, onDone: () => void): Screen => (root) => {
  const last = payments.at(-1)!;
  root.append(
    h('section', { class: 'card stack', testid: 'confirmation', style: 'max-width: 36rem; margin: 0 auto', data: { seat: String(payments[0].reservation.seat.number), seats: payments.map((p) => p.reservation.seat.number).join(',') } },
      h('p', { class: 'badge', style: 'background: var(--ok-bg); color: var(--text)' }, 'Payment confirmed'),
      h('h1', { style: 'font-size: var(--t-2xl)' }, 'You are going!'),
      h('p', { style: 'font-size: var(--t-lg)' }, title),
      h('ul', { class: 'plain stack' },
        ...payments.map((p) => {
          const when = startsAt.get(p.reservation.seat.scheduleId);
          return h('li', { class: 'card', testid: 'ticket', data: { seat: String(p.reservation.seat.number) } },
            h('p', { class: 'small muted', style: 'margin: 0' }, 'Booking code'),
            h('p', { class: 'booking-code', testid: 'booking-code' }, bookingCode(p.reservation.id)),
            h('p', {}, h('strong', {}, seatLabel(p.reservation.seat.number)), when ? ` · ${weekdayDate(when)}, ${clock(when)}` : ''),
            h('p', { class: 'small muted' }, `Paid ${won(p.amount)} · reference ${p.reservation.id}`),
          );
        }),
      ),
      h('p', {}, `Balance left: ${won(last.balanceAfter)}`),
      h('button', { class: 'primary', testid: 'done', onclick: onDone }, 'Back to concerts'),
    ),
  );
};
