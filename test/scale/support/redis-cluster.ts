import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const freePort = () =>
  new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });

/** Every cluster started by this process, stopped on exit whatever happened to the test. */
const live = new Set<OwnRedisCluster>();
process.once('exit', () => {
  for (const cluster of live) cluster.killNow();
});

/**
 * A real Redis Cluster of three primaries (no replicas) of the test's own, in a temporary folder:
 * `redis-server --cluster-enabled yes` on three free ports, joined by `redis-cli --cluster create`.
 * `cluster-require-full-coverage no` as boxoffice's deployment needs it: a shard that is down
 * leaves the other shards serving their slots. A node stopped and started again comes back with
 * its slots (its nodes.conf stays) but without its data (no persistence, like the deployment).
 */
export class OwnRedisCluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'boxoffice-cluster-'));
  ports: number[] = [];
  private readonly children = new Map<number, ChildProcess>();

  async start(size = 3): Promise<this> {
    live.add(this);
    this.ports = [];
    for (let i = 0; i < size; i++) this.ports.push(await freePort());
    await Promise.all(this.ports.map((port) => this.startNode(port)));
    await run('redis-cli', ['--cluster', 'create', ...this.ports.map((p) => `127.0.0.1:${p}`), '--cluster-yes']);
    await this.waitHealthy();
    return this;
  }

  /** `host:port` of each primary, for REDIS_CLUSTER_NODES. */
  get nodes(): string {
    return this.ports.map((p) => `127.0.0.1:${p}`).join(',');
  }

  async cli(port: number, ...args: string[]): Promise<string> {
    return (await run('redis-cli', ['-p', String(port), ...args])).stdout.trim();
  }

  /** The port of the primary that serves a key's slot. */
  async portOfKey(key: string): Promise<number> {
    const slot = Number(await this.cli(this.ports[0], 'CLUSTER', 'KEYSLOT', key));
    const shards = JSON.parse(JSON.stringify(await this.slotRanges()));
    return shards.find((s: { from: number; to: number }) => slot >= s.from && slot <= s.to).port;
  }

  /** Each primary's slot ranges, from CLUSTER NODES. */
  async slotRanges(): Promise<Array<{ port: number; from: number; to: number }>> {
    const ranges = [];
    for (const line of (await this.cli(this.ports[0], 'CLUSTER', 'NODES')).split('\n')) {
      const fields = line.split(' ');
      const port = Number(fields[1].split('@')[0].split(':').pop());
      for (const range of fields.slice(8)) {
        const [from, to = from] = range.split('-').map(Number);
        if (!Number.isNaN(from)) ranges.push({ port, from, to });
      }
    }
    return ranges;
  }

  async stopNode(port: number): Promise<void> {
    const child = this.children.get(port);
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  }

  async startNode(port: number): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        '--port', String(port), '--bind', '127.0.0.1', '--dir', this.dir,
        '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '2000',
        '--cluster-require-full-coverage', 'no', '--save', '', '--appendonly', 'no',
      ],
      { stdio: 'ignore' },
    );
    this.children.set(port, child);
    for (let i = 0; i < 100; i++) {
      if (await this.cli(port, 'PING').catch(() => '')) return;
      await sleep(50);
    }
    throw new Error(`redis-server on ${port} did not start`);
  }

  /** Until every node says cluster_state:ok (after create, or after a node came back). */
  async waitHealthy(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const states = await Promise.all(this.ports.map((p) => this.cli(p, 'CLUSTER', 'INFO').catch(() => '')));
      if (states.every((s) => s.includes('cluster_state:ok'))) return;
      if (Date.now() > deadline) throw new Error(`cluster not ok within ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.children.keys()].map((port) => this.stopNode(port)));
    rmSync(this.dir, { recursive: true, force: true });
    live.delete(this);
  }

  killNow(): void {
    for (const child of this.children.values()) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
