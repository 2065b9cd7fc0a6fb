import { once } from 'node:events';
import { connect } from 'node:net';

/**
 * Counts the commands Redis runs that name `needle` (a key prefix), over a raw MONITOR
 * connection. Not ioredis's monitor mode: it switches to monitoring only after MONITOR's OK is
 * handled, so a command line arriving in the same packet as that OK throws "Command queue state
 * error" (seen in CI).
 */
export async function countCommands(redisUrl: string, needle: string): Promise<{ counting: boolean; count: number; close(): void }> {
  const url = new URL(redisUrl);
  const socket = connect(Number(url.port || 6379), url.hostname);
  await once(socket, 'connect');
  socket.setEncoding('utf8');
  const counter = { counting: false, count: 0, close: () => socket.destroy() };
  let rest = '';
  let ok!: () => void;
  const monitoring = new Promise<void>((resolve) => (ok = resolve));
  socket.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\r\n');
    rest = lines.pop()!;
    for (const line of lines) {
      if (line === '+OK') ok();
      else if (counter.counting && line.includes(needle)) counter.count++;
    }
  });
  socket.write('MONITOR\r\n');
  await monitoring;
  return counter;
}
