import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, type OperationVariables, type TypedDocumentNode } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';

/** Who is calling: the identity JWT, and once in a line, that line's queue token. */
export interface Credentials {
  token: string;
  queueToken?: string;
}

export interface Api {
  query<TData, TVars extends OperationVariables>(document: TypedDocumentNode<TData, TVars>, variables?: TVars): Promise<TData>;
  mutate<TData, TVars extends OperationVariables>(document: TypedDocumentNode<TData, TVars>, variables?: TVars): Promise<TData>;
  /** Runs a subscription until the returned function is called or the server completes it. */
  subscribe<TData, TVars extends OperationVariables>(
    document: TypedDocumentNode<TData, TVars>,
    variables: TVars,
    handlers: { next(data: TData): void; error(error: unknown): void; complete?(): void },
  ): () => void;
  /** Follows the WebSocket: `connected` after each (re)connection, `retrying` while graphql-ws tries again. */
  onConnection(listener: (state: 'connected' | 'retrying') => void): () => void;
  close(): void;
}

const ENDPOINT = new URL('/graphql', location.href);

/**
 * One Apollo Client per set of credentials: queries and mutations over HTTP, subscriptions over
 * graphql-ws. A WebSocket's connectionParams are fixed when it opens, so new credentials mean a
 * new client rather than mutable headers.
 */
export function createApi(credentials: Credentials): Api {
  const authorization = `Bearer ${credentials.token}`;
  const listeners = new Set<(state: 'connected' | 'retrying') => void>();
  let everConnected = false;
  const ws = createClient({
    url: ENDPOINT.href.replace(/^http/, 'ws'),
    connectionParams: { authorization, queueToken: credentials.queueToken },
    // A dropped socket (server restart, 1013 after a Redis outage, a phone changing networks) is
    // retried quietly with graphql-ws's randomised exponential back-off, about a minute in all;
    // only when that gives up do subscribers get an error and the screen says so.
    retryAttempts: 6,
    shouldRetry: () => true,
    on: {
      connected: () => {
        everConnected = true;
        listeners.forEach((l) => l('connected'));
      },
      closed: () => {
        if (everConnected) listeners.forEach((l) => l('retrying'));
      },
    },
  });
  const http = new HttpLink({
    uri: ENDPOINT.pathname,
    headers: { authorization, ...(credentials.queueToken ? { 'queue-token': credentials.queueToken } : {}) },
  });
  const client = new ApolloClient({
    link: ApolloLink.split((op) => op.operationType === OperationTypeNode.SUBSCRIPTION, new GraphQLWsLink(ws), http),
    cache: new InMemoryCache(),
    // Every screen shows what the server says now: seat and queue state change under us.
    defaultOptions: { query: { fetchPolicy: 'no-cache' }, mutate: { fetchPolicy: 'no-cache' } },
  });
  return {
    async query(document, variables) {
      const result = await client.query({ query: document, variables } as never);
      return result.data as never;
    },
    async mutate(document, variables) {
      const result = await client.mutate({ mutation: document, variables } as never);
      return result.data as never;
    },
    subscribe(document, variables, handlers) {
      const subscription = client.subscribe({ query: document, variables, fetchPolicy: 'no-cache' } as never).subscribe({
        next: (result: { data?: unknown; error?: unknown }) => (result.error ? handlers.error(result.error) : handlers.next(result.data as never)),
        error: handlers.error,
        complete: handlers.complete,
      });
      return () => subscription.unsubscribe();
    },
    onConnection(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      client.stop();
      void ws.dispose();
    },
  };
}

/** A demo identity from the server (outside production only). */
export async function demoSignIn(options: { userId?: string; operator?: boolean } = {}): Promise<{ userId: string; token: string; roles: string[] }> {
  const res = await fetch(new URL('dev-token', new URL(import.meta.env.BASE_URL, location.href)), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(options),
  });
  if (!res.ok) throw new Error(res.status === 404 ? 'Demo sign-in is switched off on this server.' : `Demo sign-in failed (${res.status}).`);
  return (await res.json()) as { userId: string; token: string; roles: string[] };
}

/** The `sub` claim of a JWT (the user id), or null if `token` is not one. */
export function subjectOf(token: string): string | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown };
    return typeof payload.sub === 'string' ? payload.sub : null;
  } catch {
    return null;
  }
}
