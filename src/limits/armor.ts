import { ApolloArmor } from '@escape.tech/graphql-armor';
import { specifiedRules, validate, type ValidationRule } from 'graphql';

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
    maxTokens: { n: 2000 },
    costLimit: { maxCost: 5000 },
    blockFieldSuggestion: { enabled: production },
  }).protect();
}

/** graphql-js `validate` with the armor's rules added, for the WebSocket transport. */
export function armoredValidate(rules: ValidationRule[]): typeof validate {
  return (schema, document, _rules, options, typeInfo) => validate(schema, document, [...specifiedRules, ...rules], options, typeInfo);
}
