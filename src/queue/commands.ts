import type { ChainableCommander } from 'ioredis';
import { luaScript } from '../lua.js';
import type { Redis } from '../redis.js';
import { lineKeys } from './keys.js';

/**
 * The waiting room's Lua scripts as ioredis commands. Each line script is `lua/lib.lua` (the one
 * ticket lifecycle) followed by the script itself, and takes every key of one line (`lineKeys`),
 * so ioredis adds the key prefix and each call stays in one Redis Cluster slot.
 */
interface LineCommands {
  queueJoin(...args: Array<string | number>): Promise<JoinReply>;
  queueStatus(...args: Array<string | number>): Promise<StatusReply>;
  queueAdmit(...args: Array<string | number>): Promise<TickReply>;
  queueComplete(...args: Array<string | number>): Promise<CompleteReply | null>;
  queueTouch(...args: Array<string | number>): Promise<number>;
  queuePositions(...args: Array<string | number>): Promise<Array<number | string>>;
  queueConfigure(...args: Array<string | number>): Promise<ConfigureReply>;
  queueShuffle(...args: Array<string | number>): Promise<ShuffleReply>;
  queueRoom(...args: string[]): Promise<RoomReply>;
  queueUnindex(index: string, concertId: string, generation: number): Promise<number>;
}

/** The reply of a line script that found the line without its settings (the caller mirrors them and calls again). */
export type Unconfigured = [-1];
/** code, seq, rank, activeUntil, tokenId, epoch, issuedAt, outlook, version, now, expiredSeq, indexGen, signedSeq, opensAt, paused */
export type JoinReply = [number, number, number, number, string, string, number, string, number, number, number, number, number, number, number] | Unconfigured;
/** code (0: unknown), rank, activeUntil, outlook, version, now, restored, expiredSeq, indexGen, seq, opensAt, paused */
export type StatusReply = [number, number, number, string, number, number, number, number, number, number, number, number] | Unconfigured;
/** [1, version, now, outlook, left, admitted, activeUntil, expired, pruneGen, more, soldOut, soldOutNow, room ('' unless the operator's view changed)] */
export type TickWork = [1, number, number, string, number[], number[], number, number[], number, number, number[], number, string];
/** [0, version] (another process ticked), [2, version, n, shuffleAt] (the opening shuffle of n is due), [3] (no settings), or the work done */
export type TickReply = [0, number] | [2, number, number, string] | [3] | TickWork;
/** version, now, outlook, indexGen, shuffleAt, paused */
export type ConfigureReply = [number, number, string, number, number, number];
/** [0] done already, [-1, n] draw again for n, [1, version, now, outlook, n] */
export type ShuffleReply = [0] | [-1, number] | [1, number, number, string, number];
/** waiting, active, rate (the meta `rate`: admissions per second, an operators' statistic), maxActive (0: unset), activeMs (0: unset), paused, shuffleAt, soldOut, configured */
export type RoomReply = [number, number, string, number, number, number, number, number, number];
/** version, seq, outlook, now */
export type CompleteReply = [number, number, string, number];

const LINE_SCRIPTS = {
  queueJoin: 'join',
  queueStatus: 'status',
  queueAdmit: 'admit',
  queueComplete: 'complete',
  queueTouch: 'touch',
  queuePositions: 'positions',
  queueConfigure: 'configure',
  queueShuffle: 'shuffle',
  queueRoom: 'room',
} as const;

/** Registers the scripts on a connection and returns calls that take a concert id instead of keys. */
export function queueCommands(redis: Redis) {
  const lib = luaScript('queue/lua/lib');
  const keyCount = lineKeys('x').length;
  for (const [name, file] of Object.entries(LINE_SCRIPTS)) {
    redis.defineCommand(name, { numberOfKeys: keyCount, lua: `${lib}\n${luaScript(`queue/lua/${file}`)}` });
  }
  redis.defineCommand('queueUnindex', { numberOfKeys: 1, lua: luaScript('queue/lua/unindex') });
  const c = redis as unknown as LineCommands;
  return {
    join: (concertId: string, userId: string, epochCandidate: string, graceMs: number) => c.queueJoin(...lineKeys(concertId), userId, epochCandidate, graceMs),
    status: (concertId: string, args: { userId: string; seq: number; tokenId: string; issuedAt: number; epoch: string }, epochCandidate: string, graceMs: number) =>
      c.queueStatus(...lineKeys(concertId), args.userId, args.seq, args.tokenId, args.issuedAt, args.epoch, epochCandidate, graceMs),
    admit: (
      concertId: string,
      s: { maxActive: number; activeMs: number; idleMs: number; intervalMs: number; retentionMs: number; rateWindowMs: number; batch: number },
      indexGen: number,
      continuing: boolean,
      seats: SeatCount,
    ) => c.queueAdmit(...lineKeys(concertId), s.maxActive, s.activeMs, s.idleMs, s.intervalMs, s.retentionMs, s.rateWindowMs, s.batch, indexGen, continuing ? 1 : 0, seats.available, seats.unsold),
    configure: (concertId: string, s: { opensAt: number; paused: boolean; maxActive: number; activeMs: number }, epochCandidate: string, graceMs: number) =>
      c.queueConfigure(...lineKeys(concertId), s.opensAt, s.paused ? 1 : 0, s.maxActive, s.activeMs, epochCandidate, graceMs),
    shuffle: (concertId: string, shuffleAt: string, permutation: number[]) => c.queueShuffle(...lineKeys(concertId), shuffleAt, ...permutation),
    room: (concertId: string) => c.queueRoom(...lineKeys(concertId)),
    complete: (concertId: string, tokenId: string) => c.queueComplete(...lineKeys(concertId), tokenId),
    touch: (concertId: string, tickets: Array<{ userId: string; seq: number }>) => c.queueTouch(...lineKeys(concertId), ...tickets.flatMap((t) => [t.userId, t.seq])),
    positions: (concertId: string, tickets: Array<{ userId: string; seq: number; tokenId: string }>) =>
      c.queuePositions(...lineKeys(concertId), ...tickets.flatMap((t) => [t.userId, t.seq, t.tokenId])),
    unindex: (indexKey: string, concertId: string, generation: number) => c.queueUnindex(indexKey, concertId, generation),
  };
}

export type QueueCommands = ReturnType<typeof queueCommands>;

/** Seats of a concert's future performances: reservable now, and not sold (-1: unknown). */
export interface SeatCount {
  available: number;
  unsold: number;
}

/** The join script on a pipeline (benchmarks and tests fill long lines in batches). */
export function pipelineJoin(pipeline: ChainableCommander, concertId: string, userId: string, epochCandidate = 'fill', graceMs = 0): void {
  (pipeline as unknown as LineCommands).queueJoin(...lineKeys(concertId), userId, epochCandidate, graceMs);
}
