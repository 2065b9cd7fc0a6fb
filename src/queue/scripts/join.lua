-- Joins the end of a concert's line, or returns the user's live ticket (idempotent issue).
-- KEYS: meta, waiting, seen, tickets, users
-- ARGV: userId, newTokenId, nowMs, epochCandidate
-- Returns: { ticketJson, rank (0-based, -1 unless WAITING) }
local meta, waiting, seen, tickets, users = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local userId, tokenId, now = ARGV[1], ARGV[2], tonumber(ARGV[3])

local epoch = redis.call('HGET', meta, 'epoch')
if not epoch then
  epoch = ARGV[4]
  redis.call('HSET', meta, 'epoch', epoch)
end

local liveId = redis.call('HGET', users, userId)
if liveId then
  local json = redis.call('HGET', tickets, liveId)
  if json then
    local t = cjson.decode(json)
    if t.st == 'WAITING' then
      redis.call('ZADD', seen, now, liveId)
      return { json, redis.call('ZRANK', waiting, liveId) }
    elseif t.st == 'ACTIVE' then
      return { json, -1 }
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
return { json, redis.call('ZRANK', waiting, tokenId) }
