import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');

// Read as text: web/ is built for the browser by Vite, not by the server's tsc program.
it('the front end has a message for every error code of the API contract', () => {
  const contract = readFileSync(resolve(root, 'docs', 'API.md'), 'utf8');
  const codes = [...contract.slice(contract.indexOf('## Error codes')).matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
  expect(codes.length).toBeGreaterThanOrEqual(13);
  const messages = readFileSync(resolve(root, 'web', 'src', 'errors.ts'), 'utf8');
  expect(codes.filter((code) => !new RegExp(`^\\s+${code}: \\(`, 'm').test(messages))).toEqual([]);
});
