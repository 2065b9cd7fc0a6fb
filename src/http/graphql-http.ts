import { HeaderMap, type ApolloServer, type HTTPGraphQLRequest } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Context } from '../schema/context.js';
import { requestIdOf } from './request-id.js';

/** The largest request body `/graphql` reads (a query of MAX_TOKENS tokens is far smaller). */
export const MAX_BODY_BYTES = 100 * 1024;

export interface GraphqlHttpOptions {
  /** The operation's context, from the request and its id. */
  context(req: IncomingMessage, requestId: string): Context;
  log: Logger;
}

/** Why a body was not read: the status and message of the BAD_REQUEST answer. */
class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * GraphQL over HTTP straight from `node:http` into Apollo (`executeHTTPGraphQLRequest`), in place
 * of express, body-parser and `@as-integrations/express5`. That stack cost a quarter of the CPU of
 * a `{ __typename }` in the profile: express's router, body-parser's content negotiation, an ETag
 * hashed over every response, and the integration's `url.parse`, which Node 24 deprecates by
 * walking the stack on every call. What it did that a client can see is kept: `application/json`
 * bodies only (anything else reaches Apollo without a body, which refuses it), strict JSON (an
 * object or an array; empty means `{}`), a body over MAX_BODY_BYTES is 413, malformed JSON 400,
 * both as GraphQL errors with code BAD_REQUEST. Compressed bodies and charsets other than UTF-8
 * are refused (415) rather than inflated: GraphQL clients send neither.
 */
export function graphqlHttpHandler(apollo: ApolloServer<Context>, options: GraphqlHttpOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const { log } = options;
  return (req, res) => {
    const requestId = requestIdOf(req, res);
    if (log.isLevelEnabled('debug')) {
      const started = performance.now();
      res.once('finish', () => log.debug({ requestId, method: req.method, path: req.url, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request'));
    }
    void serve(req, res, requestId).catch((err: unknown) => {
      log.error({ err, requestId }, 'unexpected error serving /graphql');
      if (!res.headersSent) sendError(res, 500, 'Internal server error', ErrorCode.INTERNAL_SERVER_ERROR);
      else res.end();
    });
  };

  async function serve(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    let body: unknown;
    try {
      body = await readJsonBody(req);
    } catch (e) {
      if (!(e instanceof BodyError)) throw e;
      return sendError(res, e.status, e.message, 'BAD_REQUEST');
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const request: HTTPGraphQLRequest = { method: (req.method ?? 'GET').toUpperCase(), headers, search: query >= 0 ? url.slice(query) : '', body };
    const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: request, context: async () => options.context(req, requestId) });
    res.statusCode = response.status ?? 200;
    // Answers carry a user's own data (balance, holds, queue tokens): never kept by a cache.
    // (Apollo's cache-control plugin, which said so, is off: see server.ts.)
    res.setHeader('cache-control', 'no-store');
    for (const [name, value] of response.headers) res.setHeader(name, value);
    if (response.body.kind === 'complete') return void res.end(response.body.string);
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

/** The request's JSON body (undefined unless it is `application/json`); BodyError when it cannot be read. */
async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'];
  if (req.method === 'GET' || req.method === 'HEAD' || type === undefined) return undefined;
  const [mediaType, ...params] = type.split(';').map((p) => p.trim().toLowerCase());
  if (mediaType !== 'application/json') return undefined;
  const charset = params.find((p) => p.startsWith('charset='))?.slice(8).replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw new BodyError(415, `Unsupported charset "${charset}": send UTF-8`);
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') throw new BodyError(415, 'Unsupported Content-Encoding: send the body uncompressed');
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw new BodyError(413, 'Request body too large');
  const raw = await readBody(req);
  const text = raw.toString('utf8');
  const first = /\S/.exec(text)?.[0];
  if (first === undefined) return {};
  // Strict, as body-parser was: only an object or an array is a GraphQL request body.
  if (first !== '{' && first !== '[') throw new BodyError(400, 'Malformed request body: expected JSON');
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError(400, 'Malformed request body: expected JSON');
  }
}

/**
 * The body, up to MAX_BODY_BYTES. Over it, the rest still flows (and is dropped), so the 413 can
 * be sent on a connection that stays usable; an async iterator would destroy the socket instead.
 */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (outcome: () => void) => {
      req.off('data', onData).off('end', onEnd).off('error', onFailure).off('close', onFailure);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) done(() => reject(new BodyError(413, 'Request body too large')));
      else chunks.push(chunk);
    };
    const onEnd = () => done(() => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    // The client went away (or reset the connection) before the body was whole.
    const onFailure = () => done(() => reject(new BodyError(400, 'Request body incomplete')));
    req.on('data', onData).on('end', onEnd).on('error', onFailure).on('close', onFailure);
  });
}

function sendError(res: ServerResponse, status: number, message: string, code: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
