import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, isEnumType, isObjectType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAppSchema } from '../../src/schema/build.js';

/** The minimum schema of the public contract, as written in docs/API.md. */
function contractSchema(): GraphQLSchema {
  const text = readFileSync(resolve(import.meta.dirname, '../../docs/API.md'), 'utf8');
  const sdl = /```graphql\n([\s\S]*?)```/.exec(text)![1];
  return buildSchema(sdl);
}

/** Every `Type.field(args): ReturnType` of a schema, as comparable strings. */
function signatures(schema: GraphQLSchema, typeNames: string[]): string[] {
  return typeNames.flatMap((name) => {
    const type = schema.getType(name);
    if (isEnumType(type)) return [`enum ${name} { ${type.getValues().map((v) => v.name).join(' ')} }`];
    if (!isObjectType(type)) return [`${name}: missing`];
    return Object.values(type.getFields()).map((f) => `${name}.${f.name}(${[...f.args].sort((a, b) => a.name.localeCompare(b.name)).map((a) => `${a.name}: ${String(a.type)}${a.defaultValue !== undefined ? ` = ${String(a.defaultValue)}` : ''}`).join(', ')}): ${String(f.type)}`);
  });
}

describe('the public contract (docs/API.md)', () => {
  it('is contained in the schema the server emits: every type, field, argument and enum value with its nullability', () => {
    const contract = contractSchema();
    const names = Object.keys(contract.getTypeMap()).filter((n) => !n.startsWith('__') && !['String', 'Int', 'Float', 'Boolean', 'ID', 'DateTime'].includes(n));
    const served = signatures(buildAppSchema(), names);
    const missing = signatures(contract, names).filter((s) => !served.includes(s));
    expect(missing).toEqual([]);
  });
});
