import { describe, expect, it } from 'vitest';
import { parseOutlook, waitSeconds, type EstimatePolicy } from '../../src/queue/estimate.js';

// A line of two slots, both ACTIVE until 5 s and 8 s after T, ticked every second: the fan at
// the head is admitted at the tick after the first expiry, 5.5 s after T. The outlook text is
// what the scripts report (lua/lib.lua, outlook_text): the read moment first, then the line.
const T = 1_900_000_000_000;
const policy: EstimatePolicy = { maxActive: 2, activeSeconds: 10, admitIntervalMs: 1000 };
const outlookAt = (at: number) => `${at},0,0,2,10000,1000,0,0,0,0,2,100,${T};5000,8000`;
const headWaitAt = (at: number) => waitSeconds(parseOutlook(outlookAt(at)), 1, at, policy);

describe('the estimate between two changes of a line', () => {
  it('counts down with the clock while the line stays as it was', () => {
    expect(headWaitAt(T)).toBe(6);
    expect(headWaitAt(T + 2000)).toBe(4);
    expect(headWaitAt(T + 5000)).toBe(1);
  });

  it('is made afresh for a call before the schedule kept for the line (another shard or process read it later)', () => {
    expect(headWaitAt(T + 20_000)).toBe(1);
    // The head's slot frees 5.5 s after T whoever asked before.
    expect(headWaitAt(T + 1000)).toBe(5);
  });
});
