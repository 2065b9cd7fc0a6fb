type Child = Node | string | null | undefined | false;

/** A tiny element builder: the app is a handful of screens, not worth a UI framework. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { testid?: string; data?: Record<string, string>; class?: string; onclick?: (e: MouseEvent) => void; [attr: string]: unknown } = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'testid') el.dataset.testid = String(value);
    else if (key === 'data') Object.assign(el.dataset, value);
    else if (key === 'onclick') el.addEventListener('click', value as EventListener);
    else el.setAttribute(key === 'class' ? 'class' : key, value === true ? '' : String(value));
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

export const won = (amount: number) => `₩${amount.toLocaleString('en-US')}`;

export const dateTime = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** `m:ss` left until `iso`, never negative. */
export function timeLeft(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.ceil((new Date(iso).getTime() - now) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
