import type { Api } from '../api.js';
import { duration, h, timeLeft } from '../dom.js';
import { describeError } from '../errors.js';
import { gql, type TypedDocumentNode } from '@apollo/client';
import { WatchLineDocument, type LineTicketFragment, type WatchLineSubscriptionVariables } from '../generated/graphql.js';
import type { Concert } from './concerts.js';
import type { Feedback, Screen } from './types.js';

/** `estimateTrend` is a boxoffice addition some servers lack: read when present (see watchLine). */
type Ticket = LineTicketFragment & { estimateTrend?: string | null };

const ENDED: Record<string, { title: string; text: string }> = {
  EXPIRED: { title: 'Your turn ran out', text: 'Your time to book ended before a payment went through. You can join the line again.' },
  CANCELLED: { title: 'You left the line', text: 'This page was away too long, so your place was given up. You can join the line again.' },
  COMPLETED: { title: 'Booked', text: 'This place in line was used for a payment.' },
  SOLD_OUT: { title: 'Sold out', text: 'Every seat of this concert has now been sold, so the line has closed. We are sorry: there is nothing left to wait for.' },
};

const TREND: Record<string, string> = { FASTER: 'Moving faster', SLOWER: 'Moving slower', STEADY: 'Steady' };

/**
 * queuePosition with the estimate's trend, a field only some servers have (WaitTrend). It is not
 * in the generated operations so the app builds against either schema; a server without it
 * rejects the document and the plain one is used from then on.
 */
const WatchLineWithTrendDocument: TypedDocumentNode<{ queuePosition: Ticket }, WatchLineSubscriptionVariables> = gql`
  subscription WatchLineWithTrend($concertId: ID!) {
    queuePosition(concertId: $concertId) {
      token
      concertId
      status
      position
      estimatedWaitSeconds
      activeUntil
      opensAt
      estimateTrend
    }
  }
`;
let serverHasTrend = true;
const lacksTrend = (e: unknown) => /estimateTrend/.test(String((e as { message?: unknown })?.message ?? e));

/**
 * The waiting room: the ticket comes live over the queuePosition subscription (no polling) and
 * the screen moves on by itself once it is ACTIVE.
 */
export const lineScreen = (
  api: Api,
  feedback: Feedback,
  concert: Concert,
  first: Ticket,
  on: { admitted(ticket: LineTicketFragment): void; rejoin(): void; back(): void },
): Screen => (root) => {
  const status = h('p', { class: 'badge', testid: 'queue-status' });
  const headline = h('h2', { testid: 'queue-headline', style: 'font-size: var(--t-xl)' });
  const position = h('p', { class: 'position', testid: 'queue-position' });
  const positionLabel = h('p', { class: 'small muted', style: 'margin: 0' }, 'Your place in line');
  const bar = h('div');
  const progress = h('div', { class: 'progress', role: 'progressbar', 'aria-label': 'Progress through the line', 'aria-valuemin': '0', 'aria-valuemax': '100' }, bar);
  const ahead = h('dd', { testid: 'queue-ahead' });
  const wait = h('dd', { testid: 'queue-wait' });
  const trend = h('dd', { testid: 'queue-trend' });
  const trendBox = h('div', { hidden: true }, h('dt', {}, 'Trend'), trend);
  const stats = h('dl', { class: 'stats' }, h('div', {}, h('dt', {}, 'Ahead of you'), ahead), h('div', {}, h('dt', {}, 'Estimated wait'), wait), trendBox);
  const explain = h('p', { class: 'muted', testid: 'queue-explain' });
  const connection = h('div', { class: 'notice', testid: 'connection', role: 'status', hidden: true });
  const actions = h('div', { class: 'row' }, h('button', { testid: 'back', onclick: on.back }, 'Back to concerts'));
  root.append(
    h('div', { class: 'stack', style: 'max-width: 36rem; margin: 0 auto' },
      h('h1', { class: 'muted', style: 'margin: 0; font-size: var(--t-lg)' }, `In line for ${concert.title}`),
      h('section', { class: 'card', 'aria-live': 'polite' }, status, headline, positionLabel, position, progress, stats, explain),
      connection,
      actions,
    ),
  );

  let admitted = false;
  let ended = false;
  // The farthest back this fan has been: the bar shows the share of that distance covered.
  let startedAt = 0;
  let ticket = first;
  let countdown: number | undefined;

  const show = (el: HTMLElement, visible: boolean) => (el.hidden = !visible);
  const render = () => {
    const t = ticket;
    status.dataset.status = t.status;
    window.clearInterval(countdown);
    show(progress, false);
    show(stats, false);
    show(positionLabel, false);
    position.textContent = '';
    explain.textContent = '';
    if (t.status === 'WAITING' && t.position === null && t.opensAt) {
      status.textContent = 'Before opening';
      status.dataset.phase = 'pre-queue';
      const tick = () => (headline.textContent = `The line opens in ${timeLeft(t.opensAt!)}`);
      tick();
      countdown = window.setInterval(tick, 1000);
      explain.textContent = 'You are in. Your place will be drawn at random at opening, so arriving earlier gives no advantage. Keep this page open.';
    } else if (t.status === 'WAITING') {
      const pos = t.position ?? 0;
      startedAt = Math.max(startedAt, pos);
      position.textContent = String(pos);
      show(positionLabel, true);
      show(progress, true);
      show(stats, true);
      const done = startedAt > 1 ? Math.round(((startedAt - pos) / (startedAt - 1)) * 100) : 100;
      bar.style.width = `${Math.max(4, done)}%`;
      progress.setAttribute('aria-valuenow', String(done));
      ahead.textContent = pos <= 1 ? 'None' : (pos - 1).toLocaleString('en-US');
      if (t.estimatedWaitSeconds === null) {
        // The server reports no estimate for a WAITING ticket only while admission is paused.
        status.textContent = 'Paused';
        status.dataset.phase = 'paused';
        headline.textContent = 'The sale is paused for a moment';
        wait.textContent = 'Paused';
        explain.textContent = 'The organiser has paused admission. You keep your place, and the line moves on as soon as the sale resumes.';
      } else {
        status.textContent = 'Waiting';
        status.dataset.phase = 'waiting';
        headline.textContent = 'You are in line';
        wait.textContent = `About ${duration(t.estimatedWaitSeconds)}`;
        explain.textContent = 'When it is your turn this page moves on by itself. You will then have a few minutes to choose seats.';
      }
      const trendText = t.estimateTrend ? (TREND[t.estimateTrend] ?? null) : null;
      show(trendBox, trendText !== null && t.estimatedWaitSeconds !== null);
      trend.textContent = trendText ?? '';
    } else if (t.status === 'ACTIVE') {
      status.textContent = 'Admitted';
      headline.textContent = 'It is your turn!';
      if (!admitted) {
        admitted = true;
        // Deferred: the first ticket may already be ACTIVE while this screen is still being shown.
        queueMicrotask(() => on.admitted(t));
      }
    } else {
      const text = ENDED[t.status] ?? { title: 'Your place in line ended', text: '' };
      status.textContent = text.title;
      headline.textContent = text.title;
      explain.textContent = text.text;
      if (!ended) {
        ended = true;
        if (t.status !== 'SOLD_OUT') actions.prepend(h('button', { class: 'primary', testid: 'rejoin', onclick: on.rejoin }, 'Join the line again'));
      }
    }
  };
  render();
  if (first.status !== 'WAITING') return () => window.clearInterval(countdown);

  let unsubscribe = () => {};
  const watch = () => {
    show(connection, false);
    const handlers = {
      next: (data: { queuePosition: Ticket }) => {
        ticket = data.queuePosition;
        render();
      },
      error: (e: unknown) => {
        if (serverHasTrend && lacksTrend(e)) {
          serverHasTrend = false;
          return watch();
        }
        const { code } = describeError(e);
        if (code !== 'UNKNOWN' && code !== 'NETWORK') return feedback.error(e);
        // graphql-ws has already retried quietly for about a minute: now say so.
        connection.replaceChildren(
          h('p', {}, 'We cannot reach the box office right now. Your place in line is kept while you reconnect.'),
          h('button', { testid: 'reconnect', onclick: watch }, 'Reconnect'),
        );
        show(connection, true);
      },
    };
    unsubscribe = serverHasTrend
      ? api.subscribe(WatchLineWithTrendDocument, { concertId: concert.id }, handlers)
      : api.subscribe(WatchLineDocument, { concertId: concert.id }, handlers);
  };
  watch();
  return () => {
    window.clearInterval(countdown);
    unsubscribe();
  };
};
