import type { Api } from '../api.js';
import { clock, duration, h, timeLeft, weekdayDate } from '../dom.js';
import { attempt, type Feedback, type Screen } from '../screens/types.js';
import { liveChart } from './chart.js';
import { confirmChange } from './confirm.js';
import { UpdateWaitingRoomDocument, WaitingRoomChangedDocument, WaitingRoomDocument, type RoomFragment as WaitingRoom, type WaitingRoomSettings } from '../generated/graphql.js';

/** `datetime-local` speaks local wall-clock time without a zone. */
const toLocalInput = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

const people = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'fan' : 'fans'}`;
/** "The 3 fans waiting keep their places" / "The 1 fan waiting keeps their place". */
const waitingKeep = (n: number) => (n === 1 ? 'The 1 fan waiting keeps their place' : `The ${people(n)} waiting keep their places`);

/** What the line is doing, in one phrase. */
function phase(room: WaitingRoom): { key: string; text: string } {
  if (room.soldOut) return { key: 'sold-out', text: 'Sold out: the line is closed' };
  if (room.opensAt && new Date(room.opensAt).getTime() > Date.now()) return { key: 'pre-queue', text: `Pre-queue: opens ${weekdayDate(room.opensAt)} ${clock(room.opensAt)} (in ${timeLeft(room.opensAt)})` };
  if (room.paused) return { key: 'paused', text: 'Paused: nobody is admitted' };
  return { key: 'open', text: 'Open: admitting' };
}

/**
 * One concert's waiting room: live charts of waiting, active and admitted per minute (from
 * waitingRoomChanged), the estimated drain time, and its settings. Every change reaches
 * everyone in line, so each asks for confirmation first, saying what it will do.
 */
export const roomScreen = (api: Api, feedback: Feedback, concert: { id: string; title: string }, back: () => void): Screen => (root) => {
  let room: WaitingRoom | undefined;
  const status = h('p', { class: 'badge', testid: 'room-status', style: 'font-size: var(--t-base)' }, 'Loading…');
  const kpi = (label: string, testid: string) => {
    const value = h('dd', { testid }, '–');
    return { value, element: h('div', {}, h('dt', {}, label), value) };
  };
  const waiting = kpi('Waiting', 'kpi-waiting');
  const active = kpi('Active now', 'kpi-active');
  const rate = kpi('Admitted per minute', 'kpi-rate');
  const drain = kpi('Line empty in', 'kpi-drain');
  const people$ = liveChart('Waiting and active', [{ label: 'Waiting', colour: '--primary' }, { label: 'Active', colour: '--ok' }], 'chart-people');
  const rate$ = liveChart('Admitted per minute', [{ label: 'Admitted / min', colour: '--accent' }], 'chart-rate');

  const pause = h('button', { class: 'primary', testid: 'pause' }, 'Pause admission');
  const opensAt = h('input', { type: 'datetime-local', id: 'opens-at', testid: 'opens-at' });
  const maxActive = h('input', { type: 'number', id: 'max-active', testid: 'max-active', min: '1', step: '1', inputmode: 'numeric' });
  const activeSeconds = h('input', { type: 'number', id: 'active-seconds', testid: 'active-seconds', min: '1', step: '1', inputmode: 'numeric' });

  const render = (next: WaitingRoom, fromServerPush = true) => {
    const first = !room;
    room = next;
    const p = phase(next);
    status.textContent = p.text;
    status.dataset.phase = p.key;
    waiting.value.textContent = next.waiting.toLocaleString('en-US');
    active.value.textContent = `${next.active.toLocaleString('en-US')} / ${next.maxActive}`;
    rate.value.textContent = next.admittedPerMinute.toFixed(1);
    drain.value.textContent = next.estimatedDrainSeconds === null ? (next.paused ? 'paused' : '–') : next.waiting === 0 ? 'nobody waits' : duration(next.estimatedDrainSeconds);
    pause.textContent = next.paused ? 'Resume admission' : 'Pause admission';
    pause.dataset.paused = String(next.paused);
    pause.disabled = next.soldOut;
    // Leave the fields alone while the operator is typing; fill them on load and after a change.
    if (first || !fromServerPush) {
      maxActive.value = String(next.maxActive);
      activeSeconds.value = String(next.activeSeconds);
      opensAt.value = next.opensAt && new Date(next.opensAt).getTime() > Date.now() ? toLocalInput(next.opensAt) : '';
    }
    if (fromServerPush) sample();
  };
  const sample = () => {
    if (!room) return;
    people$.push([room.waiting, room.active]);
    rate$.push([room.admittedPerMinute]);
  };

  const change = (settings: WaitingRoomSettings, title: string, consequence: string, action: string) =>
    attempt(feedback, async () => {
      if (!(await confirmChange(title, consequence, action))) return;
      render((await api.mutate(UpdateWaitingRoomDocument, { concertId: concert.id, settings })).updateWaitingRoom, false);
    })();

  pause.addEventListener('click', () => {
    if (!room) return;
    if (room.paused) change({ paused: false }, 'Resume admission?', `Admission starts again: ${room.waiting === 1 ? 'the 1 fan waiting moves' : `the ${people(room.waiting)} waiting move`} up as places free.`, 'Resume');
    else change({ paused: true }, 'Pause admission?', `Nobody more is let in until you resume. ${waitingKeep(room.waiting)} and is told the sale is paused; fans already admitted keep their time.`, 'Pause');
  });
  const setOpening = h('button', { testid: 'set-opens-at', onclick: () => {
    if (!room || !opensAt.value) return feedback.error(new Error('Choose an opening date and time first.'));
    const at = new Date(opensAt.value);
    change({ opensAt: at.toISOString() }, 'Change the opening time?', `The line opens ${weekdayDate(at.toISOString())} ${clock(at.toISOString())}. Everyone who joins before then is placed in a random order at that moment.`, 'Set opening time');
  } }, 'Set opening time');
  const openNow = h('button', { testid: 'open-now', onclick: () => {
    if (!room) return;
    change({ opensAt: new Date().toISOString() }, 'Open the line now?', `Everyone in the pre-queue is placed in a random order now, and admission starts.`, 'Open now');
  } }, 'Open now');
  const applyCapacity = h('button', { testid: 'apply-capacity', onclick: () => {
    if (!room) return;
    const max = Number(maxActive.value);
    const seconds = Number(activeSeconds.value);
    if (!Number.isInteger(max) || max < 1 || !Number.isInteger(seconds) || seconds < 1) return feedback.error(new Error('Both numbers must be whole and at least 1.'));
    const parts: string[] = [];
    if (max !== room.maxActive) parts.push(`up to ${max} fans may book at once (now ${room.maxActive})${max < room.maxActive ? '; nobody admitted is sent back, fewer are let in until the count falls' : ''}`);
    if (seconds !== room.activeSeconds) parts.push(`each admission lasts ${duration(seconds)} (now ${duration(room.activeSeconds)})`);
    if (!parts.length) return feedback.error(new Error('Nothing changed.'));
    change({ maxActive: max, activeSeconds: seconds }, 'Change admission?', `From the next tick ${parts.join(', and ')}. This changes how fast the ${people(room.waiting)} waiting move.`, 'Apply');
  } }, 'Apply');

  const field = (label: string, input: HTMLInputElement, hint?: string) =>
    h('div', { class: 'field', style: 'flex: 1; min-width: 10rem' }, h('label', { for: input.id }, label), input, hint ? h('span', { class: 'small muted' }, hint) : null);

  root.append(
    h('div', { class: 'stack' },
      h('button', { class: 'ghost small', testid: 'back', onclick: back }, '← All concerts'),
      h('div', { class: 'spread' }, h('h1', { style: 'font-size: var(--t-2xl); margin: 0' }, concert.title), status),
      h('section', { class: 'card', 'aria-label': 'Now' }, h('dl', { class: 'kpis', style: 'margin: 0' }, waiting.element, active.element, rate.element, drain.element)),
      h('section', { class: 'card stack', 'aria-label': `Charts of the last ${10} minutes` }, people$.element, rate$.element),
      h('section', { class: 'card stack', 'aria-labelledby': 'controls-title' },
        h('h2', { id: 'controls-title', style: 'font-size: var(--t-lg)' }, 'Controls'),
        h('div', { class: 'row' }, pause, h('span', { class: 'small muted' }, 'Paused: fans keep their places, nobody new is admitted.')),
        h('div', { class: 'row', style: 'align-items: flex-end' }, field('Opening time (pre-queue until then)', opensAt), setOpening, openNow),
        h('div', { class: 'row', style: 'align-items: flex-end' }, field('Fans booking at once (max active)', maxActive), field('Time to book, seconds (active time)', activeSeconds), applyCapacity),
      ),
    ),
  );

  const timer = window.setInterval(sample, 2000);
  const unsubscribe = api.subscribe(WaitingRoomChangedDocument, { concertId: concert.id }, { next: (d) => render(d.waitingRoomChanged), error: feedback.error });
  api.query(WaitingRoomDocument, { concertId: concert.id }).then((d) => render(d.waitingRoom), feedback.error);
  return () => {
    window.clearInterval(timer);
    unsubscribe();
    people$.stop();
    rate$.stop();
  };
};
