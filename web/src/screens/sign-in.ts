import { demoSignIn } from '../api.js';
import { h } from '../dom.js';
import { attempt, type Feedback, type Screen } from './types.js';

export interface Session {
  userId: string;
  token: string;
}

/** A demo user from the server's dev-token endpoint, or an identity JWT pasted by hand. */
export const signInScreen = (feedback: Feedback, onSignedIn: (session: Session) => void): Screen => (root) => {
  const pasted = h('input', { testid: 'token-input', placeholder: 'or paste an identity JWT', size: '40' });
  root.append(
    h('section', { class: 'card' },
      h('h2', {}, 'Sign in'),
      h('button', {
        testid: 'sign-in',
        onclick: attempt(feedback, async () => onSignedIn(await demoSignIn())),
      }, 'Sign in as a new demo user'),
      h('p', {}, pasted, h('button', {
        testid: 'use-token',
        onclick: () => {
          const token = pasted.value.trim();
          const sub = token.split('.')[1];
          try {
            const { sub: userId } = JSON.parse(atob(sub.replace(/-/g, '+').replace(/_/g, '/'))) as { sub: string };
            onSignedIn({ userId, token });
          } catch {
            feedback.error(new Error('not a JWT'));
          }
        },
      }, 'Use token')),
    ),
  );
};
