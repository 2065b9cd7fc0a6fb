import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printAppSchema } from '../../src/schema/build.js';

describe('checked-in schema', () => {
  it('src/schema/schema.graphql matches the schema built from the code (run `npm run codegen` when this fails)', () => {
    const checkedIn = readFileSync(resolve(import.meta.dirname, '../../src/schema/schema.graphql'), 'utf8');
    expect(printAppSchema()).toBe(checkedIn);
  });
});
