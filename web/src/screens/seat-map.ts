import { h, rowOf, s, SEATS_PER_ROW, seatLabel, won } from '../dom.js';
import { SEATS_PER_SCHEDULE, type ScheduleSeats } from './seat-store.js';

export interface SeatMap {
  element: HTMLElement;
  /** Marks the caller's own holds, which the server reports as merely not available. */
  setMine(numbers: Iterable<number>): void;
  stop(): void;
}

const SEAT = 30;
// Sized so a seat is at least 24 CSS px wide on a 360-px phone (WCAG 2.2 target size).
const GAP = 4;
const AISLE = 12;
const LEFT = 18;
const TOP = 64;
const ROWS = SEATS_PER_SCHEDULE / SEATS_PER_ROW;
const WIDTH = LEFT * 2 + SEATS_PER_ROW * SEAT + (SEATS_PER_ROW - 1) * GAP + AISLE;
const HEIGHT = TOP + ROWS * (SEAT + GAP) + 8;

const xOf = (i: number) => LEFT + i * (SEAT + GAP) + (i >= SEATS_PER_ROW / 2 ? AISLE : 0);
const yOf = (row: number) => TOP + row * (SEAT + GAP);

/** "Row A", "Rows B–C": the rows a price applies to, as runs. */
function rowRuns(rows: number[]): string {
  const runs: Array<[number, number]> = [];
  for (const r of rows.sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && last[1] === r - 1) last[1] = r;
    else runs.push([r, r]);
  }
  const name = (r: number) => String.fromCharCode(65 + r);
  const text = runs.map(([a, b]) => (a === b ? name(a) : `${name(a)}–${name(b)}`)).join(', ');
  return `${rows.length > 1 ? 'Rows' : 'Row'} ${text}`;
}

/**
 * The hall of one performance drawn as SVG: the stage, rows A to E of ten seats with an aisle,
 * each seat coloured by status (available, yours, taken), a legend and the prices by row. Seats
 * are one keyboard stop: Tab reaches the map, arrow keys move between seats, Enter or Space holds.
 */
export function seatMap(seats: ScheduleSeats, onPick: (seat: number) => void): SeatMap {
  let mine = new Set<number>();
  let focused = 1;
  const nodes: SVGGElement[] = [];
  const svg = s('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'group', 'aria-label': 'Seat map: the stage is at the top. Use the arrow keys to move between seats and Enter to hold one.' },
    s('rect', { x: String(LEFT + 40), y: '6', width: String(WIDTH - 2 * LEFT - 80), height: '30', rx: '15', fill: 'var(--stage)' }),
    s('text', { x: String(WIDTH / 2), y: '26', 'text-anchor': 'middle', class: 'stage-label', 'aria-hidden': 'true' }, 'STAGE'),
  );
  for (let row = 0; row < ROWS; row++) {
    const label = String.fromCharCode(65 + row);
    svg.append(
      s('text', { x: '2', y: String(yOf(row) + SEAT / 2 + 4), class: 'row-label', 'aria-hidden': 'true' }, label),
      s('text', { x: String(WIDTH - 10), y: String(yOf(row) + SEAT / 2 + 4), class: 'row-label', 'aria-hidden': 'true' }, label),
    );
  }
  for (let n = 1; n <= SEATS_PER_SCHEDULE; n++) {
    const i = (n - 1) % SEATS_PER_ROW;
    const row = Math.floor((n - 1) / SEATS_PER_ROW);
    const g = s('g', { class: 'seat', testid: 'seat', role: 'button', tabindex: n === 1 ? '0' : '-1', data: { number: String(n), status: 'taken' } },
      s('rect', { x: String(xOf(i)), y: String(yOf(row)), width: String(SEAT), height: String(SEAT), rx: '7' }),
      s('text', { x: String(xOf(i) + SEAT / 2), y: String(yOf(row) + SEAT / 2 + 4), 'text-anchor': 'middle', 'aria-hidden': 'true' }, String(n)),
    );
    g.addEventListener('click', () => {
      focused = n;
      if (g.dataset.status === 'available') onPick(n);
    });
    g.addEventListener('keydown', (e) => {
      const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -SEATS_PER_ROW, ArrowDown: SEATS_PER_ROW, Home: 1 - n, End: SEATS_PER_SCHEDULE - n };
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        if (g.dataset.status === 'available') onPick(n);
      } else if (e.key in moves) {
        e.preventDefault();
        const next = n + moves[e.key];
        if (next >= 1 && next <= SEATS_PER_SCHEDULE) moveFocus(next);
      }
    });
    nodes.push(g);
    svg.append(g);
  }
  const moveFocus = (n: number) => {
    nodes[focused - 1].setAttribute('tabindex', '-1');
    focused = n;
    nodes[n - 1].setAttribute('tabindex', '0');
    nodes[n - 1].focus();
  };

  const prices = h('p', { class: 'small muted', testid: 'price-list', style: 'margin: var(--s-2) 0 0' });
  const legend = h('ul', { class: 'legend', 'aria-label': 'Legend' },
    h('li', {}, h('span', { class: 'swatch available', 'aria-hidden': 'true' }), 'Available'),
    h('li', {}, h('span', { class: 'swatch mine', 'aria-hidden': 'true' }), 'Held by you'),
    h('li', {}, h('span', { class: 'swatch taken', 'aria-hidden': 'true' }), 'Taken'),
  );
  const element = h('div', { class: 'seat-map', testid: 'seat-map', data: { scheduleId: seats.scheduleId, loaded: 'false' } }, svg, legend, prices);

  const paint = () => {
    if (!seats.loaded) return;
    element.dataset.loaded = 'true';
    nodes.forEach((g, i) => {
      const n = i + 1;
      const status = mine.has(n) ? 'mine' : seats.available.has(n) ? 'available' : 'taken';
      g.dataset.status = status;
      const price = seats.prices.get(n);
      const words = status === 'available' ? `available, ${won(price!)}` : status === 'mine' ? 'held by you' : 'taken';
      g.setAttribute('aria-label', `${seatLabel(n)}: ${words}`);
      if (status === 'available') g.removeAttribute('aria-disabled');
      else g.setAttribute('aria-disabled', 'true');
    });
    // Prices by row, from every price seen (taken seats only show theirs once they change).
    const byPrice = new Map<number, Set<number>>();
    for (const [n, price] of seats.prices) {
      const set = byPrice.get(price) ?? new Set<number>();
      set.add(rowOf(n).charCodeAt(0) - 65);
      byPrice.set(price, set);
    }
    prices.textContent = [...byPrice].sort(([a], [b]) => b - a).map(([price, rows]) => `${rowRuns([...rows])}: ${won(price)}`).join(' · ');
  };
  const stopListening = seats.onChange(paint);
  paint();
  return {
    element,
    setMine(numbers) {
      mine = new Set(numbers);
      paint();
    },
    stop: stopListening,
  };
}
