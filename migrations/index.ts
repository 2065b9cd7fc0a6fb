import { Migration20261125000000_catalogue } from './Migration20261125000000_catalogue.js';
import { Migration20261125010000_booking } from './Migration20261125010000_booking.js';
import { Migration20261125164522_schema_from_entities } from './Migration20261125164522_schema_from_entities.js';
import { Migration20261125173934_user_subject } from './Migration20261125173934_user_subject.js';
import { Migration20261125195436_waiting_room_setting } from './Migration20261125195436_waiting_room_setting.js';

/**
 * Every migration, oldest first. Listed by hand (not globbed) so the same list runs from
 * compiled JavaScript, from vitest and from `npm start` alike. The first two were written by
 * hand; later ones are generated from the entities (`npm run migration:create`).
 */
export const migrationsList = [
  { name: 'Migration20261125000000_catalogue', class: Migration20261125000000_catalogue },
  { name: 'Migration20261125010000_booking', class: Migration20261125010000_booking },
  { name: 'Migration20261125164522_schema_from_entities', class: Migration20261125164522_schema_from_entities },
  { name: 'Migration20261125173934_user_subject', class: Migration20261125173934_user_subject },
  { name: 'Migration20261125195436_waiting_room_setting', class: Migration20261125195436_waiting_room_setting },
];
