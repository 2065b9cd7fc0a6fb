-- Where many tickets stand, in one consistent read: one process re-reading all its subscribers of
-- a line at once after it missed an event. Reads only (no sign of life, no restore).
-- ARGV: userId, seq, tokenId, repeated
-- Returns: { version, outlook, now, then code (0: unknown), rank, activeUntil for each ticket }
local now = clock()
local out = { hget_num(K.meta, 'version'), outlook_text(now), now }
for i = 1, #ARGV, 3 do
  local code, rank, activeUntil = find_ticket(pack_user(ARGV[i]), tonumber(ARGV[i + 1]), ARGV[i + 2])
  out[#out + 1] = code or 0
  out[#out + 1] = rank or -1
  out[#out + 1] = activeUntil or 0
end
return out
