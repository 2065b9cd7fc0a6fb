-- Reads the holder's ticket from their verified token's claims, counts the call as a sign of life,
-- ends an ACTIVE ticket whose time is up (on Redis time: the gate is never late), and puts the
-- ticket back at its signed place when Redis has lost the line (a new epoch).
-- ARGV: userId, seq, tokenId, issuedAt, tokenEpoch, epochCandidate, graceMs
-- Returns: { code (0: unknown or forgotten), rank, activeUntil, outlook ('' unless WAITING, restored
--   or expired here), version, now, restored (0/1),
--   expiredSeq (0 unless this call ended it), indexGen (0: indexed), seq (the ticket's seq now),
--   opensAt (ms while the ticket is in the pre-queue, else 0), paused (0/1) };
--   { -1 } when the line has not got its settings (the caller mirrors them and calls again).
local m = redis.call('HMGET', K.meta, 'cfg', 'shuffleAt', 'paused')
if not m[1] then return { -1 } end
local shuffleAt, paused = tonumber(m[2] or '0'), m[3] and 1 or 0
local now = clock()
local user, seq, tokenId, tokenEpoch = pack_user(ARGV[1]), tonumber(ARGV[2]), ARGV[3], ARGV[5]
local code, rank, activeUntil, current = find_ticket(user, seq, tokenId)
local restored, expiredSeq, indexGen = 0, 0, 0

if not code then
  -- Same epoch: the ticket ended and was forgotten. Only a lost line is rebuilt.
  if redis.call('HGET', K.meta, 'epoch') == tokenEpoch then
    return { 0, -1, 0, '0', 0, now, 0, 0, 0, seq, 0, paused }
  end
  -- The user joined again after the loss; that newer ticket is the one that counts.
  if redis.call('ZSCORE', K.waiting, user) or redis.call('HEXISTS', K.activeUsers, user) == 1 then
    return { 0, -1, 0, '0', 0, now, 0, 0, 0, seq, 0, paused }
  end
  indexGen = open_line(now, ARGV[6], tonumber(ARGV[7])).indexGen
  redis.call('ZADD', K.waiting, int(seq), user)
  redis.call('HSET', K.restored, int(seq), restore_record(seq, tokenId, tokenEpoch, tonumber(ARGV[4])))
  if hget_num(K.meta, 'lastSeq') < seq then redis.call('HSET', K.meta, 'lastSeq', int(seq)) end
  redis.call('HSET', K.meta, 'changedAt', now)
  bump_version()
  restored = 1
  code, rank, activeUntil, current = WAITING, redis.call('ZRANK', K.waiting, user), 0, seq
end

if code == WAITING then
  touch(user, current, now)
elseif code == ACTIVE and is_due(activeUntil, now) then
  expiredSeq = end_active({ tokenId }, EXPIRED, now)[1]
  bump_version()
  code, activeUntil = EXPIRED, 0
end
if indexGen == 0 then indexGen = hget_num(K.meta, 'unindexed') end
local opensAt = code == WAITING and prequeue_until(shuffleAt, current) or 0
-- The outlook (what the wait estimate needs: up to 64 reads of the ACTIVE set) only for a WAITING
-- ticket's estimate and for the event this call makes subscribers hear; the gate of every booking
-- operation reads an ACTIVE ticket, and the outlook was most of its cost.
local outlook = (code == WAITING or restored == 1 or expiredSeq ~= 0) and outlook_text(now) or ''
return { code, rank, activeUntil, outlook, hget_num(K.meta, 'version'), now, restored, expiredSeq, indexGen, current, opensAt, paused }
