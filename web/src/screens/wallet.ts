import type { Api } from '../api.js';
import { clock, h, weekdayDate, won } from '../dom.js';
import { BalanceDocument, BalanceHistoryDocument, ChargeBalanceDocument, type LedgerEntryFragment } from '../generated/graphql.js';
import { attempt, type Feedback } from './types.js';

const PRESETS = [50_000, 100_000, 200_000, 500_000];
/** Charges are rounded up to this, so a suggested top-up is a round number. */
const STEP = 10_000;

/**
 * The prepaid balance: what is there, a charge that covers the seats held (suggested first),
 * round presets, and the ledger (balanceHistory, newest first).
 */
export function wallet(api: Api, feedback: Feedback, owed: () => number, dearestSeat: () => number) {
  let balance: number | null = null;
  let suggested = 0;
  const amountText = h('strong', { testid: 'balance', class: 'nums', style: 'font-size: var(--t-xl)' }, '…');
  const amount = h('input', { testid: 'charge-amount', id: 'charge-amount', type: 'number', min: '1', step: String(STEP), inputmode: 'numeric' });
  const presets = h('div', { class: 'row', role: 'group', 'aria-label': 'Charge presets' });
  const ledger = h('ul', { class: 'plain ledger', testid: 'ledger' });

  const choose = (value: number) => {
    amount.value = String(value);
    // One button pressed even when the covering amount equals a preset.
    const pressed = [...presets.querySelectorAll('button')].find((b) => b.dataset.amount === String(value));
    presets.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(b === pressed)));
  };
  const refreshSuggestion = () => {
    // What the seats held cost; holding none, what the dearest seat on show costs.
    const holding = owed() > 0;
    const cover = balance === null ? 0 : Math.max(0, (holding ? owed() : dearestSeat()) - balance);
    const coverAmount = Math.ceil(cover / STEP) * STEP;
    presets.replaceChildren(
      ...(cover ? [h('button', { class: 'small', testid: 'charge-cover', data: { amount: String(coverAmount) }, onclick: () => choose(coverAmount) }, `${holding ? 'Cover my seats' : 'Enough for any seat'} · ${won(coverAmount)}`)] : []),
      ...PRESETS.map((p) => h('button', { class: 'small', testid: 'charge-preset', data: { amount: String(p) }, onclick: () => choose(p) }, won(p))),
    );
    // A new suggestion replaces the amount; an unchanged one leaves what the fan typed alone
    // (seats change under them many times a second in a busy sale).
    if (cover && coverAmount !== suggested) choose(coverAmount);
    else if (!amount.value) choose(PRESETS[1]);
    else choose(Number(amount.value));
    suggested = coverAmount;
  };
  const entry = (e: LedgerEntryFragment) =>
    h('li', { testid: 'ledger-entry', data: { kind: e.kind } },
      h('span', {}, e.kind === 'CHARGE' ? 'Charge' : 'Ticket payment', h('span', { class: 'muted' }, ` · ${weekdayDate(e.createdAt)} ${clock(e.createdAt)}`)),
      h('span', { class: `nums ${e.kind === 'CHARGE' ? 'plus' : ''}` }, `${e.kind === 'CHARGE' ? '+' : '−'}${won(e.amount)}`),
    );
  const refresh = () =>
    Promise.all([api.query(BalanceDocument), api.query(BalanceHistoryDocument, { first: 10 })]).then(([{ balance: b }, { balanceHistory }]) => {
      balance = b.amount;
      amountText.textContent = won(b.amount);
      ledger.replaceChildren(...(balanceHistory.length ? balanceHistory.map(entry) : [h('li', { class: 'muted' }, 'No charges or payments yet.')]));
      refreshSuggestion();
    }, feedback.error);
  const charge = attempt(feedback, async () => {
    const { chargeBalance } = await api.mutate(ChargeBalanceDocument, { amount: Number(amount.value) });
    balance = chargeBalance.balanceAfter;
    amountText.textContent = won(chargeBalance.balanceAfter);
    void refresh();
  });
  void refresh();

  const element = h('section', { class: 'card stack', testid: 'wallet', 'aria-labelledby': 'wallet-title' },
    h('div', { class: 'spread' }, h('h2', { id: 'wallet-title', style: 'font-size: var(--t-lg); margin: 0' }, 'Balance'), amountText),
    presets,
    h('div', { class: 'row', style: 'align-items: flex-end' },
      h('div', { class: 'field', style: 'flex: 1; min-width: 9rem' }, h('label', { for: 'charge-amount' }, 'Amount to charge (₩)'), amount),
      h('button', { class: 'primary', testid: 'charge', onclick: charge }, 'Charge'),
    ),
    h('details', {}, h('summary', { testid: 'ledger-toggle' }, 'Recent activity'), ledger),
  );
  return { element, refresh: () => void refresh(), refreshSuggestion };
}
