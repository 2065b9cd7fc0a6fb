import { dateTime, h, won } from '../dom.js';
import type { Payment } from './booking.js';
import type { Screen } from './types.js';

export const confirmationScreen = (payment: Payment, title: string, onDone: () => void): Screen => (root) => {
  root.append(
    h('section', { class: 'card', testid: 'confirmation', data: { seat: String(payment.reservation.seat.number) } },
      h('h2', {}, 'You are going!'),
      h('p', {}, `${title}: seat ${payment.reservation.seat.number}, paid ${won(payment.amount)} on ${dateTime(payment.paidAt)}.`),
      h('p', {}, `Balance left: ${won(payment.balanceAfter)}. Booking reference ${payment.id}.`),
      h('button', { testid: 'done', onclick: onDone }, 'Back to concerts'),
    ),
  );
};
