import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Concert } from './Concert.js';

/** One performance (date and time) of a concert; it owns seats 1..50. */
@Entity()
@Index({ properties: ['concert', 'startsAt'] })
export class ConcertSchedule {
  [OptionalProps]?: 'id';

  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @ManyToOne(() => Concert, { deleteRule: 'cascade', foreignKeyName: 'concert_schedule_concert_id_fkey' })
  concert!: Rel<Concert>;

  @Property({ type: 'timestamptz' })
  startsAt!: Date;
}
