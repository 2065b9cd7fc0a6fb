import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, Socket } from 'node:net';

const listening = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = new Socket();
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1', () => {
      socket.destroy();
      done(true);
    });
  });

/**
 * A redis-server of the test's own (no persistence, like the deployment's), which the test can
 * stop and start again on the same port: a Redis outage, and a Redis that comes back empty.
 */
export class OwnRedis {
  private child?: ChildProcess;
  port = 0;

  async start(): Promise<this> {
    if (!this.port) {
      this.port = await new Promise<number>((done) => {
        const probe = createServer().listen(0, '127.0.0.1', () => {
          const { port } = probe.address() as { port: number };
          probe.close(() => done(port));
        });
      });
    }
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !(await listening(this.port)); i++) await new Promise((r) => setTimeout(r, 50));
    return this;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  }
}
