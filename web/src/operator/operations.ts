import { gql, type TypedDocumentNode } from '@apollo/client';

/*
 * The operator API (docs/API.md, "Operating a waiting room"), typed by hand: the console was
 * written against the contract while the server side was being built on another branch.
 */

export interface WaitingRoom {
  concertId: string;
  opensAt: string | null;
  paused: boolean;
  soldOut: boolean;
  maxActive: number;
  activeSeconds: number;
  waiting: number;
  active: number;
  admittedPerMinute: number;
  estimatedDrainSeconds: number | null;
}

export interface WaitingRoomSettings {
  opensAt?: string | null;
  paused?: boolean;
  maxActive?: number;
  activeSeconds?: number;
}

const FIELDS = `
  concertId
  opensAt
  paused
  soldOut
  maxActive
  activeSeconds
  waiting
  active
  admittedPerMinute
  estimatedDrainSeconds
`;

export const OperatorConcertsDocument: TypedDocumentNode<{ concerts: Array<{ id: string; title: string; schedules: Array<{ id: string; startsAt: string; availableSeatCount: number }> }> }, Record<string, never>> = gql`
  query OperatorConcerts {
    concerts {
      id
      title
      schedules {
        id
        startsAt
        availableSeatCount
      }
    }
  }
`;

export const WaitingRoomDocument: TypedDocumentNode<{ waitingRoom: WaitingRoom }, { concertId: string }> = gql`
  query WaitingRoom($concertId: ID!) {
    waitingRoom(concertId: $concertId) {${FIELDS}}
  }
`;

export const UpdateWaitingRoomDocument: TypedDocumentNode<{ updateWaitingRoom: WaitingRoom }, { concertId: string; settings: WaitingRoomSettings }> = gql`
  mutation UpdateWaitingRoom($concertId: ID!, $settings: WaitingRoomSettings!) {
    updateWaitingRoom(concertId: $concertId, settings: $settings) {${FIELDS}}
  }
`;

export const WaitingRoomChangedDocument: TypedDocumentNode<{ waitingRoomChanged: WaitingRoom }, { concertId: string }> = gql`
  subscription WaitingRoomChanged($concertId: ID!) {
    waitingRoomChanged(concertId: $concertId) {${FIELDS}}
  }
`;
