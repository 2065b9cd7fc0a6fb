import type { Api } from '../api.js';
import { h } from '../dom.js';
import { WatchLineDocument, type LineTicketFragment } from '../generated/graphql.js';
import type { Concert } from './concerts.js';
import type { Feedback, Screen } from './types.js';

const FINAL_MESSAGES: Record<string, string> = {
  EXPIRED: 'Your turn ran out before a payment went through.',
  CANCELLED: 'You left the line (the page was away too long).',
  COMPLETED: 'This place in line was used for a payment.',
};

/**
 * The waiting room: the position comes live over the queuePosition subscription (no polling)
 * and the screen moves on by itself once the ticket is ACTIVE.
 */
export const lineScreen = (
  api: Api,
  feedback: Feedback,
  concert: Concert,
  first: LineTicketFragment,
  on: { admitted(ticket: LineTicketFragment): void; rejoin(): void; back(): void },
): Screen => (root) => {
  const status = h('p', { testid: 'queue-status' });
  const position = h('p', { class: 'big', testid: 'queue-position' });
  const wait = h('p', { testid: 'queue-wait' });
  const actions = h('p', {}, h('button', { testid: 'back', onclick: on.back }, 'Back to concerts'));
  root.append(h('h2', {}, `In line for ${concert.title}`), h('section', { class: 'card' }, status, position, wait), actions);

  let admitted = false;
  const render = (ticket: LineTicketFragment) => {
    status.textContent = ticket.status === 'WAITING' ? 'Waiting for your turn' : ticket.status === 'ACTIVE' ? 'Admitted' : FINAL_MESSAGES[ticket.status];
    status.dataset.status = ticket.status;
    position.textContent = ticket.position === null ? '' : String(ticket.position);
    wait.textContent = ticket.estimatedWaitSeconds === null ? '' : `About ${Math.max(1, Math.round(ticket.estimatedWaitSeconds / 60))} min to go`;
    if (ticket.status === 'ACTIVE' && !admitted) {
      admitted = true;
      // Deferred: the first ticket may already be ACTIVE while this screen is still being shown.
      queueMicrotask(() => on.admitted(ticket));
    } else if (['EXPIRED', 'CANCELLED', 'COMPLETED'].includes(ticket.status)) {
      actions.append(h('button', { testid: 'rejoin', onclick: on.rejoin }, 'Join the line again'));
    }
  };
  render(first);
  if (first.status !== 'WAITING') return;
  return api.subscribe(WatchLineDocument, { concertId: concert.id }, { next: (data) => render(data.queuePosition), error: (e) => feedback.error(e) });
};
