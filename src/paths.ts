import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(dir: string): string {
  const parent = dirname(dir);
  return existsSync(join(dir, 'package.json')) || parent === dir ? dir : findRoot(parent);
}

/**
 * The project root, whether the code runs compiled (under dist/) or from source (vitest). Files
 * tsc does not copy (Lua scripts, the built front end) are found from here.
 */
export const PROJECT_ROOT = findRoot(import.meta.dirname);
