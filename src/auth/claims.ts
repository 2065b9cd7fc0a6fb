import type { JWTPayload } from 'jose';
import { v5 as uuidv5 } from 'uuid';
import { parseUuid } from '../uuid.js';

/**
 * The claim at `path`: the claim of exactly that name if the token has one (Auth0's namespaced
 * claims are URLs full of dots), else the path followed through nested objects (Keycloak's
 * `realm_access.roles`).
 */
export function claimAt(payload: JWTPayload, path: string): unknown {
  if (Object.hasOwn(payload, path)) return payload[path];
  let value: unknown = payload;
  for (const step of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, step)) return undefined;
    value = (value as Record<string, unknown>)[step];
  }
  return value;
}

/** A roles claim as a list: an array of names, or one string of names separated by spaces or commas. */
export function rolesOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((r): r is string => typeof r === 'string' && r !== '');
  if (typeof claim === 'string') return claim.split(/[\s,]+/).filter(Boolean);
  return [];
}

/** OIDC caps `sub` at 255 ASCII characters; anything longer is not a subject. */
const MAX_SUBJECT_LENGTH = 255;

/** The subject a provider names its user by, or null when the claim is no usable name. */
export function subjectOf(claim: unknown): string | null {
  const subject = typeof claim === 'number' && Number.isSafeInteger(claim) ? String(claim) : claim;
  return typeof subject === 'string' && subject !== '' && subject.length <= MAX_SUBJECT_LENGTH ? subject : null;
}

/**
 * The boxoffice user id of a provider's subject. A subject that is a UUID (Keycloak, Cognito,
 * development tokens) is the id itself; any other (Auth0's `auth0|64f...`, Firebase's uids) is
 * named by a UUIDv5 of the subject in a namespace of its issuer, so the same person gets the same
 * id on every call and in every process, and two providers' equal subjects stay two people.
 */
export function userIdOf(issuer: string | null, subject: string): string {
  return parseUuid(subject) ?? uuidv5(subject, uuidv5(issuer ?? '', uuidv5.URL));
}
