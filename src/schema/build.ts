import 'reflect-metadata';
import { GraphQLScalarType, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchemaSync, type NonEmptyArray } from 'type-graphql';
import { ConcertResolver, ConcertScheduleResolver } from '../resolvers/concert/resolver.js';
import { QueueResolver } from '../resolvers/queue/resolver.js';
import { BalanceResolver } from '../resolvers/balance/resolver.js';
import { BookingResolver } from '../resolvers/booking/resolver.js';
import { PaymentResolver } from '../resolvers/payment/resolver.js';

/** `DateTime` of API.md: an ISO-8601 string in UTC. */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  description: 'An instant as an ISO-8601 string in UTC, e.g. `2026-12-24T19:00:00.000Z`.',
});

/** Every resolver class of the API; a feature adds its resolvers here. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [ConcertResolver, ConcertScheduleResolver, QueueResolver, BalanceResolver, BookingResolver, PaymentResolver];

/** Builds the executable schema. Identity and queue checks run inside resolvers and guards. */
export function buildAppSchema(): GraphQLSchema {
  return buildSchemaSync({
    resolvers,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    emitSchemaFile: false,
    // Every subscription brings its own `subscribe` (gated, using the app's EventBus from the
    // context), so the schema itself needs no pub/sub; type-graphql insists on one anyway.
    pubSub: {
      publish: () => {
        throw new Error('publish through ctx.app.bus');
      },
      subscribe: () => {
        throw new Error('subscriptions must declare their own subscribe');
      },
    },
  });
}

/** The SDL checked in as `src/schema/schema.graphql` (sorted, so diffs stay small). */
export function printAppSchema(schema: GraphQLSchema = buildAppSchema()): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
