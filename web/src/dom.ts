type Child = Node | string | null | undefined | false;
type Props = { testid?: string; data?: Record<string, string>; class?: string; onclick?: (e: MouseEvent) => void; [attr: string]: unknown };

function setProps(el: Element, props: Props) {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'testid') el.setAttribute('data-testid', String(value));
    else if (key === 'data') for (const [k, v] of Object.entries(value as Record<string, string>)) el.setAttribute(`data-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, v);
    else if (key === 'onclick') el.addEventListener('click', value as EventListener);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

/** A tiny element builder: the app is a handful of screens, not worth a UI framework. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setProps(el, props);
  for (const child of children) if (child) el.append(child);
  return el;
}

/** The same for SVG elements (the seat map). */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setProps(el, props);
  for (const child of children) if (child) el.append(child);
  return el;
}

export const won = (amount: number) => `₩${amount.toLocaleString('en-US')}`;

export const dateTime = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
export const weekdayDate = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
export const clock = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** `m:ss` left until `iso`, never negative; `h:mm:ss` from an hour. */
export function timeLeft(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.ceil((new Date(iso).getTime() - now) / 1000));
  const ss = String(seconds % 60).padStart(2, '0');
  if (seconds < 3600) return `${Math.floor(seconds / 60)}:${ss}`;
  return `${Math.floor(seconds / 3600)}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${ss}`;
}

/** A wait in words at the precision a person cares about: "a few seconds", "40 s", "3 min", "1 h 20 min". */
export function duration(seconds: number): string {
  if (seconds < 10) return 'a few seconds';
  if (seconds < 60) return `${Math.round(seconds / 5) * 5} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A booking code a person can read out on the phone: the first 40 bits of the reservation id in
 * Crockford base32 (no I, L, O, U), as XXXX-XXXX. The full id stays the reference of record.
 */
export function bookingCode(reservationId: string): string {
  let bits = BigInt(`0x${reservationId.replace(/-/g, '').slice(0, 10)}`);
  let code = '';
  for (let i = 0; i < 8; i++) {
    code = CROCKFORD[Number(bits & 31n)] + code;
    bits >>= 5n;
  }
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export const SEATS_PER_ROW = 10;
export const rowOf = (seat: number) => String.fromCharCode(65 + Math.floor((seat - 1) / SEATS_PER_ROW));
/** "Seat 17 (row B)": numbers are what the API and the ticket use, rows help find it in the hall. */
export const seatLabel = (seat: number) => `Seat ${seat} (row ${rowOf(seat)})`;
