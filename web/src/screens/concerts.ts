import type { Api } from '../api.js';
import { dateTime, h } from '../dom.js';
import { ConcertsDocument, type ConcertsQuery } from '../generated/graphql.js';
import type { Feedback, Screen } from './types.js';

export type Concert = ConcertsQuery['concerts'][number];

/** Every concert with its performances; joining a line is the only way on. */
export const concertsScreen = (api: Api, feedback: Feedback, onJoin: (concert: Concert) => void): Screen => (root) => {
  const list = h('ul', { testid: 'concerts' }, h('li', {}, 'Loading concerts...'));
  root.append(h('h2', {}, 'Concerts'), list);
  let live = true;
  api.query(ConcertsDocument).then(
    ({ concerts }) => {
      if (!live) return;
      list.replaceChildren(
        ...concerts.map((concert) =>
          h('li', { class: 'card', testid: 'concert', data: { concertId: concert.id } },
            h('strong', {}, concert.title),
            h('ul', {}, ...concert.schedules.map((s) => h('li', {}, `${dateTime(s.startsAt)}: ${s.availableSeatCount} seats left`))),
            h('button', { testid: 'join', onclick: () => onJoin(concert) }, 'Join the line'),
          ),
        ),
      );
      if (!concerts.length) list.replaceChildren(h('li', {}, 'No concerts on sale.'));
    },
    (e) => feedback.error(e),
  );
  return () => {
    live = false;
  };
};
