import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchemaSync, type NonEmptyArray, type PubSub } from 'type-graphql';
import { BalanceResolver } from '../resolvers/balance/resolver.js';
import { BookingResolver } from '../resolvers/booking/resolver.js';
import { ConcertResolver, ConcertScheduleResolver } from '../resolvers/catalogue/resolver.js';
import { authChecker } from '../resolvers/gate.js';
import { PaymentResolver } from '../resolvers/payment/resolver.js';
import { WaitingRoomResolver } from '../resolvers/operating/resolver.js';
import { QueueResolver } from '../resolvers/queue/resolver.js';
import { DateTimeScalar } from './scalars.js';

/** Every resolver class of the API; a feature adds its resolvers here. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [ConcertResolver, ConcertScheduleResolver, QueueResolver, BalanceResolver, BookingResolver, PaymentResolver, WaitingRoomResolver];

/** For printing the SDL, where nothing is ever published or subscribed. */
const NO_EVENTS: PubSub = {
  publish: () => undefined,
  subscribe: () => ({ [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }) }),
};

/**
 * Builds the executable schema on the app's event bus (type-graphql's `pubSub`). Identity, role
 * (`@Authorized`) and queue checks run in the resolvers' gate (`src/resolvers/gate.ts`).
 */
export function buildAppSchema(pubSub: PubSub = NO_EVENTS): GraphQLSchema {
  return buildSchemaSync({ resolvers, scalarsMap: [{ type: Date, scalar: DateTimeScalar }], validate: false, emitSchemaFile: false, pubSub, authChecker, authMode: 'error' });
}

/** The SDL checked in as `src/schema/schema.graphql` (sorted, so diffs stay small). */
export function printAppSchema(schema: GraphQLSchema = buildAppSchema()): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
