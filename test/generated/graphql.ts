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

export type Mutation = {
  __typename?: 'Mutation';
  /** Joins the concert's waiting room. Idempotent: while the caller holds a WAITING or ACTIVE ticket for the concert, that same ticket (same token) comes back. Requires identity. */
  issueQueueToken: QueueTicket;
};


export type MutationIssueQueueTokenArgs = {
  concertId: Scalars['ID']['input'];
};

export type Query = {
  __typename?: 'Query';
  /** Every concert, by title. Requires identity. */
  concerts: Array<Concert>;
  /** The ticket of the `Queue-Token` header, in any status. Counts as a sign of life: a WAITING holder who neither polls this nor keeps `queuePosition` open for QUEUE_IDLE_SECONDS leaves the line. Requires identity and the token. */
  queueStatus: QueueTicket;
};


export type QueryQueueStatusArgs = {
  concertId: Scalars['ID']['input'];
};

/** Where a queue ticket stands. WAITING and ACTIVE are live; the other three are final. */
export type QueueStatus =
  /** Admitted: may book until `activeUntil`. */
  | 'ACTIVE'
  /** Left the line: no status call or open subscription for QUEUE_IDLE_SECONDS. */
  | 'CANCELLED'
  /** A payment went through with this ticket. */
  | 'COMPLETED'
  /** Was ACTIVE and its time ran out without a payment. */
  | 'EXPIRED'
  /** In line; `position` says where. */
  | 'WAITING';

/** A fan's place in a concert's waiting room. */
export type QueueTicket = {
  __typename?: 'QueueTicket';
  /** When the admission ends unless a payment completes it first; null unless ACTIVE. */
  activeUntil: Maybe<Scalars['DateTime']['output']>;
  concertId: Scalars['ID']['output'];
  /** Seconds until admission: position divided by the admission rate observed on this line (admissions per second, averaged over about 30 s of ticks that had people waiting, so it does not jump between readings). Before any admission was observed it assumes every slot is held for the full active time. Null unless WAITING. */
  estimatedWaitSeconds: Maybe<Scalars['Int']['output']>;
  issuedAt: Scalars['DateTime']['output'];
  /** When a polling client should ask again, in seconds: 1 near the head of the line, up to 60 at the back; 0 once the status is final. Subscribers (queuePosition) need not poll. */
  pollAfterSeconds: Scalars['Int']['output'];
  /** 1-based place among those still waiting; null unless WAITING. */
  position: Maybe<Scalars['Int']['output']>;
  status: QueueStatus;
  /** The signed queue token: send it as the `Queue-Token` header (or `connectionParams.queueToken` over WebSocket). The same string comes back while the ticket is live. */
  token: Scalars['String']['output'];
  userId: Scalars['ID']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** The holder's ticket at once, then again whenever its position or status changes; completes after a final status. Token in `connectionParams.queueToken`. */
  queuePosition: QueueTicket;
};


export type SubscriptionQueuePositionArgs = {
  concertId: Scalars['ID']['input'];
};

export type ConcertsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConcertsQuery = { __typename?: 'Query', concerts: Array<{ __typename?: 'Concert', id: string, title: string, schedules: Array<{ __typename?: 'ConcertSchedule', id: string, concertId: string, startsAt: string, availableSeatCount: number }> }> };

export type TicketFragment = { __typename?: 'QueueTicket', token: string, userId: string, concertId: string, status: QueueStatus, position: number | null, estimatedWaitSeconds: number | null, activeUntil: string | null, pollAfterSeconds: number, issuedAt: string };

export type IssueQueueTokenMutationVariables = Exact<{
  concertId: Scalars['ID']['input'];
}>;


export type IssueQueueTokenMutation = { __typename?: 'Mutation', issueQueueToken: { __typename?: 'QueueTicket', token: string, userId: string, concertId: string, status: QueueStatus, position: number | null, estimatedWaitSeconds: number | null, activeUntil: string | null, pollAfterSeconds: number, issuedAt: string } };

export type QueueStatusQueryVariables = Exact<{
  concertId: Scalars['ID']['input'];
}>;


export type QueueStatusQuery = { __typename?: 'Query', queueStatus: { __typename?: 'QueueTicket', token: string, userId: string, concertId: string, status: QueueStatus, position: number | null, estimatedWaitSeconds: number | null, activeUntil: string | null, pollAfterSeconds: number, issuedAt: string } };

export type QueuePositionSubscriptionVariables = Exact<{
  concertId: Scalars['ID']['input'];
}>;


export type QueuePositionSubscription = { __typename?: 'Subscription', queuePosition: { __typename?: 'QueueTicket', token: string, userId: string, concertId: string, status: QueueStatus, position: number | null, estimatedWaitSeconds: number | null, activeUntil: string | null, pollAfterSeconds: number, issuedAt: string } };

export const TicketFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Ticket"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QueueTicket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"concertId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWaitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"activeUntil"}},{"kind":"Field","name":{"kind":"Name","value":"pollAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}}]}}]} as unknown as DocumentNode<TicketFragment, unknown>;
export const ConcertsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Concerts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"concerts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"schedules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"concertId"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"availableSeatCount"}}]}}]}}]}}]} as unknown as DocumentNode<ConcertsQuery, ConcertsQueryVariables>;
export const IssueQueueTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IssueQueueToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issueQueueToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"concertId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Ticket"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Ticket"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QueueTicket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"concertId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWaitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"activeUntil"}},{"kind":"Field","name":{"kind":"Name","value":"pollAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}}]}}]} as unknown as DocumentNode<IssueQueueTokenMutation, IssueQueueTokenMutationVariables>;
export const QueueStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"QueueStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queueStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"concertId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Ticket"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Ticket"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QueueTicket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"concertId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWaitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"activeUntil"}},{"kind":"Field","name":{"kind":"Name","value":"pollAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}}]}}]} as unknown as DocumentNode<QueueStatusQuery, QueueStatusQueryVariables>;
export const QueuePositionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"QueuePosition"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queuePosition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"concertId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Ticket"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Ticket"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QueueTicket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"concertId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWaitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"activeUntil"}},{"kind":"Field","name":{"kind":"Name","value":"pollAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}}]}}]} as unknown as DocumentNode<QueuePositionSubscription, QueuePositionSubscriptionVariables>;