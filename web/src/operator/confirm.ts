import { h } from '../dom.js';

/**
 * Asks before a change that reaches everyone in line: a modal dialog (focus trapped by the
 * browser, Escape cancels) that resolves true only on an explicit confirmation.
 */
export function confirmChange(title: string, consequence: string, action: string): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = h('dialog', { testid: 'confirm-dialog', 'aria-labelledby': 'confirm-title' });
    const done = (ok: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(ok);
    };
    dialog.append(
      h('h2', { id: 'confirm-title', style: 'font-size: var(--t-lg)' }, title),
      h('p', {}, consequence),
      h('div', { class: 'row', style: 'justify-content: flex-end' },
        h('button', { testid: 'confirm-cancel', onclick: () => done(false) }, 'Cancel'),
        h('button', { class: 'primary', testid: 'confirm-ok', onclick: () => done(true) }, action),
      ),
    );
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      done(false);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}
