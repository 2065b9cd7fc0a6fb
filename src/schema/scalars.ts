import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';

/** `DateTime` of API.md: an ISO-8601 string in UTC. */
export const DateTimeScalar = new GraphQLScalarType({
  ...DateTimeResolver.toConfig(),
  description: 'An instant as an ISO-8601 string in UTC, e.g. `2026-12-24T19:00:00.000Z`.',
});
