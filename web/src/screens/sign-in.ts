import { demoSignIn, subjectOf } from '../api.js';
import { h } from '../dom.js';
import { attempt, type Feedback, type Screen } from './types.js';

export interface Session {
  userId: string;
  token: string;
}

/** A demo user from the server's dev-token endpoint, or an identity JWT pasted by hand. */
export const signInScreen = (feedback: Feedback, onSignedIn: (session: Session) => void): Screen => (root) => {
  const pasted = h('input', { testid: 'token-input', id: 'token-input', autocomplete: 'off', spellcheck: 'false' });
  root.append(
    h('section', { class: 'card stack', style: 'max-width: 32rem; margin: var(--s-6) auto;' },
      h('h1', { style: 'font-size: var(--t-2xl)' }, 'Concert tickets, fairly'),
      h('p', { class: 'muted' }, 'When a sale opens, everyone waits in one line and is let in a few at a time. Your place is shown live; keep this page open.'),
      h('button', { class: 'primary', testid: 'sign-in', onclick: attempt(feedback, async () => onSignedIn(await demoSignIn())) }, 'Sign in as a new demo fan'),
      h('details', {},
        h('summary', {}, 'Sign in with an identity token'),
        h('div', { class: 'stack', style: 'margin-top: var(--s-3)' },
          h('div', { class: 'field' }, h('label', { for: 'token-input' }, 'Identity JWT'), pasted),
          h('button', {
            testid: 'use-token',
            onclick: () => {
              const token = pasted.value.trim();
              const userId = subjectOf(token);
              if (userId) onSignedIn({ userId, token });
              else feedback.error(new Error('That is not an identity token (a JWT with a user id).'));
            },
          }, 'Use this token'),
        ),
      ),
      h('p', { class: 'small muted' }, 'Running a sale? ', h('a', { href: 'operator/', testid: 'operator-link' }, 'Open the operator console')),
    ),
  );
};
