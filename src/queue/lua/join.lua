-- Joins the end of a concert's line, or returns the user's live ticket (idempotent issue), in one
-- round trip: the ticket, its place, the line's outlook (the wait estimate's inputs), and whether the line needs indexing.
-- ARGV: userId, epochCandidate, graceMs
-- Returns: { code, seq, rank (0-based, -1 unless WAITING), activeUntil, tokenId, epoch, issuedAt,
--   outlook (the wait estimate's inputs, lib.lua outlook_text), version, now, expiredSeq (seq of the user's ACTIVE ticket this call found over, else 0),
--   indexGen (0: indexed), signedSeq (the seq its token carries), opensAt (ms while the ticket is
--   in the pre-queue, else 0), paused (0/1) };
--   { -1 } when the line has not got its settings (the caller mirrors them and calls again);
--   { SOLD_OUT } when every future seat is sold and the user holds no live ticket.
if not redis.call('HGET', K.meta, 'cfg') then return { -1 } end
local now, nowUs = clock()
local line = open_line(now, ARGV[2], tonumber(ARGV[3]))
local user = pack_user(ARGV[1])

local waitingSeq = redis.call('ZSCORE', K.waiting, user)
if waitingSeq then
  local seq = tonumber(waitingSeq)
  touch(user, seq, now)
  local id, epoch, issuedAt, signed = claims_of(seq, line.epoch)
  return { WAITING, seq, redis.call('ZRANK', K.waiting, user), 0, id, epoch, issuedAt, outlook_text(now), line.version, now, 0, line.indexGen, signed, prequeue_until(line.shuffleAt, seq), line.paused }
end

local expiredSeq = 0
local activeId = redis.call('HGET', K.activeUsers, user)
if activeId then
  local activeUntil = tonumber(redis.call('ZSCORE', K.active, activeId))
  if not is_due(activeUntil, now) then
    local seq = tonumber(string.match(redis.call('HGET', K.activeTickets, activeId), '^(%d+):'))
    local id, epoch, issuedAt, signed = claims_of(seq, line.epoch)
    return { ACTIVE, seq, -1, activeUntil, id, epoch, issuedAt, outlook_text(now), line.version, now, 0, line.indexGen, signed, 0, line.paused }
  end
  -- Its time ran out and no tick has said so yet: it ends here, as the tick would end it.
  expiredSeq = end_active({ activeId }, EXPIRED, now)[1]
  line.version = bump_version()
end

-- Nothing left to sell: nobody new joins (a ticket that just expired above is still announced).
if line.soldOut then
  return { SOLD_OUT, 0, -1, 0, '', line.epoch, 0, outlook_text(now), line.version, now, expiredSeq, line.indexGen, 0, 0, line.paused }
end

-- Sequence numbers are microseconds of Redis TIME (at least one more than the last): no join rate
-- one Redis serves gets them ahead of the clock, so a line rebuilt after Redis lost its data
-- numbers newcomers behind every holder who comes back with a signed place.
local seq = math.max(line.lastSeq + 1, nowUs)
redis.call('HSET', K.meta, 'lastSeq', int(seq), 'changedAt', now)
redis.call('ZADD', K.waiting, int(seq), user)
touch(user, seq, now)
return { WAITING, seq, redis.call('ZRANK', K.waiting, user), 0, int(seq), line.epoch, math.floor(seq / 1000), outlook_text(now), line.version, now, expiredSeq, line.indexGen, seq, prequeue_until(line.shuffleAt, seq), line.paused }
