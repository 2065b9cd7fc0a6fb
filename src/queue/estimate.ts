import { LRUCache } from 'lru-cache';

/**
 * The wait estimate: when will the fan at position k of a line be admitted?
 *
 * The model. A line has maxActive slots. A slot frees at the earlier of its ticket's activeUntil
 * and the payment that completes it, and the next fan in line gets it at the next admission tick.
 * So the admissions to come are, for every slot, its first free moment and then one more every
 * *cycle* (how long a fan holds a slot, plus the wait for the tick that refills it):
 *
 *   - a free slot (the line is short, or a slot was just paid for) fills at the next tick;
 *     before the line opens (the restore grace of a new line, a pre-queue's opening time) at the
 *     first tick after `opensAt`;
 *   - an ACTIVE ticket's slot frees at its admission + cycle, but never after its activeUntil
 *     (plus the tick that notices it); one that has held longer than a cycle without paying is
 *     given half of what it may still hold, at most half a cycle;
 *   - the cycle is the configured worst case (activeSeconds, nobody pays) as a prior worth two
 *     observations, blended with how long slots were actually held over about the last 2 rounds
 *     of the line's slots (lua/lib.lua, observe_holds, keeps the sums): count-weighted, so the
 *     first second of a sale already has an honest figure, and the evidence takes over as soon
 *     as there is some.
 *
 * Position k is admitted at the k-th of these moments. When every slot was filled at the same
 * tick (a sale's opening), the line moves in steps of maxActive every cycle, which this keeps
 * instead of smearing it into an average rate. A paused line has no estimate.
 *
 * The trend compares that cycle with the one over about the last 6 rounds.
 */

/** What a line's scripts report about it (lua/lib.lua, outlook_text), parsed once per change. */
export interface LineOutlook {
  /** Redis time (ms) the outlook was read at. */
  at: number;
  paused: boolean;
  /** Admissions start at (ms); 0: open. */
  opensAt: number;
  /** The line's own settings, when it overrides the configuration. */
  maxActive: number | null;
  activeMs: number | null;
  /** The admission tick interval the line was last ticked with (0: not ticked yet). */
  tickMs: number;
  /** Slot holds observed over the longer run (decayed count) and the sum of their unused time (ms, see observe_holds). */
  holds: { n: number; unused: number };
  /** The same over the estimate's shorter window. */
  recent: { n: number; unused: number };
  activeCount: number;
  /** WAITING tickets. */
  waiting: number;
  /** activeUntil (ms) of the ACTIVE tickets in order: all, or evenly spaced samples of them. */
  activeUntil: number[];
  /** What every outlook of the same line state shares: the admission times, once computed. */
  shared: { schedule?: { policy: EstimatePolicy; at: number; admissions: Admissions } };
}

export interface EstimatePolicy {
  maxActive: number;
  activeSeconds: number;
  admitIntervalMs: number;
}

export enum WaitTrend {
  FASTER = 'FASTER',
  STEADY = 'STEADY',
  SLOWER = 'SLOWER',
}

/** The recent cycle must differ from the longer one by this share to be a trend. */
const TREND_THRESHOLD = 0.2;
/** Slots modelled one by one; a larger line is modelled by this many evenly spaced ones. */
const MODELLED_SLOTS = 64;
/** Admission moments tabulated before the rest is extrapolated one cycle at a time. */
const TABLE_LIMIT = 8192;

/**
 * A schedule made at one moment serves calls for this long after it: the answers move by at most
 * this much (estimates are whole seconds), and a line polled thousands of times a second between
 * two changes computes it a few times a second instead of on every call.
 */
const SCHEDULE_REUSE_MS = 250;
/**
 * Line states by what their schedule is made of (admissionsOf): not the moment the outlook was
 * read, nor how many wait (a join changes only that), nor the longer-run holds (the trend's).
 */
const sharedByState = new LRUCache<string, LineOutlook['shared']>({ max: 1024 });
const SCHEDULE_FIELDS = [2, 3, 4, 5, 8, 9, 10, 12];

export function parseOutlook(text: string): LineOutlook {
  const [head, untils = ''] = text.split(';');
  const f = head.split(',');
  const state = `${SCHEDULE_FIELDS.map((i) => f[i]).join(',')};${untils}`;
  let shared = sharedByState.get(state);
  if (!shared) sharedByState.set(state, (shared = {}));
  const num = (i: number) => Number(f[i] || 0);
  const at = num(0);
  return {
    at,
    paused: f[1] === '1',
    opensAt: num(2),
    // Unset (or 0: unset) falls back to the configuration.
    maxActive: Number(f[3]) > 0 ? Number(f[3]) : null,
    activeMs: Number(f[4]) > 0 ? Number(f[4]) : null,
    tickMs: num(5),
    holds: { n: num(6), unused: num(7) },
    recent: { n: num(8), unused: num(9) },
    activeCount: num(10),
    waiting: num(11),
    // Offsets from the moment they were read (field 12; `at` in outlooks made before it existed).
    activeUntil: untils ? untils.split(',').map((o) => (f[12] ? num(12) : at) + Number(o)) : [],
    shared,
  };
}

interface LineShape {
  slots: number;
  activeMs: number;
  tickMs: number;
}

function shapeOf(o: LineOutlook, p: EstimatePolicy): LineShape {
  return { slots: Math.max(1, o.maxActive ?? p.maxActive), activeMs: o.activeMs ?? p.activeSeconds * 1000, tickMs: o.tickMs || p.admitIntervalMs };
}

/**
 * How long a slot is held from one admission to the next (ms): the active time less the average
 * time holders left unused (the observations, which start from the worst case: see above); before
 * any, the active time plus half a tick (expiries are noticed by the next tick).
 */
function cycleMs(shape: LineShape, observed: { n: number; unused: number }): number {
  const unused = observed.n > 0 ? observed.unused / observed.n : -shape.tickMs / 2;
  return Math.min(shape.activeMs + shape.tickMs, Math.max(shape.tickMs / 2, shape.activeMs - unused, 1));
}

/** The moments (ms) slots free, sorted, with each moment standing for `weight` slots. */
interface Admissions {
  table: number[];
  /** Modelled slots (each of `weight` real ones). */
  slots: number;
  weight: number;
  cycle: number;
}

function admissionsOf(o: LineOutlook, p: EstimatePolicy): Admissions {
  const made = o.shared.schedule;
  if (made?.policy === p && o.at >= made.at && o.at - made.at <= SCHEDULE_REUSE_MS) return made.admissions;
  const shape = shapeOf(o, p);
  const cycle = cycleMs(shape, o.recent);
  const half = shape.tickMs / 2;
  const opens = Math.max(o.at, o.opensAt);
  const firstTick = opens + half;
  // One moment per real slot, in order: free slots now, then the ACTIVE ones' (the earliest of
  // them only bring the line back under a lowered cap).
  const free = Math.max(0, shape.slots - o.activeCount);
  const activeFree = o.activeUntil.map((until) => {
    const end = until + half;
    const due = until - shape.activeMs + cycle;
    // Overdue without paying: half of what it may still hold, at most half a cycle.
    const frees = due > o.at ? Math.min(end, due) : o.at + Math.min(cycle, end - o.at) / 2;
    return Math.max(firstTick, frees);
  });
  activeFree.sort((a, b) => a - b);
  const dropped = Math.max(0, o.activeCount - shape.slots);
  const slotAt = (i: number): number => {
    if (i < free) return firstTick;
    const rank = i - free + dropped;
    return activeFree[Math.min(activeFree.length - 1, Math.floor((rank * activeFree.length) / Math.max(1, o.activeCount)))] ?? firstTick;
  };
  const slots = Math.min(shape.slots, MODELLED_SLOTS);
  const firsts = Array.from({ length: slots }, (_, s) => slotAt(Math.floor(((s + 0.5) * shape.slots) / slots)));
  // Every slot's moments up to one cycle past the latest first one: from there on the sequence
  // repeats, `slots` moments per cycle.
  const last = Math.max(...firsts) + cycle;
  const table: number[] = [];
  for (const first of firsts) for (let t = first; t <= last && table.length < TABLE_LIMIT; t += cycle) table.push(t);
  table.sort((a, b) => a - b);
  const admissions = { table, slots, weight: shape.slots / slots, cycle };
  o.shared.schedule = { policy: p, at: o.at, admissions };
  return admissions;
}

/** When (ms) the fan at 1-based `position` is admitted. */
function admissionAt(a: Admissions, position: number): number {
  const k = Math.max(1, Math.ceil(position / a.weight));
  const n = a.table.length;
  if (k <= n) return a.table[k - 1];
  const rounds = Math.ceil((k - n) / a.slots);
  return a.table[k - 1 - rounds * a.slots] + rounds * a.cycle;
}

/**
 * Seconds until a WAITING holder at `position` is admitted, read at `at` (Redis time, ms). Null
 * when the line is paused. (A ticket in a sale's pre-queue has no position, and so no estimate,
 * until the opening shuffle places it: src/queue/ticket.ts.)
 */
export function waitSeconds(o: LineOutlook, position: number, at: number, p: EstimatePolicy): number | null {
  if (o.paused) return null;
  return Math.max(0, Math.round((admissionAt(admissionsOf(o, p), position) - at) / 1000));
}

/** Whether the line has lately been moving faster or slower than over the longer run. */
export function waitTrend(o: LineOutlook, p: EstimatePolicy): WaitTrend | null {
  if (o.paused) return null;
  const shape = shapeOf(o, p);
  const ratio = cycleMs(shape, o.recent) / cycleMs(shape, o.holds);
  if (ratio < 1 - TREND_THRESHOLD) return WaitTrend.FASTER;
  if (ratio > 1 + TREND_THRESHOLD) return WaitTrend.SLOWER;
  return WaitTrend.STEADY;
}
