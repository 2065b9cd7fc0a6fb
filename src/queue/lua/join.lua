-- Joins the end of a concert's line, or returns the user's live ticket (idempotent issue).
-- KEYS: meta, waiting, seen, tickets, users, active, ended
-- ARGV: userId, newTokenId, nowMs, epochCandidate, graceMs
-- Returns: { ticketJson, rank (0-based, -1 unless WAITING), expiredTokenId or '', version }
local meta, waiting, seen, tickets, users, active, ended = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local userId, tokenId, now = ARGV[1], ARGV[2], tonumber(ARGV[3])

local epoch = redis.call('HGET', meta, 'epoch')
if not epoch then
  -- A line that appears from nothing may be one Redis lost: admission waits graceMs so that
  -- holders of the lost line get back in (with their signed places) before newcomers.
  epoch = ARGV[4]
  redis.call('HSET', meta, 'epoch', epoch, 'opensAt', now + tonumber(ARGV[5]))
end

local expiredId = ''
local liveId = redis.call('HGET', users, userId)
if liveId then
  local json = redis.call('HGET', tickets, liveId)
  if json then
    local t = cjson.decode(json)
    if t.st == 'WAITING' then
      redis.call('ZADD', seen, now, liveId)
      return { json, redis.call('ZRANK', waiting, liveId), '', 0 }
    elseif t.st == 'ACTIVE' and t.au > now then
      return { json, -1, '', 0 }
    elseif t.st == 'ACTIVE' then
      -- Its time ran out and the next tick has not said so yet: end it here, as the tick would.
      t.st = 'EXPIRED'
      t.au = nil
      redis.call('HSET', tickets, liveId, cjson.encode(t))
      redis.call('ZREM', active, liveId)
      redis.call('ZADD', ended, now, liveId)
      expiredId = liveId
    end
  end
end

-- Sequence numbers follow the clock (at least one more than the last), so a line rebuilt after
-- Redis lost its data still puts restored holders ahead of anyone who joins afterwards.
local seq = math.max(tonumber(redis.call('HGET', meta, 'lastSeq') or '0') + 1, now)
redis.call('HSET', meta, 'lastSeq', seq)
local json = cjson.encode({ id = tokenId, u = userId, s = seq, st = 'WAITING', at = now, e = epoch })
redis.call('HSET', tickets, tokenId, json)
redis.call('HSET', users, userId, tokenId)
redis.call('ZADD', waiting, seq, tokenId)
redis.call('ZADD', seen, now, tokenId)
local version = 0
if expiredId ~= '' then
  version = redis.call('HINCRBY', meta, 'version', 1)
end
return { json, redis.call('ZRANK', waiting, tokenId), expiredId, version }
