import { UUIDResolver } from 'graphql-scalars';

/**
 * The one UUID check (graphql-scalars' UUID scalar): the canonical lower-case form of `value`, or
 * null when it is not a UUID. Ids are Redis keys as well as database keys, so every id that comes
 * in is normalised here and one concert never gets two spellings.
 */
export function parseUuid(value: unknown): string | null {
  try {
    return (UUIDResolver.parseValue(value) as string).toLowerCase();
  } catch {
    return null;
  }
}
