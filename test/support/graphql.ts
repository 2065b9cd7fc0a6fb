import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GqlResult<T> {
  status: number;
  data?: T | null;
  errors?: GraphQLFormattedError[];
}

export interface CallerHeaders {
  token?: string;
  queueToken?: string;
  headers?: Record<string, string>;
}

/** POSTs one operation over real HTTP, as an outside client would. */
export async function gql<TData, TVars>(
  url: string,
  document: TypedDocumentNode<TData, TVars> | DocumentNode | string,
  variables?: TVars,
  caller: CallerHeaders = {},
): Promise<GqlResult<TData>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
      ...(caller.queueToken ? { 'queue-token': caller.queueToken } : {}),
      ...caller.headers,
    },
    body: JSON.stringify({ query: typeof document === 'string' ? document : print(document), variables }),
  });
  const body = (await res.json()) as GqlResult<TData>;
  return { ...body, status: res.status };
}

/** The first error code of a result, for assertions. */
export const errorCode = (r: { errors?: readonly GraphQLFormattedError[] }): unknown => r.errors?.[0]?.extensions?.code;

export function wsClient(wsUrl: string, connectionParams: Record<string, unknown> = {}): Client {
  return createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
}

/**
 * A subscription over graphql-ws with a pull API: `next()` resolves with the next result
 * (data or errors) or rejects after `timeoutMs`.
 */
export function subscribe<TData, TVars>(client: Client, document: TypedDocumentNode<TData, TVars> | DocumentNode | string, variables?: TVars) {
  const results: Array<GqlResult<TData>> = [];
  const waiters: Array<(r: GqlResult<TData> | 'complete') => void> = [];
  let completed = false;
  const push = (r: GqlResult<TData> | 'complete') => {
    const waiter = waiters.shift();
    if (waiter) waiter(r);
    else if (r !== 'complete') results.push(r);
  };
  const unsubscribe = client.subscribe<TData>(
    { query: typeof document === 'string' ? document : print(document), variables: variables as Record<string, unknown> | undefined },
    {
      next: (value) => push({ status: 200, data: value.data, errors: value.errors as GraphQLFormattedError[] | undefined }),
      error: (error) => {
        const errors = Array.isArray(error) ? (error as GraphQLFormattedError[]) : [{ message: String((error as { reason?: string }).reason ?? error), extensions: { code: (error as { code?: number }).code } }];
        push({ status: 0, errors });
        completed = true;
        push('complete');
      },
      complete: () => {
        completed = true;
        push('complete');
      },
    },
  );
  return {
    get completed() {
      return completed;
    },
    next(timeoutMs = 5000): Promise<GqlResult<TData>> {
      const ready = results.shift();
      if (ready) return Promise.resolve(ready);
      if (completed) return Promise.reject(new Error('subscription completed'));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no subscription event within ${timeoutMs} ms`)), timeoutMs);
        waiters.push((r) => {
          clearTimeout(timer);
          if (r === 'complete') reject(new Error('subscription completed'));
          else resolve(r);
        });
      });
    },
    unsubscribe,
  };
}
