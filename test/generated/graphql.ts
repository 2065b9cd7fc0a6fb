import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant as an ISO-8601 string in UTC, e.g. `2026-12-24T19:00:00.000Z`. */
  DateTime: { input: string; output: string; }
};

/** A concert with one or more performances (schedules). */
export type Concert = {
  __typename?: 'Concert';
  id: Scalars['ID']['output'];
  /** Upcoming performances, soonest first. */
  schedules: Array<ConcertSchedule>;
  /** Display title. */
  title: Scalars['String']['output'];
};

/** One performance of a concert: a date and time with seats numbered 1..50. */
export type ConcertSchedule = {
  __typename?: 'ConcertSchedule';
  /** Seats that can be reserved right now (an expired hold counts as reservable). */
  availableSeatCount: Scalars['Int']['output'];
  concertId: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  /** When the performance starts (UTC). */
  startsAt: Scalars['DateTime']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Every concert, by title. Requires identity. */
  concerts: Array<Concert>;
};

export type ConcertsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConcertsQuery = { __typename?: 'Query', concerts: Array<{ __typename?: 'Concert', id: string, title: string, schedules: Array<{ __typename?: 'ConcertSchedule', id: string, concertId: string, startsAt: string, availableSeatCount: number }> }> };


export const ConcertsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Concerts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"concerts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"schedules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"concertId"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"availableSeatCount"}}]}}]}}]}}]} as unknown as DocumentNode<ConcertsQuery, ConcertsQueryVariables>;