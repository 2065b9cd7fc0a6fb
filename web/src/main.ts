import './style.css';
import { createApi, type Api } from './api.js';
import { JoinLineDocument } from './generated/graphql.js';
import { pageFeedback } from './feedback.js';
import { bookingScreen } from './screens/booking.js';
import { concertsScreen, type Concert } from './screens/concerts.js';
import { confirmationScreen } from './screens/confirmation.js';
import { lineScreen } from './screens/line.js';
import { signInScreen, type Session } from './screens/sign-in.js';
import { attempt, type Screen } from './screens/types.js';

const root = document.getElementById('app')!;
const userLabel = document.querySelector<HTMLElement>('[data-testid=user-id]')!;
const feedback = pageFeedback(document.getElementById('error')!);

let stopScreen: (() => void) | void;
function show(screen: Screen) {
  stopScreen?.();
  root.replaceChildren();
  stopScreen = screen(root);
  window.scrollTo(0, 0);
}

let session: Session;
/** Identity only: concerts and joining a line. */
let identityApi: Api;
/** Identity plus the queue token of the line being stood in. */
let lineApi: Api | undefined;

function signedIn(next: Session) {
  session = next;
  // The id is for support, not for reading: a short form, the whole one on hover.
  userLabel.textContent = `Fan ${next.userId.slice(0, 6)}`;
  userLabel.title = `Signed in as ${next.userId}`;
  userLabel.dataset.userId = next.userId;
  identityApi?.close();
  identityApi = createApi({ token: next.token });
  showConcerts();
}

function showConcerts() {
  feedback.clear();
  show(concertsScreen(identityApi, feedback, join));
}

const join = (concert: Concert) =>
  attempt(feedback, async () => {
    const { issueQueueToken: ticket } = await identityApi.mutate(JoinLineDocument, { concertId: concert.id });
    lineApi?.close();
    const api = (lineApi = createApi({ token: session.token, queueToken: ticket.token }));
    show(
      lineScreen(api, feedback, concert, ticket, {
        admitted: (active) =>
          show(
            bookingScreen(api, feedback, concert, active, {
              paid: (payments, startsAt) => show(confirmationScreen(payments, concert.title, startsAt, showConcerts)),
              rejoin: () => join(concert),
            }),
          ),
        rejoin: () => join(concert),
        back: showConcerts,
      }),
    );
  })();

show(signInScreen(feedback, signedIn));
