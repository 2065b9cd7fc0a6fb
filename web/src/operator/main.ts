import '../style.css';
import { createApi, demoSignIn, subjectOf, type Api } from '../api.js';
import { dateTime, h } from '../dom.js';
import { pageFeedback } from '../feedback.js';
import { attempt, type Screen } from '../screens/types.js';
import { ConcertsDocument } from '../generated/graphql.js';
import { roomScreen } from './room.js';

const root = document.getElementById('app')!;
const userLabel = document.querySelector<HTMLElement>('[data-testid=user-id]')!;
const feedback = pageFeedback(document.getElementById('error')!);

let stopScreen: (() => void) | void;
function show(screen: Screen) {
  stopScreen?.();
  root.replaceChildren();
  feedback.clear();
  stopScreen = screen(root);
}

let api: Api;
function signedIn(userId: string, token: string) {
  userLabel.textContent = `Operator ${userId.slice(0, 6)}`;
  userLabel.title = `Signed in as ${userId}`;
  api?.close();
  api = createApi({ token });
  show(concerts);
}

/** Operators sign in with a JWT carrying the operator role; in development the server signs one. */
const signIn: Screen = (el) => {
  const pasted = h('input', { id: 'token-input', testid: 'token-input', autocomplete: 'off', spellcheck: 'false' });
  el.append(
    h('section', { class: 'card stack', style: 'max-width: 32rem; margin: var(--s-6) auto' },
      h('h1', { style: 'font-size: var(--t-2xl)' }, 'Operator console'),
      h('p', { class: 'muted' }, 'Watch each waiting room live and change when it opens, whether it admits, and how many fans book at once.'),
      h('button', { class: 'primary', testid: 'sign-in-operator', onclick: attempt(feedback, async () => {
        const { userId, token } = await demoSignIn({ operator: true });
        signedIn(userId, token);
      }) }, 'Sign in as a demo operator'),
      h('details', {},
        h('summary', {}, 'Sign in with an identity token'),
        h('div', { class: 'stack', style: 'margin-top: var(--s-3)' },
          h('div', { class: 'field' }, h('label', { for: 'token-input' }, 'Identity JWT with the operator role'), pasted),
          h('button', { testid: 'use-token', onclick: () => {
            const token = pasted.value.trim();
            const userId = subjectOf(token);
            if (userId) signedIn(userId, token);
            else feedback.error(new Error('That is not an identity token (a JWT with a user id).'));
          } }, 'Use this token'),
        ),
      ),
      h('p', { class: 'small muted' }, h('a', { href: '../' }, 'Back to the fan app')),
    ),
  );
};

const concerts: Screen = (el) => {
  const list = h('ul', { class: 'plain cards', testid: 'concerts' }, h('li', { class: 'muted' }, 'Loading concerts…'));
  el.append(h('h1', { style: 'font-size: var(--t-2xl)' }, 'Waiting rooms'), list);
  api.query(ConcertsDocument).then(({ concerts: all }) => {
    list.replaceChildren(
      ...all.map((c) =>
        h('li', { class: 'card stack', testid: 'concert', data: { concertId: c.id } },
          h('h2', { style: 'font-size: var(--t-lg)' }, c.title),
          h('p', { class: 'small muted' }, `${c.schedules.length} performances, first ${c.schedules[0] ? dateTime(c.schedules[0].startsAt) : '–'}`),
          h('button', { class: 'primary', testid: 'open-room', 'aria-label': `Open waiting room: ${c.title}`, onclick: () => show(roomScreen(api, feedback, c, () => show(concerts))) }, 'Open waiting room'),
        ),
      ),
    );
  }, feedback.error);
};

show(signIn);
