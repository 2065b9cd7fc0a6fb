-- Ends an ACTIVE ticket as COMPLETED (a payment went through), freeing its slot.
-- KEYS: meta, active, tickets, users, ended
-- ARGV: tokenId, nowMs
-- Returns: the new version when the ticket changed, else false.
local meta, active, tickets, users, ended = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local id, now = ARGV[1], tonumber(ARGV[2])
local json = redis.call('HGET', tickets, id)
if not json then return false end
local t = cjson.decode(json)
if t.st ~= 'ACTIVE' then return false end
t.st = 'COMPLETED'
t.au = nil
redis.call('HSET', tickets, id, cjson.encode(t))
redis.call('ZREM', active, id)
if redis.call('HGET', users, t.u) == id then
  redis.call('HDEL', users, t.u)
end
redis.call('ZADD', ended, now, id)
return redis.call('HINCRBY', meta, 'version', 1)
