-- Counts open subscriptions as signs of life: those of these tickets still WAITING are seen now.
-- ARGV: userId, seq, repeated
-- Returns: how many were WAITING.
local now = clock()
local args = {}
for i = 1, #ARGV, 2 do
  args[#args + 1] = now
  args[#args + 1] = seen_member(pack_user(ARGV[i]), tonumber(ARGV[i + 1]))
end
if #args == 0 then return 0 end
return redis.call('ZADD', K.seen, 'XX', 'CH', unpack(args))
