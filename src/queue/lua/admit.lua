-- One admission tick of one concert's line, atomically: expire ACTIVE holders whose time is up,
-- cancel WAITING holders gone idle, admit from the head while fewer than maxActive are ACTIVE,
-- forget long-ended tickets, and update the observed admission rate.
-- Several server processes call this; the first each interval does the work, the rest no-op,
-- and because it is one script nobody is admitted twice and the cap is never exceeded.
-- KEYS: meta, waiting, active, seen, tickets, users, ended
-- ARGV: nowMs, maxActive, activeMs, idleMs, intervalMs, retentionMs, rateWindowMs
-- Returns: false when another process ticked this interval, else a JSON event.
local meta, waiting, active, seen, tickets, users, ended = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]
local now, maxActive, activeMs = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local idleMs, intervalMs, retentionMs, rateWindowMs = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])

local lastTick = tonumber(redis.call('HGET', meta, 'lastTick') or '0')
if now - lastTick < intervalMs / 2 then
  return false
end
redis.call('HSET', meta, 'lastTick', now)

local function finish(id, status)
  local json = redis.call('HGET', tickets, id)
  if not json then return nil end
  local t = cjson.decode(json)
  t.st = status
  t.au = nil
  redis.call('HSET', tickets, id, cjson.encode(t))
  if redis.call('HGET', users, t.u) == id then
    redis.call('HDEL', users, t.u)
  end
  redis.call('ZADD', ended, now, id)
  return t
end

local ended_ = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', active, '-inf', now)) do
  redis.call('ZREM', active, id)
  if finish(id, 'EXPIRED') then ended_[id] = 'EXPIRED' end
end

local left = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', seen, '-inf', now - idleMs)) do
  redis.call('ZREM', seen, id)
  local seq = redis.call('ZSCORE', waiting, id)
  if seq then
    redis.call('ZREM', waiting, id)
    left[#left + 1] = tonumber(seq)
    if finish(id, 'CANCELLED') then ended_[id] = 'CANCELLED' end
  end
end

local waitingBefore = redis.call('ZCARD', waiting)
local admitted = {}
local admittedCount = 0
local free = maxActive - redis.call('ZCARD', active)
local opensAt = tonumber(redis.call('HGET', meta, 'opensAt') or '0')
if free > 0 and waitingBefore > 0 and now >= opensAt then
  local head = redis.call('ZRANGE', waiting, 0, free - 1, 'WITHSCORES')
  local activeUntil = now + activeMs
  for i = 1, #head, 2 do
    local id, seq = head[i], tonumber(head[i + 1])
    redis.call('ZREM', waiting, id)
    redis.call('ZREM', seen, id)
    left[#left + 1] = seq
    local json = redis.call('HGET', tickets, id)
    if json then
      local t = cjson.decode(json)
      t.st = 'ACTIVE'
      t.au = activeUntil
      redis.call('HSET', tickets, id, cjson.encode(t))
      redis.call('ZADD', active, activeUntil, id)
      admitted[id] = activeUntil
      admittedCount = admittedCount + 1
    end
  end
end

-- Admission rate, smoothed over rateWindowMs: only ticks where someone was waiting say anything
-- about how fast the line moves (an empty line admits nobody because nobody is there).
local rate = tonumber(redis.call('HGET', meta, 'rate') or '0')
if waitingBefore > 0 and lastTick > 0 and now >= opensAt then
  local dt = math.min(now - lastTick, rateWindowMs)
  local observed = admittedCount * 1000 / math.max(dt, 1)
  local weight = 1 - math.exp(-dt / rateWindowMs)
  rate = rate + weight * (observed - rate)
  redis.call('HSET', meta, 'rate', tostring(rate))
end

for _, id in ipairs(redis.call('ZRANGEBYSCORE', ended, '-inf', now - retentionMs, 'LIMIT', 0, 1000)) do
  redis.call('ZREM', ended, id)
  redis.call('HDEL', tickets, id)
end

local changed = #left > 0 or next(ended_) ~= nil
local version = tonumber(redis.call('HGET', meta, 'version') or '0')
if changed then
  version = redis.call('HINCRBY', meta, 'version', 1)
end
table.sort(left)
return cjson.encode({
  changed = changed, version = version, at = now, rate = rate,
  left = left, admitted = admitted, ended = ended_,
  waiting = redis.call('ZCARD', waiting),
})
