import { OptionalProps, type Rel } from '@mikro-orm/core';
import { Check, Entity, OneToOne, Property } from '@mikro-orm/decorators/legacy';
import { Concert } from './Concert.js';

/**
 * An operator's settings of one concert's waiting room. The line in Redis carries a copy of them
 * (its meta hash), which every process's admission tick reads; this row is what brings that copy
 * back when Redis loses the line. A null field falls back to the process configuration.
 */
@Entity({ tableName: 'waiting_room_setting' })
@Check({ name: 'waiting_room_setting_max_active_check', expression: 'max_active is null or max_active >= 1' })
@Check({ name: 'waiting_room_setting_active_seconds_check', expression: 'active_seconds is null or active_seconds >= 1' })
export class WaitingRoomSetting {
  [OptionalProps]?: 'opensAt' | 'paused' | 'maxActive' | 'activeSeconds' | 'updatedAt';

  @OneToOne(() => Concert, { primary: true, deleteRule: 'cascade', foreignKeyName: 'waiting_room_setting_concert_id_fkey' })
  concert!: Rel<Concert>;

  /** Before this the line is a pre-queue: joins wait unordered, then are shuffled at this time. */
  @Property({ type: 'timestamptz', nullable: true })
  opensAt!: Date | null;

  @Property({ type: 'boolean', default: false })
  paused!: boolean;

  @Property({ type: 'integer', nullable: true })
  maxActive!: number | null;

  @Property({ type: 'integer', nullable: true })
  activeSeconds!: number | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt!: Date;
}
