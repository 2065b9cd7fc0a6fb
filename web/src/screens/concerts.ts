import type { Api } from '../api.js';
import { h, weekdayDate, clock } from '../dom.js';
import { ConcertsDocument, type ConcertsQuery } from '../generated/graphql.js';
import type { Feedback, Screen } from './types.js';

export type Concert = ConcertsQuery['concerts'][number];

/** Every concert with its performances; joining a line is the only way on. */
export const concertsScreen = (api: Api, feedback: Feedback, onJoin: (concert: Concert) => void): Screen => (root) => {
  const list = h('ul', { class: 'plain cards', testid: 'concerts', 'aria-busy': 'true' }, h('li', { class: 'muted' }, 'Loading concerts…'));
  root.append(h('h1', { style: 'font-size: var(--t-2xl)' }, 'Concerts on sale'), list);
  let live = true;
  api.query(ConcertsDocument).then(
    ({ concerts }) => {
      if (!live) return;
      list.removeAttribute('aria-busy');
      list.replaceChildren(
        ...concerts.map((concert) => {
          const left = concert.schedules.reduce((sum, s) => sum + s.availableSeatCount, 0);
          const label = left ? 'Join the line' : 'Join the line (no seat free right now)';
          return h('li', { class: 'card stack', testid: 'concert', data: { concertId: concert.id } },
            h('h2', { style: 'font-size: var(--t-xl)' }, concert.title),
            h('ul', { class: 'plain small' },
              ...concert.schedules.map((s) => h('li', { class: 'spread' }, h('span', {}, `${weekdayDate(s.startsAt)}, ${clock(s.startsAt)}`), h('span', { class: 'muted nums' }, s.availableSeatCount ? `${s.availableSeatCount} seats left` : 'sold out'))),
            ),
            // Held seats may still come back, so the line stays open until the server says SOLD_OUT.
            // The accessible name starts with the visible text (WCAG 2.5.3), then says which concert.
            h('button', { class: 'primary', testid: 'join', onclick: () => onJoin(concert), 'aria-label': `${label}: ${concert.title}` }, label),
          );
        }),
      );
      if (!concerts.length) list.replaceChildren(h('li', { class: 'muted' }, 'No concerts on sale right now.'));
    },
    (e) => feedback.error(e),
  );
  return () => {
    live = false;
  };
};
