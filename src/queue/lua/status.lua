-- Reads a ticket (and its place in line), counts the call as a sign of life, and rebuilds the
-- ticket from its signed token when Redis has lost the line (a new epoch).
-- KEYS: meta, waiting, seen, tickets, users
-- ARGV: tokenId, nowMs, userId, seq, issuedAtMs, tokenEpoch, epochCandidate, graceMs
-- Returns: { ticketJson | false, rank (-1 unless WAITING), rate, version, restored (0/1) }
local meta, waiting, seen, tickets, users = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local tokenId, now, userId = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local restored = 0

local json = redis.call('HGET', tickets, tokenId)
if not json then
  local epoch = redis.call('HGET', meta, 'epoch')
  -- Same epoch: the ticket ended and was forgotten. Only a lost line is rebuilt.
  if epoch == ARGV[6] then
    return { false, -1, 0, 0, 0 }
  end
  if not epoch then
    redis.call('HSET', meta, 'epoch', ARGV[7], 'opensAt', now + tonumber(ARGV[8]))
  end
  local liveId = redis.call('HGET', users, userId)
  if liveId and liveId ~= tokenId and redis.call('HEXISTS', tickets, liveId) == 1 then
    -- The user joined again after the loss; that newer ticket is the one that counts.
    return { false, -1, 0, 0, 0 }
  end
  local seq = tonumber(ARGV[4])
  json = cjson.encode({ id = tokenId, u = userId, s = seq, st = 'WAITING', at = tonumber(ARGV[5]), e = ARGV[6] })
  redis.call('HSET', tickets, tokenId, json)
  redis.call('HSET', users, userId, tokenId)
  redis.call('ZADD', waiting, seq, tokenId)
  if tonumber(redis.call('HGET', meta, 'lastSeq') or '0') < seq then
    redis.call('HSET', meta, 'lastSeq', seq)
  end
  redis.call('HINCRBY', meta, 'version', 1)
  restored = 1
end

local rank = -1
local t = cjson.decode(json)
if t.st == 'WAITING' then
  redis.call('ZADD', seen, now, tokenId)
  rank = redis.call('ZRANK', waiting, tokenId)
end
local rate = redis.call('HGET', meta, 'rate') or '0'
local version = tonumber(redis.call('HGET', meta, 'version') or '0')
return { json, rank, rate, version, restored }
