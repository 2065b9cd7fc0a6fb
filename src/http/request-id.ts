import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The id of a request, in its logs and in the `x-request-id` response header: the caller's own
 * (`x-request-id`, at most 100 characters) or a new UUID. Kept once set, so a request that passes
 * through express before reaching `/graphql` (a GET) keeps one id.
 */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const set = res.getHeader('x-request-id');
  if (typeof set === 'string') return set;
  const given = req.headers['x-request-id'];
  const id = (typeof given === 'string' && given.slice(0, 100)) || randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}
