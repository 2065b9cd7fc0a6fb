import calculateSlot from 'cluster-key-slot';
import { Cluster, type Redis } from '../redis.js';
import { QUEUE_INDEX_KEY } from './keys.js';

const SLOTS = 16384;
/** Index partitions on a cluster: enough that every primary of any sensible cluster holds some. */
const PARTITIONS = 32;
const SLOTS_PER_PARTITION = SLOTS / PARTITIONS;

/**
 * Partition i's key, `q:lines:{lines-N}`: the first tag whose slot falls in the i-th 512 slots,
 * so the partitions spread over the slot space (and so over the primaries) evenly.
 */
const PARTITION_KEYS: string[] = (() => {
  const keys: string[] = [];
  for (let n = 0, found = 0; found < PARTITIONS; n++) {
    const tag = `lines-${n}`;
    const i = Math.floor(calculateSlot(tag) / SLOTS_PER_PARTITION);
    if (keys[i] === undefined) {
      keys[i] = `${QUEUE_INDEX_KEY}:{${tag}}`;
      found++;
    }
  }
  return keys;
})();

/**
 * Where the index of lines (the concerts the admission loop walks) lives. On one Redis server it
 * is the one sorted set `q:lines`. On a cluster it is split into 32 partitions spread over the
 * slot space, and a line is indexed in a partition held by the same primary as the line itself,
 * so a shard that is down stops only its own lines' admissions, never another shard's; the loop
 * reads every partition, so a line found in one left over from before a resharding is still
 * ticked. The index is never touched in the same script as a line's keys (another slot).
 */
export class LineIndex {
  constructor(private readonly redis: Redis) {}

  /** Every key the admission loop reads. */
  keys(): string[] {
    return this.redis instanceof Cluster ? PARTITION_KEYS : [QUEUE_INDEX_KEY];
  }

  /** The key a concert's line is indexed in. */
  keyFor(concertId: string): string {
    if (!(this.redis instanceof Cluster)) return QUEUE_INDEX_KEY;
    const slot = calculateSlot(`concert:${concertId}`);
    const home = Math.floor(slot / SLOTS_PER_PARTITION);
    const owner = (s: number) => (this.redis as Cluster).slots[s]?.[0];
    const primary = owner(slot);
    if (primary === undefined) return PARTITION_KEYS[home];
    // The nearest partition whose key the line's own primary holds (its home one as a rule).
    for (let d = 0; d < PARTITIONS; d++) {
      for (const i of [home - d, home + d]) {
        if (i >= 0 && i < PARTITIONS && owner(calculateSlot(PARTITION_KEYS[i])) === primary) return PARTITION_KEYS[i];
      }
    }
    return PARTITION_KEYS[home];
  }
}
