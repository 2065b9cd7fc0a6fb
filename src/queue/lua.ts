import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

/** The source of `src/queue/scripts/<name>.lua`, for ioredis `defineCommand`. */
export const luaScript = (name: string): string => readFileSync(join(PROJECT_ROOT, 'src', 'queue', 'scripts', `${name}.lua`), 'utf8');
