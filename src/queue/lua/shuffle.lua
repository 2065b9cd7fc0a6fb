-- The opening of a pre-queue, exactly once: everyone WAITING who joined before the opening time is
-- placed in the order of the permutation the caller drew with a cryptographic generator, ahead of
-- everyone who joined since. Several processes may ask; the first applies it, the rest find the
-- opening done. Each moved ticket gets a new seq (the order key) below every earlier one, and
-- keeps the claims its token was signed with in `restored`, so its token still finds it.
-- ARGV: shuffleAt (ms, the opening the caller saw), then the permutation: 0-based new places of
--   the pre-queue tickets in their current order
-- Returns: { 0 } done already; { -1, n } the pre-queue now has n tickets (draw again);
--   { 1, version, now, outlook, n } (subscribers of moved tickets read them again: the event does not list them)
local pending = redis.call('HGET', K.meta, 'shuffleAt')
if not pending or pending ~= ARGV[1] then return { 0 } end
local now = clock()
local bound = tonumber(pending) * 1000
local head = redis.call('ZRANGEBYSCORE', K.waiting, '-inf', '(' .. int(bound), 'WITHSCORES')
local n = #head / 2
if n ~= #ARGV - 1 then return { -1, n } end
redis.call('HDEL', K.meta, 'shuffleAt')
if n == 0 then return { 0 } end

local epoch = redis.call('HGET', K.meta, 'epoch')
-- New seqs sit just below every live ticket's (ACTIVE ones included: their seqs key `restored` too).
local lowest = tonumber(head[2])
for _, record in ipairs(redis.call('HVALS', K.activeTickets)) do
  lowest = math.min(lowest, tonumber(string.match(record, '^(%d+):')))
end
local base = lowest - n - 1
local oldSeen, newSeen, scored, records, oldFields = {}, {}, {}, {}, {}
for i = 1, n do
  local user, seq = head[2 * i - 1], tonumber(head[2 * i])
  local new = base + 1 + tonumber(ARGV[i + 1])
  local id, ep, issuedAt, signed = claims_of(seq, epoch)
  oldSeen[i] = seen_member(user, seq)
  newSeen[i] = seen_member(user, new)
  scored[#scored + 1] = int(new)
  scored[#scored + 1] = user
  records[#records + 1] = int(new)
  records[#records + 1] = ep .. ' ' .. id .. ' ' .. int(issuedAt) .. ' ' .. int(signed)
  oldFields[i] = int(seq)
end
-- Signs of life carry over to the new members. In chunks: Lua's unpack takes a few thousand values.
local function each_chunk(list, size, fn)
  for i = 1, #list, size do
    local chunk = {}
    for j = i, math.min(i + size - 1, #list) do chunk[#chunk + 1] = list[j] end
    fn(chunk)
  end
end
local lastSeen = {}
each_chunk(oldSeen, 1000, function(c)
  for _, v in ipairs(redis.call('ZMSCORE', K.seen, unpack(c))) do lastSeen[#lastSeen + 1] = v end
end)
local seen = {}
for i = 1, n do
  seen[#seen + 1] = lastSeen[i] or now
  seen[#seen + 1] = newSeen[i]
end
each_chunk(oldSeen, 1000, function(c) redis.call('ZREM', K.seen, unpack(c)) end)
each_chunk(seen, 1000, function(c) redis.call('ZADD', K.seen, unpack(c)) end)
each_chunk(oldFields, 1000, function(c) redis.call('HDEL', K.restored, unpack(c)) end)
each_chunk(records, 1000, function(c) redis.call('HSET', K.restored, unpack(c)) end)
each_chunk(scored, 1000, function(c) redis.call('ZADD', K.waiting, unpack(c)) end)
redis.call('HSET', K.meta, 'changedAt', now)
return { 1, bump_version(), now, outlook_text(now), n }
