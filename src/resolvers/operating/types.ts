import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType('WaitingRoom', { description: "A concert's waiting room as its operator sees it: its settings in force and the line's live figures. Operators only." })
export class WaitingRoomType {
  @Field(() => ID)
  concertId!: string;

  @Field(() => Date, { nullable: true, description: 'When the line opens: until then joins wait unordered (pre-queue) and are placed in a random order at this time. Null: the line is open.' })
  opensAt!: Date | null;

  @Field(() => Boolean, { description: 'No admission while paused; WAITING tickets keep their places and ACTIVE ones run their course.' })
  paused!: boolean;

  @Field(() => Boolean, { description: 'Every seat of every future performance is sold: the WAITING tickets ended SOLD_OUT and new joins are refused with SOLD_OUT.' })
  soldOut!: boolean;

  @Field(() => Int, { description: 'ACTIVE tickets at once: the setting, else QUEUE_MAX_ACTIVE.' })
  maxActive!: number;

  @Field(() => Int, { description: 'How long an admission lasts, in seconds: the setting, else QUEUE_ACTIVE_SECONDS.' })
  activeSeconds!: number;

  @Field(() => Int, { description: 'WAITING tickets (the pre-queue included).' })
  waiting!: number;

  @Field(() => Int, { description: 'ACTIVE tickets.' })
  active!: number;

  @Field(() => Float, { description: 'Admissions per minute observed on this line, smoothed over about 30 s of ticks that had people waiting.' })
  admittedPerMinute!: number;

  @Field(() => Int, { nullable: true, description: 'Seconds until everyone now waiting is admitted at the observed rate; null while paused, before the line opens, or before any admission was observed.' })
  estimatedDrainSeconds!: number | null;
}

@InputType('WaitingRoomSettings', {
  description:
    'Changes to a waiting room. An omitted field stays as it is; an explicit null returns it to its default (opensAt: open now; paused: false; maxActive and activeSeconds: the process configuration). Changes take effect on the next admission tick in every process.',
})
export class WaitingRoomSettingsInput {
  @Field(() => Date, { nullable: true, description: 'Opening time. In the future: joins from now on (and those waiting) form the pre-queue, shuffled at this time. Null or past: the line opens now.' })
  opensAt?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Stops (true) or resumes (false) admission.' })
  paused?: boolean | null;

  @Field(() => Int, { nullable: true, description: '1..100000 ACTIVE tickets at once. Lowering it admits nobody until enough ACTIVE ones end; nobody is sent back.' })
  maxActive?: number | null;

  @Field(() => Int, { nullable: true, description: '1..86400 seconds per admission, for admissions from now on (running ones keep their end).' })
  activeSeconds?: number | null;
}
