import { Collection, OptionalProps } from '@mikro-orm/core';
import { Entity, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { ConcertSchedule } from './ConcertSchedule.js';

@Entity()
export class Concert {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  title!: string;

  @OneToMany(() => ConcertSchedule, (s) => s.concert, { orderBy: { startsAt: 'asc' } })
  schedules = new Collection<ConcertSchedule>(this);

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
