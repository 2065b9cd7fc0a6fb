import { Collection, type Rel } from '@mikro-orm/core';
import { Entity, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Concert } from './Concert.js';
import { Seat } from './Seat.js';

/** One performance (date and time) of a concert; it owns seats 1..50. */
@Entity()
export class ConcertSchedule {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Concert, { deleteRule: 'cascade' })
  concert!: Rel<Concert>;

  @Property({ type: 'timestamptz' })
  startsAt!: Date;

  @OneToMany(() => Seat, (s) => s.schedule, { orderBy: { number: 'asc' } })
  seats = new Collection<Seat>(this);
}
