import { ApolloArmor } from '@escape.tech/graphql-armor';
import { getOperationAST, getVariableValues, GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';

/**
 * The most tokens one document may have. Enforced by graphql-js's own parser (Apollo's
 * `parseOptions`, and `parseOperation` over WebSocket), so an oversized document is an ordinary
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

/**
 * Parses and validates one operation for the WebSocket transport with the same limits and error
 * codes as HTTP: the token limit, the standard rules and Armor's, and variables that do not fit
 * their declared types (BAD_USER_INPUT, as Apollo answers). Returns the document or the errors
 * to send.
 */
export function parseOperation(
  schema: GraphQLSchema,
  request: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
  rules: ValidationRule[],
): DocumentNode | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(request.query, { maxTokens: MAX_TOKENS });
  } catch (e) {
    return [withCode(e as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
  }
  const errors = validate(schema, document, [...specifiedRules, ...rules]);
  if (errors.length) return errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
  const operation = getOperationAST(document, request.operationName);
  const coerced = operation && getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 10 });
  if (coerced?.errors) return coerced.errors.map((e) => withCode(e, 'BAD_USER_INPUT'));
  return document;
}
