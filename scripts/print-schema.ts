/** Writes the SDL built from the code to `src/schema/schema.graphql` (part of `npm run codegen`). */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printAppSchema } from '../src/schema/build.js';

const target = resolve(import.meta.dirname, '..', '..', 'src', 'schema', 'schema.graphql');
writeFileSync(target, printAppSchema());
console.log(`wrote ${target}`);
