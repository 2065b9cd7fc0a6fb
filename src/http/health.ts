import type { App } from '../app.js';

const CHECK_TIMEOUT_MS = 1500;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);
}

async function probe(check: () => Promise<unknown>): Promise<'ok' | string> {
  try {
    await withTimeout(check(), CHECK_TIMEOUT_MS);
    return 'ok';
  } catch (e) {
    return `unreachable: ${(e as Error).message}`;
  }
}

export interface Readiness {
  ready: boolean;
  postgres: string;
  redis: string;
}

/** Checks both backing services on every call, so readiness returns as soon as they do. */
export async function checkReadiness(app: App): Promise<Readiness> {
  const [postgres, redis] = await Promise.all([
    probe(() => app.orm.em.getConnection().execute('select 1')),
    probe(() => app.redis.ping()),
  ]);
  return { ready: postgres === 'ok' && redis === 'ok', postgres, redis };
}
