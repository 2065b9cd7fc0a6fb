import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { QueueStatus } from '../../queue/ticket.js';

registerEnumType(QueueStatus, {
  name: 'QueueStatus',
  description: 'Where a queue ticket stands. WAITING and ACTIVE are live; the others are final.',
  valuesConfig: {
    WAITING: { description: 'In line; `position` says where.' },
    ACTIVE: { description: 'Admitted: may book until `activeUntil`.' },
    EXPIRED: { description: 'Was ACTIVE and its time ran out without a payment.' },
    COMPLETED: { description: 'A payment went through with this ticket.' },
    CANCELLED: { description: 'Left the line: no status call or open subscription for QUEUE_IDLE_SECONDS.' },
    SOLD_OUT: { description: 'Was WAITING when every seat of every future performance was sold.' },
  },
});

@ObjectType('QueueTicket', { description: "A fan's place in a concert's waiting room." })
export class QueueTicketType {
  @Field(() => String, { description: 'The signed queue token: send it as the `Queue-Token` header (or `connectionParams.queueToken` over WebSocket). The same string comes back while the ticket is live.' })
  token!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => ID)
  concertId!: string;

  @Field(() => QueueStatus)
  status!: QueueStatus;

  @Field(() => Int, { nullable: true, description: '1-based place among those still waiting; null unless WAITING.' })
  position!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Seconds until admission: position divided by the admission rate observed on this line (admissions per second, averaged over about 30 s of ticks that had people waiting, so it does not jump between readings). Before any admission was observed it assumes every slot is held for the full active time. Null unless WAITING, and null while the operator has paused admission or the line has not opened yet.',
  })
  estimatedWaitSeconds!: number | null;

  @Field(() => Date, { nullable: true, description: 'When the admission ends unless a payment completes it first; null unless ACTIVE.' })
  activeUntil!: Date | null;

  @Field(() => Int, { description: 'When a polling client should ask again, in seconds: 1 near the head of the line, up to 60 at the back; 0 once the status is final. Subscribers (queuePosition) need not poll.' })
  pollAfterSeconds!: number;

  @Field(() => Date)
  issuedAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description:
      'Set while the line has not opened yet (pre-queue): the ticket has no position until then. At this time everyone in the pre-queue is placed in a uniformly random order (cryptographic randomness), ahead of everyone who joins later, so arriving early gives no advantage. Null otherwise.',
  })
  opensAt!: Date | null;
}
