import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerChannels } from '../../src/events/channels.js';
import { redisNode } from '../../src/redis.js';

/** A port nothing listens on: Redis is unreachable there. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe('event channels while Redis is unreachable', () => {
  it('a subscribe fails for its caller alone and leaves no unhandled rejection behind (one would end the server process)', async () => {
    process.on('unhandledRejection', onUnhandled);
    const port = await deadPort();
    const unreachable = () => redisNode('127.0.0.1', port, { enableOfflineQueue: true, maxRetriesPerRequest: 1, retryStrategy: () => 50 });
    const channels = new ServerChannels(unreachable(), unreachable());
    try {
      await expect(channels.subscribe('boxoffice-test:unreachable')).rejects.toThrow(/retries/);
      // Rejections nobody handled are reported after the microtask queue drains.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unhandled).toEqual([]);
      // The next attempt is a new one (the failed one was forgotten), and fails the same way.
      await expect(channels.subscribe('boxoffice-test:unreachable')).rejects.toThrow(/retries/);
    } finally {
      await channels.close();
    }
  });
});
