-- One request against a caller's budget (GCRA: a token bucket kept as one timestamp).
-- KEYS[1]: the caller's key. ARGV: emission interval in ms (1000 / rate), burst (requests at once).
-- Returns 0 when the request may go ahead, else the milliseconds until it may.
-- Redis's own clock, so every server process measures time alike.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local tolerance = interval * (tonumber(ARGV[2]) - 1)
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
if now < tat - tolerance then
  return math.ceil(tat - tolerance - now)
end
local nextTat = tat + interval
redis.call('SET', KEYS[1], tostring(nextTat), 'PX', math.ceil(nextTat - now) + 1000)
return 0
