import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { operationCompiler, standardError } from './compiled-execution.js';

type Events = AsyncIterator<unknown> & AsyncIterable<unknown>;

/**
 * Subscriptions over graphql-ws with each event executed by graphql-jit: graphql-js's
 * `subscribe` ran `execute` on every event of every subscriber (variables coerced, fields
 * collected, the result built field by field), and wrapped each event stream in its own mapping
 * iterator, closures and promises. Here the source stream is made by graphql-js as before (so a
 * failed subscribe answers exactly as it did), and each event goes through the operation compiled
 * once per document (operationCompiler: from a document's second subscribe on; one-off documents
 * stay with graphql-js). Errors of an event are graphql-js errors (`standardError`), so the
 * transport masks and counts them as before.
 */
export function compiledSubscribe(schema: ExecutionArgs['schema']): (args: ExecutionArgs) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const compiled = operationCompiler(schema);
  return async (args) => {
    const source = await createSourceEventStream(args);
    if (!isEvents(source)) return source as ExecutionResult;
    const query = compiled(args.document, args.operationName ?? null);
    const run = query
      ? async (event: unknown): Promise<ExecutionResult> => {
          const result: ExecutionResult = await query.query(event, args.contextValue, args.variableValues ?? {});
          return result.errors ? { ...result, errors: result.errors.map(standardError) } : result;
        }
      : (event: unknown) => execute({ ...args, rootValue: event }) as Promise<ExecutionResult> | ExecutionResult;
    return new EventResults(source, run);
  };
}

const isEvents = (value: unknown): value is Events => typeof (value as Events)?.[Symbol.asyncIterator] === 'function';

/** The results of a source stream's events, one per event, in order; `return` ends the source. */
class EventResults implements AsyncIterableIterator<ExecutionResult> {
  constructor(
    private readonly source: Events,
    private readonly run: (event: unknown) => Promise<ExecutionResult> | ExecutionResult,
  ) {}

  // Not an async method: one suspended async function per open subscription showed in the heap.
  next(): Promise<IteratorResult<ExecutionResult>> {
    return this.source.next().then((event) => (event.done ? { value: undefined, done: true } : this.result(event.value)));
  }

  private async result(event: unknown): Promise<IteratorResult<ExecutionResult>> {
    try {
      return { value: await this.run(event), done: false };
    } catch (e) {
      // As graphql-js does: a failure outside the resolvers ends the source too.
      await this.return();
      throw e;
    }
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return?.();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return?.();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
