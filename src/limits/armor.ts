import { ApolloArmor } from '@escape.tech/graphql-armor';
import { LRUCache } from 'lru-cache';
import { getOperationAST, getVariableValues, GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';

/**
 * The most tokens one document may have. Enforced by graphql-js's own parser (Apollo's
 * `parseOptions`, and `operationParser` over WebSocket), so an oversized document is an ordinary
 * parse failure (HTTP 400 `GRAPHQL_PARSE_FAILED`); Armor's token-limit plugin failed the request
 * before Apollo's pipeline began, as a 500.
 */
export const MAX_TOKENS = 2000;

/**
 * Limits on what one operation may ask for (GraphQL Armor), so a single request cannot make the
 * server do unbounded work: aliases repeating an expensive field, deep or huge documents.
 * The schema has no cycles, so honest clients stay far below these numbers. Field suggestions
 * in error messages ("did you mean ...?") are hidden in production only.
 */
export function createArmor(production: boolean) {
  return new ApolloArmor({
    maxAliases: { n: 15 },
    maxDepth: { n: 10 },
    maxDirectives: { n: 20 },
    maxTokens: { enabled: false },
    costLimit: { maxCost: 5000 },
    blockFieldSuggestion: { enabled: production },
  }).protect();
}

/** The error as Apollo reports it over HTTP: same message, and the code Apollo gives it. */
const withCode = (e: GraphQLError, code: 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED' | 'BAD_USER_INPUT') =>
  new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, originalError: e.originalError, extensions: { ...e.extensions, code } });

/** Distinct valid documents a WebSocket operation parser keeps (clients send the same few). */
const PARSED_DOCUMENTS = 1_000;

export type OperationParser = (request: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }) => DocumentNode | GraphQLError[];

/**
 * Parses and validates one operation for the WebSocket transport with the same limits and error
 * codes as HTTP: the token limit, the standard rules and Armor's, and variables that do not fit
 * their declared types (BAD_USER_INPUT, as Apollo answers). Returns the document or the errors
 * to send. A document that passed is kept (by its text, least recently used out first) and
 * shared by every operation that sends it, as Apollo's document cache does over HTTP: ten
 * thousand open queuePosition subscriptions hold one syntax tree, not ten thousand, and a
 * connection storm does not parse and validate the same text each time. Variables are checked
 * every time.
 */
export function operationParser(schema: GraphQLSchema, rules: ValidationRule[]): OperationParser {
  const valid = new LRUCache<string, DocumentNode>({ max: PARSED_DOCUMENTS });
  const allRules = [...specifiedRules, ...rules];
  return (request) => {
    let document = valid.get(request.query);
    if (!document) {
      try {
        document = parse(request.query, { maxTokens: MAX_TOKENS });
      } catch (e) {
        return [withCode(e as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
      }
      const errors = validate(schema, document, allRules);
      if (errors.length) return errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
      valid.set(request.query, document);
    }
    const operation = getOperationAST(document, request.operationName);
    const coerced = operation && getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 10 });
    if (coerced?.errors) return coerced.errors.map((e) => withCode(e, 'BAD_USER_INPUT'));
    return document;
  };
}
