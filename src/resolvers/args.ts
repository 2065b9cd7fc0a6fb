import { createParameterDecorator, ID } from 'type-graphql';
import { fail } from '../errors.js';
import { parseUuid } from '../uuid.js';

/** The UUID argument `name` in its canonical form; BAD_USER_INPUT naming it when malformed. */
export function uuidArg(args: Record<string, unknown>, name: string): string {
  const id = parseUuid(args[name]);
  if (id === null) throw fail.badInput(name, `${name} must be a UUID`);
  return id;
}

/**
 * An `ID!` argument that must be a UUID, handed to the resolver in its canonical form. The schema
 * keeps the contract's `ID` type, so clients' variables declared `$id: ID!` stay valid; a
 * malformed id is BAD_USER_INPUT naming the argument, before the other checks of the call.
 * Subscriptions' `subscribe` functions, which parameter decorators do not reach, call `uuidArg`.
 */
export const IdArg = (name: string, description?: string) =>
  createParameterDecorator(({ args }) => uuidArg(args, name), {
    arg: { name, typeFunc: () => ID, options: { description, validateFn: (_value, _type, { args }) => void uuidArg(args, name) } },
  });
