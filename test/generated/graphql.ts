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

/** The caller's prepaid balance in whole KRW. */
export type Balance = {
  __typename?: 'Balance';
  /** Current balance; always the newest entry's balanceAfter and the sum of all entries. */
  amount: Scalars['Int']['output'];
  userId: Scalars['ID']['output'];
};

/** One change of the balance (the ledger). */
export type BalanceEntry = {
  __typename?: 'BalanceEntry';
  /** The signed change in KRW: positive for CHARGE, negative for PAYMENT. */
  amount: Scalars['Int']['output'];
  /** The balance right after this change. */
  balanceAfter: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  kind: BalanceEntryKind;
};

export type BalanceEntryKind =
  /** Money added with chargeBalance. */
  | 'CHARGE'
  /** Money taken by payReservation. */
  | 'PAYMENT';

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
  /** Releases the caller's own HELD reservation at once; the seat is reservable again. Cancelling twice returns the CANCELLED reservation; a hold that ran out is RESERVATION_EXPIRED; a paid one is ALREADY_PAID. Requires identity only, so a fan can let a seat go after their queue slot ended. */
  cancelReservation: Reservation;
  /** Adds money to the caller's balance: a whole number of KRW, 1..CHARGE_MAX (default 1,000,000) per call; the balance may not pass 2,147,483,647. Requires identity. */
  chargeBalance: BalanceEntry;
  /** Joins the concert's waiting room. Idempotent: while the caller holds a WAITING or ACTIVE ticket for the concert, that same ticket (same token) comes back. Before the line opens the ticket waits in the pre-queue (`opensAt` set, no position). SOLD_OUT once every seat of every future performance is sold. Requires identity. */
  issueQueueToken: QueueTicket;
  /** Pays the caller's HELD reservation from the balance, in one transaction: a PAYMENT balance entry, the Payment, the reservation CONFIRMED, the seat SOLD; then, once the caller holds no other seat of the concert, the queue ticket becomes COMPLETED (its slot goes to the next in line): a fan holding several seats pays for them one after the other with one admission. Send an `idempotencyKey` (any string of 1..200 characters, e.g. a UUID made once per checkout): repeating the call with it, even at the same time or after the ticket completed, returns the same Payment and debits once; the same key for another reservation is IDEMPOTENCY_KEY_REUSED. Without a key each call is a new attempt (a second one gets ALREADY_PAID). Errors: NOT_FOUND (not the caller's), RESERVATION_EXPIRED (hold ran out or was cancelled), INSUFFICIENT_BALANCE (nothing changes), ALREADY_PAID. Requires identity and an ACTIVE queue token of the concert. */
  payReservation: Payment;
  /** Holds the seat for SEAT_HOLD_SECONDS (default 300): pay before `expiresAt` or it becomes EXPIRED and the seat goes back on sale. Of any number of simultaneous attempts on one seat exactly one wins; the rest get SEAT_UNAVAILABLE. One person holds at most MAX_HOLDS_PER_USER seats at once (HOLD_LIMIT_REACHED). Requires identity and an ACTIVE queue token (`Queue-Token`) of the concert. */
  reserveSeat: Reservation;
  /** Changes the concert's waiting room settings (kept in PostgreSQL, in force on the next admission tick of every process) and returns the room. Operators only (identity JWT with `"roles": ["operator"]`); anyone else gets FORBIDDEN. */
  updateWaitingRoom: WaitingRoom;
};


export type MutationCancelReservationArgs = {
  reservationId: Scalars['ID']['input'];
};


export type MutationChargeBalanceArgs = {
  amount: Scalars['Int']['input'];
};


export type MutationIssueQueueTokenArgs = {
  concertId: Scalars['ID']['input'];
};


export type MutationPayReservationArgs = {
  idempotencyKey: InputMaybe<Scalars['String']['input']>;
  reservationId: Scalars['ID']['input'];
};


export type MutationReserveSeatArgs = {
  scheduleId: Scalars['ID']['input'];
  seatNumber: Scalars['Int']['input'];
};


export type MutationUpdateWaitingRoomArgs = {
  concertId: Scalars['ID']['input'];
  settings: WaitingRoomSettings;
};

/** The payment of one reservation from the prepaid balance. */
export type Payment = {
  __typename?: 'Payment';
  /** KRW taken from the balance: the reservation price. */
  amount: Scalars['Int']['output'];
  /** The balance right after this payment. */
  balanceAfter: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  paidAt: Scalars['DateTime']['output'];
  reservation: Reservation;
};

export type Query = {
  __typename?: 'Query';
  /** Future performances of the concert with at least one reservable seat, soonest first. Requires identity and an ACTIVE queue token (`Queue-Token`) of the concert. */
  availableDates: Array<ConcertSchedule>;
  /** The seats of 1..50 that can be reserved now, by number (a hold whose time ran out counts). Empty once the performance has started. Requires identity and an ACTIVE queue token (`Queue-Token`) of the concert. */
  availableSeats: Array<Seat>;
  /** The caller's balance. Requires identity. */
  balance: Balance;
  /** The caller's balance changes, newest first. Requires identity. */
  balanceHistory: Array<BalanceEntry>;
  /** Every concert, by title. Requires identity. */
  concerts: Array<Concert>;
  /** The caller's reservations in every status, newest first (at most 200). Requires identity. */
  myReservations: Array<Reservation>;
  /** The ticket of the `Queue-Token` header, in any status. Counts as a sign of life: a WAITING holder who neither polls this nor keeps `queuePosition` open for QUEUE_IDLE_SECONDS leaves the line. Requires identity and the token. */
  queueStatus: QueueTicket;
  /** The concert's waiting room: settings in force and live figures. Operators only (identity JWT with `"roles": ["operator"]`); anyone else gets FORBIDDEN. */
  waitingRoom: WaitingRoom;
};


export type QueryAvailableDatesArgs = {
  concertId: Scalars['ID']['input'];
};


export type QueryAvailableSeatsArgs = {
  scheduleId: Scalars['ID']['input'];
};


export type QueryBalanceHistoryArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryQueueStatusArgs = {
  concertId: Scalars['ID']['input'];
};


export type QueryWaitingRoomArgs = {
  concertId: Scalars['ID']['input'];
};

/** Where a queue ticket stands. WAITING and ACTIVE are live; the others are final. */
export type QueueStatus =
  /** Admitted: may book until `activeUntil`. */
  | 'ACTIVE'
  /** Left the line: no status call or open subscription for QUEUE_IDLE_SECONDS. */
  | 'CANCELLED'
  /** A payment went through with this ticket. */
  | 'COMPLETED'
  /** Was ACTIVE and its time ran out without a payment. */
  | 'EXPIRED'
  /** Was WAITING when every seat of every future performance was sold. */
  | 'SOLD_OUT'
  /** In line; `position` says where. */
  | 'WAITING';

/** A fan's place in a concert's waiting room. */
export type QueueTicket = {
  __typename?: 'QueueTicket';
  /** When the admission ends unless a payment completes it first; null unless ACTIVE. */
  activeUntil: Maybe<Scalars['DateTime']['output']>;
  concertId: Scalars['ID']['output'];
  /** Whether the line has lately been moving faster or slower than over the longer run; pushed with every position by `queuePosition`. Null whenever `estimatedWaitSeconds` is. Not in API.md (boxoffice addition). */
  estimateTrend: Maybe<WaitTrend>;
  /** Seconds until admission, from the line's slots: each frees at the earlier of its holder's `activeUntil` and their payment, and goes to the next in line at the next admission tick. The fan at position k gets the k-th slot to free, counting from the known `activeUntil` of those admitted now and then one more per slot every hold cycle. The hold cycle starts at the configured worst case (nobody pays) and is blended, observation by observation, with how long fans actually held their slots over about the last 2 rounds of the line's slots, so it is honest from the first second of a sale. Before a line admits (a new line's restore grace) it counts from that moment. Null unless WAITING, null in a sale's pre-queue (no place until the opening shuffle: see `opensAt`) and while the operator has paused admission. */
  estimatedWaitSeconds: Maybe<Scalars['Int']['output']>;
  issuedAt: Scalars['DateTime']['output'];
  /** Set while the line has not opened yet (pre-queue): the ticket has no position until then. At this time everyone in the pre-queue is placed in a uniformly random order (cryptographic randomness), ahead of everyone who joins later, so arriving early gives no advantage. Null otherwise. */
  opensAt: Maybe<Scalars['DateTime']['output']>;
  /** When a polling client should ask again, in seconds: 1 near the head of the line, up to 60 at the back; 0 once the status is final. Subscribers (queuePosition) need not poll. */
  pollAfterSeconds: Scalars['Int']['output'];
  /** 1-based place among those still waiting; null unless WAITING. */
  position: Maybe<Scalars['Int']['output']>;
  status: QueueStatus;
  /** The signed queue token: send it as the `Queue-Token` header (or `connectionParams.queueToken` over WebSocket). The same string comes back while the ticket is live. */
  token: Scalars['String']['output'];
  userId: Scalars['ID']['output'];
};

/** A hold on a seat and, once paid, the fan's ticket. */
export type Reservation = {
  __typename?: 'Reservation';
  createdAt: Scalars['DateTime']['output'];
  /** End of the temporary hold; null once CONFIRMED (and for CANCELLED). */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** The price in KRW, fixed when the seat was held. */
  price: Scalars['Int']['output'];
  seat: Seat;
  /** Status right now: a hold whose time ran out reads EXPIRED. */
  status: ReservationStatus;
};

export type ReservationStatus =
  /** Released by its holder with cancelReservation. */
  | 'CANCELLED'
  /** Paid: the seat is yours. */
  | 'CONFIRMED'
  /** The hold ran out unpaid; the seat went back on sale. */
  | 'EXPIRED'
  /** The seat is held until `expiresAt`; pay before then. */
  | 'HELD';

/** A seat (1..50) of one performance. */
export type Seat = {
  __typename?: 'Seat';
  id: Scalars['ID']['output'];
  /** Seat number, 1..50. */
  number: Scalars['Int']['output'];
  /** Price in whole KRW. */
  price: Scalars['Int']['output'];
  scheduleId: Scalars['ID']['output'];
  /** Status right now: a hold whose time ran out reads AVAILABLE. In a seatsChanged event: the status the change committed. */
  status: SeatStatus;
};

export type SeatStatus =
  /** Can be reserved now (including a seat whose hold ran out). */
  | 'AVAILABLE'
  /** Held for someone for a few minutes. */
  | 'HELD'
  /** Paid for. */
  | 'SOLD';

export type Subscription = {
  __typename?: 'Subscription';
  /** The holder's ticket at once, then again whenever its position or status changes; completes after a final status. Token in `connectionParams.queueToken`. */
  queuePosition: QueueTicket;
  /** Every seat of the performance whose status changes (HELD, SOLD, AVAILABLE again after a cancel or an expired hold), from any server process, with the status the change committed. Send it after reading availableSeats to keep a seat map live; it completes when the queue ticket ends (expired, completed by a payment, cancelled). Requires identity and an ACTIVE queue token (`Queue-Token`) of the concert. Over WebSocket: `connectionParams.queueToken`. */
  seatsChanged: Seat;
  /** The concert's waiting room at once, then after every admission tick that changed it (at most one per tick). Operators only (identity JWT with `"roles": ["operator"]`); anyone else gets FORBIDDEN. */
  waitingRoomChanged: WaitingRoom;
};


export type SubscriptionQueuePositionArgs = {
  concertId: Scalars['ID']['input'];
};


export type SubscriptionSeatsChangedArgs = {
  scheduleId: Scalars['ID']['input'];
};


export type SubscriptionWaitingRoomChangedArgs = {
  concertId: Scalars['ID']['input'];
};

/** How the line has been moving lately compared with the longer run (how long slots were held over about the last 2 rounds of the line's slots, against the last 6). Not in API.md: boxoffice's addition, so a front end can say 'the line is moving faster'. */
export type WaitTrend =
  /** Slots have lately been freeing at least 20 % sooner (fans paying quickly): the estimate is falling. */
  | 'FASTER'
  /** Slots have lately been held at least 20 % longer: the estimate is rising. */
  | 'SLOWER'
  /** Within 20 % of the longer run. */
  | 'STEADY';

/** A concert's waiting room as its operator sees it: its settings in force and the line's live figures. Operators only. */
export type WaitingRoom = {
  __typename?: 'WaitingRoom';
  /** ACTIVE tickets. */
  active: Scalars['Int']['output'];
  /** How long an admission lasts, in seconds: the setting, else QUEUE_ACTIVE_SECONDS. */
  activeSeconds: Scalars['Int']['output'];
  /** Admissions per minute observed on this line, smoothed over about 30 s of ticks that had people waiting. */
  admittedPerMinute: Scalars['Float']['output'];
  concertId: Scalars['ID']['output'];
  /** Seconds until everyone now waiting is admitted at the observed rate; null while paused, before the line opens, or before any admission was observed. */
  estimatedDrainSeconds: Maybe<Scalars['Int']['output']>;
  /** ACTIVE tickets at once: the setting, else QUEUE_MAX_ACTIVE. */
  maxActive: Scalars['Int']['output'];
  /** When the line opens: until then joins wait unordered (pre-queue) and are placed in a random order at this time. Null: the line is open. */
  opensAt: Maybe<Scalars['DateTime']['output']>;
  /** No admission while paused; WAITING tickets keep their places and ACTIVE ones run their course. */
  paused: Scalars['Boolean']['output'];
  /** Every seat of every future performance is sold: the WAITING tickets ended SOLD_OUT and new joins are refused with SOLD_OUT. */
  soldOut: Scalars['Boolean']['output'];
  /** WAITING tickets (the pre-queue included). */
  waiting: Scalars['Int']['output'];
};

/** Changes to a waiting room. An omitted field stays as it is; an explicit null returns it to its default (opensAt: open now; paused: false; maxActive and activeSeconds: the process configuration). Changes take effect on the next admission tick in every process. */
export type WaitingRoomSettings = {
  /** 1..86400 seconds per admission, for admissions from now on (running ones keep their end). */
  activeSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** 1..100000 ACTIVE tickets at once. Lowering it admits nobody until enough ACTIVE ones end; nobody is sent back. */
  maxActive?: InputMaybe<Scalars['Int']['input']>;
  /** Opening time. In the future: joins from now on (and those waiting) form the pre-queue, shuffled at this time. Null or past: the line opens now. */
  opensAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Stops (true) or resumes (false) admission. */
  paused?: InputMaybe<Scalars['Boolean']['input']>;
};

export type EntryFieldsFragment = { __typename?: 'BalanceEntry', id: string, kind: BalanceEntryKind, amount: number, balanceAfter: number, createdAt: string };

export type ChargeBalanceMutationVariables = Exact<{
  amount: Scalars['Int']['input'];
}>;


export type ChargeBalanceMutation = { __typename?: 'Mutation', chargeBalance: { __typename?: 'BalanceEntry', id: string, kind: BalanceEntryKind, amount: number, balanceAfter: number, createdAt: string } };

export type BalanceQueryVariables = Exact<{ [key: string]: never; }>;


export type BalanceQuery = { __typename?: 'Query', balance: { __typename?: 'Balance', userId: string, amount: number } };

export type BalanceHistoryQueryVariables = Exact<{
  first: InputMaybe<Scalars['Int']['input']>;
}>;


export type BalanceHistoryQuery = { __typename?: 'Query', balanceHistory: Array<{ __typename?: 'BalanceEntry', id: string, kind: BalanceEntryKind, amount: number, balanceAfter: number, createdAt: string }> };

export type SeatFieldsFragment = { __typename?: 'Seat', id: string, scheduleId: string, number: number, price: number, status: SeatStatus };

export type ReservationFieldsFragment = { __typename?: 'Reservation', id: string, status: ReservationStatus, price: number, expiresAt: string | null, createdAt: string, seat: { __typename?: 'Seat', id: string, scheduleId: string, number: number, price: number, status: SeatStatus } };

export type PaymentFieldsFragment = { __typename?: 'Payment', id: string, amount: number, balanceAfter: number, paidAt: string, reservation: { __typename?: 'Reservation', id: string, status: ReservationStatus, price: number, expiresAt: string | null, createdAt: string, seat: { __typename?: 'Seat', id: string, scheduleId: string, number: number, price: number, status: SeatStatus } } };

export type AvailableDatesQueryVariables = Exact<{
  concertId: Scalars['ID']['input'];
}>;


export type AvailableDatesQuery = { __typename?: 'Query', availableDates: Array<{ __typename?: 'ConcertSchedule', id: string, concertId: string, startsAt: string, availableSeatCount: number }> };

export type AvailableSeatsQueryVariables = Exact<{
  scheduleId: Scalars['ID']['input'];
}>;


export type AvailableSeatsQuery = { __typename?: 'Query', availableSeats: Array<{ __typename?: 'Seat', id: string, scheduleId: string, number: number, price: number, status: SeatStatus }> };

export type ReserveSeatMutationVariables = Exact<{
  scheduleId: Scalars['ID']['input'];
  seatNumber: Scalars['Int']['input'];
}>;


export type ReserveSeatMutation = { __typename?: 'Mutation', reserveSeat: { __typename?: 'Reservation', id: string, status: ReservationStatus, price: number, expiresAt: string | null, createdAt: string, seat: { __typename?: 'Seat', id: string, scheduleId: string, number: number, price: number, status: SeatStatus } } };

export type CancelReservationMutationVariables = Exact<{
  reservationId: Scalars['ID']['input'];
}>;


export type CancelReservationMutation = { __typename?: 'Mutation', cancelReservation: { __typename?: 'Reservation', id: string, status: ReservationStatus, price: number, expiresAt: string | null, createdAt: string, seat: { __typename?: 'Seat', id: string, scheduleId: string, number: number, price: number, status: SeatStatus } } };

export type MyReservationsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyReservationsQuery = { __typename?: 'Query', myReservations: Array<{ __typename?: 'Reservation', id: string, status: ReservationStatus, price: number, expiresAt: string | null, createdAt: string, seat: { __typename?: 'Seat', id: string, scheduleId: string, number: number, price: number, status: SeatStatus } }> };

export type PayReservationMutationVariables = Exact<{
  reservationId: Scalars['ID']['input'];
  idempotencyKey: InputMaybe<Scalars['String']['input']>;
}>;


export type PayReservationMutation = { __typename?: 'Mutation', payReservation: { __typename?: 'Payment', id: string, amount: number, balanceAfter: number, paidAt: string, reservation: { __typename?: 'Reservation', id: string, status: ReservationStatus, price: number, expiresAt: string | null, createdAt: string, seat: { __typename?: 'Seat', id: string, scheduleId: string, number: number, price: number, status: SeatStatus } } } };

export type SeatsChangedSubscriptionVariables = Exact<{
  scheduleId: Scalars['ID']['input'];
}>;


export type SeatsChangedSubscription = { __typename?: 'Subscription', seatsChanged: { __typename?: 'Seat', id: string, scheduleId: string, number: number, price: number, status: SeatStatus } };

export type ConcertsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConcertsQuery = { __typename?: 'Query', concerts: Array<{ __typename?: 'Concert', id: string, title: string, schedules: Array<{ __typename?: 'ConcertSchedule', id: string, concertId: string, startsAt: string, availableSeatCount: number }> }> };

export type RoomFragment = { __typename?: 'WaitingRoom', concertId: string, opensAt: string | null, paused: boolean, soldOut: boolean, maxActive: number, activeSeconds: number, waiting: number, active: number, admittedPerMinute: number, estimatedDrainSeconds: number | null };

export type WaitingRoomQueryVariables = Exact<{
  concertId: Scalars['ID']['input'];
}>;


export type WaitingRoomQuery = { __typename?: 'Query', waitingRoom: { __typename?: 'WaitingRoom', concertId: string, opensAt: string | null, paused: boolean, soldOut: boolean, maxActive: number, activeSeconds: number, waiting: number, active: number, admittedPerMinute: number, estimatedDrainSeconds: number | null } };

export type UpdateWaitingRoomMutationVariables = Exact<{
  concertId: Scalars['ID']['input'];
  settings: WaitingRoomSettings;
}>;


export type UpdateWaitingRoomMutation = { __typename?: 'Mutation', updateWaitingRoom: { __typename?: 'WaitingRoom', concertId: string, opensAt: string | null, paused: boolean, soldOut: boolean, maxActive: number, activeSeconds: number, waiting: number, active: number, admittedPerMinute: number, estimatedDrainSeconds: number | null } };

export type WaitingRoomChangedSubscriptionVariables = Exact<{
  concertId: Scalars['ID']['input'];
}>;


export type WaitingRoomChangedSubscription = { __typename?: 'Subscription', waitingRoomChanged: { __typename?: 'WaitingRoom', concertId: string, opensAt: string | null, paused: boolean, soldOut: boolean, maxActive: number, activeSeconds: number, waiting: number, active: number, admittedPerMinute: number, estimatedDrainSeconds: number | null } };

export type TicketFragment = { __typename?: 'QueueTicket', token: string, userId: string, concertId: string, status: QueueStatus, position: number | null, estimatedWaitSeconds: number | null, estimateTrend: WaitTrend | null, activeUntil: string | null, pollAfterSeconds: number, issuedAt: string, opensAt: string | null };

export type IssueQueueTokenMutationVariables = Exact<{
  concertId: Scalars['ID']['input'];
}>;


export type IssueQueueTokenMutation = { __typename?: 'Mutation', issueQueueToken: { __typename?: 'QueueTicket', token: string, userId: string, concertId: string, status: QueueStatus, position: number | null, estimatedWaitSeconds: number | null, estimateTrend: WaitTrend | null, activeUntil: string | null, pollAfterSeconds: number, issuedAt: string, opensAt: string | null } };

export type QueueStatusQueryVariables = Exact<{
  concertId: Scalars['ID']['input'];
}>;


export type QueueStatusQuery = { __typename?: 'Query', queueStatus: { __typename?: 'QueueTicket', token: string, userId: string, concertId: string, status: QueueStatus, position: number | null, estimatedWaitSeconds: number | null, estimateTrend: WaitTrend | null, activeUntil: string | null, pollAfterSeconds: number, issuedAt: string, opensAt: string | null } };

export type QueuePositionSubscriptionVariables = Exact<{
  concertId: Scalars['ID']['input'];
}>;


export type QueuePositionSubscription = { __typename?: 'Subscription', queuePosition: { __typename?: 'QueueTicket', token: string, userId: string, concertId: string, status: QueueStatus, position: number | null, estimatedWaitSeconds: number | null, estimateTrend: WaitTrend | null, activeUntil: string | null, pollAfterSeconds: number, issuedAt: string, opensAt: string | null } };

export const EntryFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EntryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BalanceEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfter"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<EntryFieldsFragment, unknown>;
export const SeatFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SeatFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Seat"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scheduleId"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]} as unknown as DocumentNode<SeatFieldsFragment, unknown>;
export const ReservationFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReservationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Reservation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"seat"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SeatFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SeatFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Seat"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scheduleId"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]} as unknown as DocumentNode<ReservationFieldsFragment, unknown>;
export const PaymentFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PaymentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Payment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfter"}},{"kind":"Field","name":{"kind":"Name","value":"paidAt"}},{"kind":"Field","name":{"kind":"Name","value":"reservation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReservationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SeatFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Seat"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scheduleId"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReservationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Reservation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"seat"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SeatFields"}}]}}]}}]} as unknown as DocumentNode<PaymentFieldsFragment, unknown>;
export const RoomFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Room"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WaitingRoom"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"concertId"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}},{"kind":"Field","name":{"kind":"Name","value":"soldOut"}},{"kind":"Field","name":{"kind":"Name","value":"maxActive"}},{"kind":"Field","name":{"kind":"Name","value":"activeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"admittedPerMinute"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedDrainSeconds"}}]}}]} as unknown as DocumentNode<RoomFragment, unknown>;
export const TicketFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Ticket"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QueueTicket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"concertId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWaitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimateTrend"}},{"kind":"Field","name":{"kind":"Name","value":"activeUntil"}},{"kind":"Field","name":{"kind":"Name","value":"pollAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}}]}}]} as unknown as DocumentNode<TicketFragment, unknown>;
export const ChargeBalanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChargeBalance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"amount"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chargeBalance"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"amount"},"value":{"kind":"Variable","name":{"kind":"Name","value":"amount"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EntryFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EntryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BalanceEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfter"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<ChargeBalanceMutation, ChargeBalanceMutationVariables>;
export const BalanceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}}]}}]} as unknown as DocumentNode<BalanceQuery, BalanceQueryVariables>;
export const BalanceHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BalanceHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balanceHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EntryFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EntryFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"BalanceEntry"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfter"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]} as unknown as DocumentNode<BalanceHistoryQuery, BalanceHistoryQueryVariables>;
export const AvailableDatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AvailableDates"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"availableDates"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"concertId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"concertId"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"availableSeatCount"}}]}}]}}]} as unknown as DocumentNode<AvailableDatesQuery, AvailableDatesQueryVariables>;
export const AvailableSeatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AvailableSeats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scheduleId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"availableSeats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"scheduleId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scheduleId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SeatFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SeatFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Seat"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scheduleId"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]} as unknown as DocumentNode<AvailableSeatsQuery, AvailableSeatsQueryVariables>;
export const ReserveSeatDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReserveSeat"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scheduleId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"seatNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reserveSeat"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"scheduleId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scheduleId"}}},{"kind":"Argument","name":{"kind":"Name","value":"seatNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"seatNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReservationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SeatFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Seat"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scheduleId"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReservationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Reservation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"seat"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SeatFields"}}]}}]}}]} as unknown as DocumentNode<ReserveSeatMutation, ReserveSeatMutationVariables>;
export const CancelReservationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelReservation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reservationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelReservation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"reservationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reservationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReservationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SeatFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Seat"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scheduleId"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReservationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Reservation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"seat"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SeatFields"}}]}}]}}]} as unknown as DocumentNode<CancelReservationMutation, CancelReservationMutationVariables>;
export const MyReservationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyReservations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myReservations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReservationFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SeatFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Seat"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scheduleId"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReservationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Reservation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"seat"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SeatFields"}}]}}]}}]} as unknown as DocumentNode<MyReservationsQuery, MyReservationsQueryVariables>;
export const PayReservationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PayReservation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reservationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payReservation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"reservationId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reservationId"}}},{"kind":"Argument","name":{"kind":"Name","value":"idempotencyKey"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idempotencyKey"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PaymentFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SeatFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Seat"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scheduleId"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReservationFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Reservation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"seat"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SeatFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PaymentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Payment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfter"}},{"kind":"Field","name":{"kind":"Name","value":"paidAt"}},{"kind":"Field","name":{"kind":"Name","value":"reservation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReservationFields"}}]}}]}}]} as unknown as DocumentNode<PayReservationMutation, PayReservationMutationVariables>;
export const SeatsChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SeatsChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"scheduleId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seatsChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"scheduleId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"scheduleId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SeatFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SeatFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Seat"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scheduleId"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]} as unknown as DocumentNode<SeatsChangedSubscription, SeatsChangedSubscriptionVariables>;
export const ConcertsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Concerts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"concerts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"schedules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"concertId"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"availableSeatCount"}}]}}]}}]}}]} as unknown as DocumentNode<ConcertsQuery, ConcertsQueryVariables>;
export const WaitingRoomDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WaitingRoom"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"waitingRoom"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"concertId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Room"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Room"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WaitingRoom"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"concertId"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}},{"kind":"Field","name":{"kind":"Name","value":"soldOut"}},{"kind":"Field","name":{"kind":"Name","value":"maxActive"}},{"kind":"Field","name":{"kind":"Name","value":"activeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"admittedPerMinute"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedDrainSeconds"}}]}}]} as unknown as DocumentNode<WaitingRoomQuery, WaitingRoomQueryVariables>;
export const UpdateWaitingRoomDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateWaitingRoom"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"settings"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WaitingRoomSettings"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateWaitingRoom"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"concertId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}}},{"kind":"Argument","name":{"kind":"Name","value":"settings"},"value":{"kind":"Variable","name":{"kind":"Name","value":"settings"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Room"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Room"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WaitingRoom"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"concertId"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}},{"kind":"Field","name":{"kind":"Name","value":"soldOut"}},{"kind":"Field","name":{"kind":"Name","value":"maxActive"}},{"kind":"Field","name":{"kind":"Name","value":"activeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"admittedPerMinute"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedDrainSeconds"}}]}}]} as unknown as DocumentNode<UpdateWaitingRoomMutation, UpdateWaitingRoomMutationVariables>;
export const WaitingRoomChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WaitingRoomChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"waitingRoomChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"concertId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Room"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Room"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WaitingRoom"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"concertId"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}},{"kind":"Field","name":{"kind":"Name","value":"soldOut"}},{"kind":"Field","name":{"kind":"Name","value":"maxActive"}},{"kind":"Field","name":{"kind":"Name","value":"activeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"admittedPerMinute"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedDrainSeconds"}}]}}]} as unknown as DocumentNode<WaitingRoomChangedSubscription, WaitingRoomChangedSubscriptionVariables>;
export const IssueQueueTokenDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IssueQueueToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issueQueueToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"concertId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Ticket"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Ticket"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QueueTicket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"concertId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWaitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimateTrend"}},{"kind":"Field","name":{"kind":"Name","value":"activeUntil"}},{"kind":"Field","name":{"kind":"Name","value":"pollAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}}]}}]} as unknown as DocumentNode<IssueQueueTokenMutation, IssueQueueTokenMutationVariables>;
export const QueueStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"QueueStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queueStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"concertId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Ticket"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Ticket"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QueueTicket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"concertId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWaitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimateTrend"}},{"kind":"Field","name":{"kind":"Name","value":"activeUntil"}},{"kind":"Field","name":{"kind":"Name","value":"pollAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}}]}}]} as unknown as DocumentNode<QueueStatusQuery, QueueStatusQueryVariables>;
export const QueuePositionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"QueuePosition"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queuePosition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"concertId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"concertId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Ticket"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Ticket"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QueueTicket"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"concertId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"estimatedWaitSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"estimateTrend"}},{"kind":"Field","name":{"kind":"Name","value":"activeUntil"}},{"kind":"Field","name":{"kind":"Name","value":"pollAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"issuedAt"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}}]}}]} as unknown as DocumentNode<QueuePositionSubscription, QueuePositionSubscriptionVariables>;