-- Where many tickets stand, in one consistent read: one process re-reading all its subscribers of
-- a line at once after it missed an event. Reads only (no sign of life, no restore).
-- ARGV: userId, seq, tokenId, repeated
-- Returns: { version, outlook, now, shuffleAt (0: no pending opening), paused (0/1), then code
--   (0: unknown), rank, activeUntil, seq (the ticket's seq now) for each ticket }
local now = clock()
local m = redis.call('HMGET', K.meta, 'shuffleAt', 'paused')
local out = { hget_num(K.meta, 'version'), outlook_text(now), now, tonumber(m[1] or '0'), m[2] and 1 or 0 }
for i = 1, #ARGV, 3 do
  local code, rank, activeUntil, current = find_ticket(pack_user(ARGV[i]), tonumber(ARGV[i + 1]), ARGV[i + 2])
  out[#out + 1] = code or 0
  out[#out + 1] = rank or -1
  out[#out + 1] = activeUntil or 0
  out[#out + 1] = current or tonumber(ARGV[i + 1])
end
return out
