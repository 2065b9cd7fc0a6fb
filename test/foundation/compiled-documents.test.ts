import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationCompiler } from '../../src/schema/compiled-execution.js';

const schema = buildSchema('type Query { a: Int, b: Int, c: Int }');

/**
 * The compiled operations are kept for a bounded number of documents (a flood of distinct
 * documents must not keep generated code for each), the least recently used going first.
 */
describe('compiled documents', () => {
  it('are compiled from their second request on', () => {
    const compiled = operationCompiler(schema, 2);
    const a = parse('{ a }');
    expect(compiled(a, null)).toBeNull();
    expect(compiled(a, null)).not.toBeNull();
  });

  it('keep at most the given number, forgetting the least recently used one first', () => {
    const compiled = operationCompiler(schema, 2);
    const [a, b, c] = ['{ a }', '{ b }', '{ c }'].map((q) => parse(q));
    for (const doc of [a, a, b, b]) compiled(doc, null);
    const aCompiled = compiled(a, null);
    expect(aCompiled).not.toBeNull();
    // `a` was used last: `c` takes `b`'s place.
    compiled(c, null);
    expect(compiled(a, null)).toBe(aCompiled);
    // `b` was forgotten: counted afresh, run uncompiled once more.
    expect(compiled(b, null)).toBeNull();
    expect(compiled(b, null)).not.toBeNull();
  });
});
