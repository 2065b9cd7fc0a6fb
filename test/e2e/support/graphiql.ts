import type { Page } from 'playwright-core';

/** GraphiQL 4's CodeMirror 5 editors; the headers editor is the second tool of the bottom pane. */
export const EDITORS = {
  query: '.graphiql-query-editor .CodeMirror',
  headers: '.graphiql-editor-tool > .graphiql-editor:nth-of-type(2) .CodeMirror',
  response: '.graphiql-response .CodeMirror',
} as const;
type Editor = keyof typeof EDITORS;

// Through CodeMirror's own API: typing would fight its bracket auto-closing and hints.
export function readEditor(page: Page, editor: Editor): Promise<string> {
  return page.$eval(EDITORS[editor], (el) => (el as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());
}

export async function writeEditor(page: Page, editor: Editor, value: string): Promise<void> {
  await page.$eval(EDITORS[editor], (el, text) => (el as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(text), value);
}

/**
 * Replaces the document and waits until GraphiQL has parsed it (it names the tab after the
 * operation), or the run button would still send the previous operation's name.
 */
export async function writeOperation(page: Page, document: string): Promise<void> {
  const name = /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(document)?.[1];
  if (!name) throw new Error('give the operation a name: the tab label shows when GraphiQL has parsed it');
  await writeEditor(page, 'query', document);
  await page.locator('.graphiql-tab-active', { hasText: name }).waitFor({ timeout: 5000 });
}

/** Clicks the run button, as a person would. */
export async function runOperation(page: Page): Promise<void> {
  await page.click('.graphiql-execute-button');
}

/** Waits until the response pane matches `pattern`; returns its text. */
export async function waitForResponse(page: Page, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readEditor(page, 'response');
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`response never matched ${pattern} within ${timeoutMs} ms; last:\n${text}`);
    await page.waitForTimeout(50);
  }
}
