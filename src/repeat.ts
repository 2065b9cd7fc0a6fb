/**
 * Runs `step` every `intervalMs` until stopped, never two at once within the process (the next
 * run is scheduled when the previous one ends). The returned function stops the loop and waits
 * for a running step. Background work of several processes coordinates in Redis or PostgreSQL,
 * not here; `firstDelayMs` lets processes spread their runs over the interval.
 */
export function repeatEvery(intervalMs: number, step: () => Promise<void>, firstDelayMs = intervalMs): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout;
  const loop = async () => {
    await step();
    if (!stopped) timer = setTimeout(() => (running = loop()), intervalMs);
  };
  timer = setTimeout(() => (running = loop()), firstDelayMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
