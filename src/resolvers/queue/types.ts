import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { WaitTrend } from '../../queue/estimate.js';
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

registerEnumType(WaitTrend, {
  name: 'WaitTrend',
  description: "How the line has been moving lately compared with the longer run (how long slots were held over about the last 2 rounds of the line's slots, against the last 6). Not in API.md: boxoffice's addition, so a front end can say 'the line is moving faster'.",
  valuesConfig: {
    FASTER: { description: 'Slots have lately been freeing at least 20 % sooner (fans paying quickly): the estimate is falling.' },
    STEADY: { description: 'Within 20 % of the longer run.' },
    SLOWER: { description: 'Slots have lately been held at least 20 % longer: the estimate is rising.' },
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
      "Seconds until admission, from the line's slots: each frees at the earlier of its holder's `activeUntil` and their payment, and goes to the next in line at the next admission tick. The fan at position k gets the k-th slot to free, counting from the known `activeUntil` of those admitted now and then one more per slot every hold cycle. The hold cycle starts at the configured worst case (nobody pays) and is blended, observation by observation, with how long fans actually held their slots over about the last 2 rounds of the line's slots, so it is honest from the first second of a sale. Before a line admits (a new line's restore grace) it counts from that moment. Null unless WAITING, null in a sale's pre-queue (no place until the opening shuffle: see `opensAt`) and while the operator has paused admission.",
  })
  estimatedWaitSeconds!: number | null;

  @Field(() => WaitTrend, { nullable: true, description: 'Whether the line has lately been moving faster or slower than over the longer run; pushed with every position by `queuePosition`. Null whenever `estimatedWaitSeconds` is. Not in API.md (boxoffice addition).' })
  estimateTrend!: WaitTrend | null;

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
