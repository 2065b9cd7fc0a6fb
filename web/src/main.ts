import './style.css';
import { createApi, type Api } from './api.js';
import { describeError } from './errors.js';
import { JoinLineDocument } from './generated/graphql.js';
import { bookingScreen } from './screens/booking.js';
import { concertsScreen, type Concert } from './screens/concerts.js';
import { confirmationScreen } from './screens/confirmation.js';
import { lineScreen } from './screens/line.js';
import { signInScreen, type Session } from './screens/sign-in.js';
import { attempt, type Feedback, type Screen } from './screens/types.js';

const root = document.getElementById('app')!;
const errorBox = document.getElementById('error')!;
const userLabel = document.querySelector<HTMLElement>('[data-testid=user-id]')!;

const feedback: Feedback = {
  error(error) {
    const { code, message } = describeError(error);
    errorBox.textContent = message;
    errorBox.dataset.code = code;
    errorBox.hidden = false;
  },
  clear() {
    errorBox.hidden = true;
    errorBox.textContent = '';
    delete errorBox.dataset.code;
  },
};

let stopScreen: (() => void) | void;
function show(screen: Screen) {
  stopScreen?.();
  root.replaceChildren();
  stopScreen = screen(root);
}

let session: Session;
/** Identity only: concerts and joining a line. */
let identityApi: Api;
/** Identity plus the queue token of the line being stood in. */
let lineApi: Api | undefined;

function signedIn(next: Session) {
  session = next;
  userLabel.textContent = `signed in as ${next.userId}`;
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
              paid: (payment) => show(confirmationScreen(payment, concert.title, showConcerts)),
              rejoin: () => join(concert),
            }),
          ),
        rejoin: () => join(concert),
        back: showConcerts,
      }),
    );
  })();

show(signInScreen(feedback, signedIn));
