/**
 * Runs before each test file (vitest `setupFiles`): the file gets its own copy of the run's
 * migrated database. Test files run side by side and several turn the hold sweeper on; sharing
 * one database, one file's sweeper would release another file's expired holds and announce it
 * under its own Redis prefix, where the other file's subscribers never listen.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { copyDatabase, dropDatabase } from '../../src/db/orm.js';

const url = new URL(inject('templateDatabaseUrl'));
url.pathname = `${url.pathname.replace(/_template$/, '')}_f${randomBytes(4).toString('hex')}`;
/** This test file's database (testEnv hands it to every server the file starts). */
export const fileDatabaseUrl = url.toString();

beforeAll(() => copyDatabase(inject('templateDatabaseUrl'), fileDatabaseUrl));
afterAll(() => dropDatabase(fileDatabaseUrl));
