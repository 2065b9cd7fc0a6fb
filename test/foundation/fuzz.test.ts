import fc from 'fast-check';
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConcert, type ConcertFixture } from '../support/factories.js';
import { subscribe, wsClient } from '../support/graphql.js';
import { admittedCaller, type Caller } from '../support/queue.js';
import { startTestServer, testEnv, type TestServer } from '../support/server.js';

/**
 * Random and hostile input at every argument of every operation, over HTTP and WebSocket: the
 * server never answers 5xx, never leaks a stack trace or an internal message, and a refused call
 * leaves PostgreSQL and Redis exactly as they were.
 */
let server: TestServer;
let concert: ConcertFixture;
let fan: Caller;
let other: Caller;
let reservationId: string;

beforeAll(async () => {
  // A server with a quick admission loop lets the two fans in, then stops; the server under test
  // shares its line but ticks only after an hour, so Redis changes only when a call changes it.
  const shared = { REDIS_PREFIX: testEnv().REDIS_PREFIX, QUEUE_MAX_ACTIVE: '1000', QUEUE_IDLE_SECONDS: '3600' };
  const admitting = await startTestServer({ ...shared, QUEUE_ADMIT_INTERVAL_MS: '50' });
  concert = await createConcert(admitting.app, { price: 10_000 });
  [fan, other] = await Promise.all([admittedCaller(admitting, concert.id), admittedCaller(admitting, concert.id)]);
  await admitting.stop();
  server = await startTestServer({ ...shared, QUEUE_ADMIT_INTERVAL_MS: '3600000' });
  const held = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${fan.token}`, 'queue-token': fan.queueToken },
    body: JSON.stringify({ query: 'mutation($s: ID!) { reserveSeat(scheduleId: $s, seatNumber: 7) { id } }', variables: { s: concert.schedules[0].id } }),
  });
  reservationId = ((await held.json()) as { data: { reserveSeat: { id: string } } }).data.reserveSeat.id;
});
afterAll(() => server.stop());

/** Everything this test's calls could change: the database rows of the fixture's world, and this server's Redis keys. */
async function stateFingerprint(): Promise<string> {
  const rows = await server.app.orm.em.getConnection().execute(
    `select
       (select json_agg(u order by u.id) from (select id, balance from app_user) u) as users,
       (select json_agg(e order by e.id) from (select id, user_id, amount from balance_entry) e) as entries,
       (select json_agg(r order by r.id) from (select id, status, seat_id, expires_at from reservation) r) as reservations,
       (select json_agg(p order by p.id) from (select id, reservation_id from payment) p) as payments,
       (select json_agg(s order by s.id) from (select id, status, held_until from seat) s) as seats`,
  );
  const hash = createHash('sha256').update(JSON.stringify(rows));
  const prefix = server.config.REDIS_PREFIX;
  const keys = (await server.app.redis.keys(`${prefix}*`)).map((k) => k.slice(prefix.length)).sort();
  for (const key of keys) hash.update(key).update((await server.app.redis.dumpBuffer(key)) ?? '');
  return hash.digest('hex');
}

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', 'null', 'undefined', '0', '-1', "'; drop table seat; --", '{"$ne": null}', '../../etc/passwd', '\u0000', '\uD800', '🎫'.repeat(500), 'x'.repeat(70_000)),
  fc.uuid(),
);
const hostileNumber = fc.oneof(fc.integer(), fc.integer({ min: -1_000, max: 1_000 }), fc.double(), fc.constantFrom(0, -1, 51, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1e308));
/** Any JSON value, wrong types included. */
const anyValue = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }));

const idValue = () => fc.oneof({ weight: 3, arbitrary: anyValue }, fc.constantFrom(concert.id, concert.schedules[0].id, reservationId, randomUUID()));

/** Identity tokens: the fan's, none, garbage, unsigned, other algorithms, other keys, tampered. */
const identityHeader = () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forged = [
    new UnsecuredJWT({ sub: fan.userId }).setIssuedAt().setExpirationTime('1h').encode(),
    `${fan.token.split('.')[0]}.${Buffer.from(JSON.stringify({ sub: other.userId, exp: 9_999_999_999 })).toString('base64url')}.${fan.token.split('.')[2]}`,
  ];
  const signed = Promise.all([
    new SignJWT({ sub: fan.userId }).setProtectedHeader({ alg: 'HS512' }).setExpirationTime('1h').sign(new TextEncoder().encode('test-secret-test-secret-test-secret-!!')),
    new SignJWT({ sub: fan.userId }).setProtectedHeader({ alg: 'RS256' }).setExpirationTime('1h').sign(privateKey),
    new SignJWT({ sub: 'not-a-uuid' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode('test-secret-test-secret-test-secret-!!')),
  ]);
  return { forged, signed };
};

interface Operation {
  name: string;
  query: string;
  variables: () => fc.Arbitrary<Record<string, unknown>>;
}
const operations = (): Operation[] => [
  { name: 'concerts', query: '{ concerts { id schedules { id availableSeatCount } } }', variables: () => fc.constant({}) },
  { name: 'issueQueueToken', query: 'mutation($c: ID!) { issueQueueToken(concertId: $c) { token status } }', variables: () => fc.record({ c: idValue() }) },
  { name: 'queueStatus', query: 'query($c: ID!) { queueStatus(concertId: $c) { status position } }', variables: () => fc.record({ c: idValue() }) },
  { name: 'availableDates', query: 'query($c: ID!) { availableDates(concertId: $c) { id } }', variables: () => fc.record({ c: idValue() }) },
  { name: 'availableSeats', query: 'query($s: ID!) { availableSeats(scheduleId: $s) { id number } }', variables: () => fc.record({ s: idValue() }) },
  { name: 'balance', query: '{ balance { amount } }', variables: () => fc.constant({}) },
  { name: 'balanceHistory', query: 'query($f: Int) { balanceHistory(first: $f) { id } }', variables: () => fc.record({ f: anyValue }) },
  { name: 'myReservations', query: '{ myReservations { id status } }', variables: () => fc.constant({}) },
  { name: 'chargeBalance', query: 'mutation($a: Int!) { chargeBalance(amount: $a) { id } }', variables: () => fc.record({ a: anyValue }) },
  { name: 'reserveSeat', query: 'mutation($s: ID!, $n: Int!) { reserveSeat(scheduleId: $s, seatNumber: $n) { id } }', variables: () => fc.record({ s: idValue(), n: anyValue }) },
  { name: 'cancelReservation', query: 'mutation($r: ID!) { cancelReservation(reservationId: $r) { id } }', variables: () => fc.record({ r: idValue() }) },
  { name: 'payReservation', query: 'mutation($r: ID!, $k: String) { payReservation(reservationId: $r, idempotencyKey: $k) { id } }', variables: () => fc.record({ r: idValue(), k: anyValue }) },
];

/** Literal arguments instead of variables: the same values written into the document itself. */
const literal = (value: unknown) =>
  typeof value === 'string' ? JSON.stringify(value.slice(0, 2000)) : typeof value === 'number' && Number.isFinite(value) ? String(value) : JSON.stringify(JSON.stringify(value) ?? 'null');

function assertNothingLeaked(body: string): void {
  expect(body).not.toMatch(/INTERNAL_SERVER_ERROR|Internal server error/);
  expect(body).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)|node_modules|\/src\/|\.ts:\d+/);
  expect(body).not.toMatch(/relation "|syntax error at|violates .* constraint|ECONNREFUSED|TypeError|ReferenceError/);
}

describe('hostile input', () => {
  it('over HTTP: never a 5xx or a leaked internal, and a refused call changes nothing', async () => {
    const { forged, signed } = identityHeader();
    const identities = [fan.token, other.token, '', 'garbage', 'Bearer', ...forged, ...(await signed)];
    const queueTokens = [fan.queueToken, other.queueToken, '', 'garbage', `${fan.queueToken}x`, fan.token];
    const call = fc.record({
      operation: fc.constantFrom(...operations()),
      identity: fc.constantFrom(...identities),
      queueToken: fc.constantFrom(...queueTokens),
      asLiteral: fc.boolean(),
      seed: fc.integer(),
    });
    await fc.assert(
      fc.asyncProperty(call, async ({ operation, identity, queueToken, asLiteral, seed }) => {
        const variables = fc.sample(operation.variables(), { seed, numRuns: 1 })[0];
        let query = operation.query;
        if (asLiteral) {
          // Written into the document: `$c` becomes the value itself, declarations dropped.
          query = query.replace(/\(\$[^)]*\)\s*\{/, '{');
          for (const [name, value] of Object.entries(variables)) query = query.replaceAll(`$${name}`, literal(value));
        }
        const before = await stateFingerprint();
        const res = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${identity}`, 'queue-token': queueToken },
          body: JSON.stringify({ query, variables: asLiteral ? undefined : variables }),
        });
        const text = await res.text();
        expect(res.status, text.slice(0, 300)).toBeLessThan(500);
        assertNothingLeaked(text);
        const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: unknown[] };
        const refused = !body.data || Object.values(body.data).every((v) => v === null);
        if (refused) expect(await stateFingerprint(), `${operation.name} was refused but changed state: ${text.slice(0, 300)}`).toBe(before);
      }),
      { numRuns: 400, seed: 20261125 },
    );
    // 400 calls, each with two reads of the whole state: about 25 s alone, far more on a busy machine.
  }, 180_000);

  it('over WebSocket: connection parameters and subscription arguments of any shape never leak an internal', async () => {
    const { forged, signed } = identityHeader();
    const identities: unknown[] = [`Bearer ${fan.token}`, fan.token, '', 42, null, { a: 1 }, ['x'], ...forged, ...(await signed)];
    const queueTokens: unknown[] = [fan.queueToken, '', 7, null, { t: fan.queueToken }, 'x'.repeat(5_000)];
    const subscriptions = [
      'subscription($c: ID!) { queuePosition(concertId: $c) { status position } }',
      'subscription($c: ID!) { seatsChanged(scheduleId: $c) { number status } }',
      'query($c: ID!) { queueStatus(concertId: $c) { status } }',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.record({ identity: fc.constantFrom(...identities), queueToken: fc.constantFrom(...queueTokens), query: fc.constantFrom(...subscriptions), seed: fc.integer() }),
        async ({ identity, queueToken, query, seed }) => {
          const variables = { c: fc.sample(idValue(), { seed, numRuns: 1 })[0] };
          const before = await stateFingerprint();
          const client = wsClient(server.wsUrl, { authorization: identity, queueToken });
          try {
            const first = await subscribe(client, query, variables).next(3000);
            assertNothingLeaked(JSON.stringify(first));
            if (first.errors) expect(await stateFingerprint()).toBe(before);
          } catch (e) {
            // A subscription that completes at once (a final ticket) is fine; silence is not.
            expect((e as Error).message).toBe('subscription completed');
          } finally {
            await client.dispose();
          }
        },
      ),
      { numRuns: 60, seed: 20261126 },
    );
  }, 120_000);
});
