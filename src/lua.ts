import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './paths.js';

/**
 * The source of `src/<path>.lua`, for ioredis `defineCommand` (tsc does not copy .lua files, so
 * they are read from the source tree in both the compiled and the vitest run).
 */
export const luaScript = (path: string): string => readFileSync(join(PROJECT_ROOT, 'src', `${path}.lua`), 'utf8');
