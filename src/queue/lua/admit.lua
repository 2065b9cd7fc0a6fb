-- One admission tick of one concert's line, atomically and in bounded time: expire ACTIVE holders
-- whose time is up, cancel WAITING holders gone idle, admit from the head while fewer than
-- maxActive are ACTIVE, forget long-ended tickets, update the observed admission rate, and let
-- an empty, quiet line go from the index. One call handles at most `batch` tickets (expired, then
-- admitted or found idle at the head, then idle elsewhere; forgetting has a budget of its own) and
-- says when it left work over, so no call runs long however long the line is or however many
-- leave at once, and admission always comes before clean-up.
-- Several server processes call this; the first each interval does the work, the rest no-op, and
-- because it is one script nobody is admitted twice and the cap is never exceeded. The process
-- that ticked may carry on at once with `continuing` calls, which skip the once-per-interval
-- check and leave the rate to the next tick.
-- The operator's settings in the meta hash (src/queue/lua/configure.lua) win over the process's:
-- maxActive, activeMs; paused stops admission; a pending opening (shuffleAt) is shuffled first
-- (src/queue/lua/shuffle.lua, with a permutation the caller draws). The seats decide too: while
-- the concert has no seat to reserve nobody is admitted, and once every seat is sold every WAITING
-- ticket ends SOLD_OUT, in batches, the line remembering it (soldOut) so joins are refused.
-- ARGV: maxActive, activeMs, idleMs, intervalMs, retentionMs, rateWindowMs, batch, indexGen (the
--   generation the caller found in the index, 0 if none), continuing (0/1), available (reservable
--   seats of future performances, -1: unknown), unsold (seats of future performances not sold,
--   -1: unknown or none)
-- Returns: { 0, version } when another process ticked this interval; { 2, version, n, shuffleAt } when the
--   pre-queue's opening is due (n tickets to shuffle; nothing else was done); { 3 } when the line
--   has no settings (the caller mirrors them); else { 1, version, now, outlook (the wait
--   estimate's inputs, lib.lua outlook_text), left (sorted seqs
--   that left the line), admitted (sorted seqs, among left), activeUntil, expired (seqs of ACTIVE
--   tickets that ran out), pruneGen (0 unless the line may leave the index), more (1: work was
--   left over), soldOut (sorted seqs, among left, that ended SOLD_OUT), soldOutNow (1: this call
--   found the concert sold out first), room ("waiting active rate maxActive activeMs paused
--   shuffleAt soldOut" when the operator's view differs from the last tick's, else '') }
local cfg = redis.call('HMGET', K.meta, 'cfg', 'maxActive', 'activeMs', 'paused', 'shuffleAt', 'soldOut')
if not cfg[1] then return { 3 } end
local maxActive, activeMs, idleMs = tonumber(cfg[2] or ARGV[1]), tonumber(cfg[3] or ARGV[2]), tonumber(ARGV[3])
local intervalMs, retentionMs, rateWindowMs = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local batch, indexGen, continuing = tonumber(ARGV[7]), tonumber(ARGV[8]), ARGV[9] == '1'
local available, unsold = tonumber(ARGV[10] or '-1'), tonumber(ARGV[11] or '-1')
local paused, shuffleAt = cfg[4] ~= false, tonumber(cfg[5] or '0')
local now = clock()

local lastTick = hget_num(K.meta, 'lastTick')
if not continuing then
  if now - lastTick < intervalMs / 2 then
    return { 0, hget_num(K.meta, 'version') }
  end
  if shuffleAt > 0 and now >= shuffleAt then
    local n = redis.call('ZCOUNT', K.waiting, '-inf', '(' .. int(shuffleAt * 1000))
    if n > 0 then return { 2, hget_num(K.meta, 'version'), n, int(shuffleAt) } end
    redis.call('HDEL', K.meta, 'shuffleAt')
    shuffleAt = 0
  end
  redis.call('HSET', K.meta, 'lastTick', now)
end
-- Sold out: every seat of every future performance is sold (known only when the caller counted).
local soldOut = cfg[6] ~= false
local soldOutNow = 0
if unsold == 0 and not soldOut then
  redis.call('HSET', K.meta, 'soldOut', '1')
  soldOut, soldOutNow = true, 1
elseif unsold > 0 and soldOut then
  -- Seats came back (a new performance): the line sells again.
  redis.call('HDEL', K.meta, 'soldOut')
  soldOut = false
end
-- The caller found the line in the index: a join or restore that asked for it can stop asking.
local unindexed = hget_num(K.meta, 'unindexed')
if unindexed > 0 and indexGen >= unindexed then redis.call('HDEL', K.meta, 'unindexed') end

local expired = expire_due(now, batch)
local budget = batch - #expired
local idleBefore = now - idleMs
local left = {}

-- Admission from the head comes first out of the budget: a silent holder found at the head is
-- cancelled there and then, so a backlog of idle holders never holds up the live ones behind it.
local waitingBefore = redis.call('ZCARD', K.waiting)
local admitted = {}
local activeUntil = now + activeMs
local free = maxActive - redis.call('ZCARD', K.active)
local soldOutSeqs = {}
if waitingBefore > 0 and soldOut and budget > 0 then
  -- Everyone waiting ends SOLD_OUT, from the head, within the budget; the rest on the next call.
  local head = redis.call('ZRANGE', K.waiting, 0, budget - 1, 'WITHSCORES')
  local users = {}
  for i = 1, #head, 2 do
    users[#users + 1] = head[i]
    soldOutSeqs[#soldOutSeqs + 1] = tonumber(head[i + 1])
    left[#left + 1] = tonumber(head[i + 1])
  end
  end_waiting(users, soldOutSeqs, SOLD_OUT, now)
  budget = budget - #users
  if waitingBefore > #users then budget = 0 end
end
-- No admission once sold out, while paused, before the opening, or while no seat can be reserved
-- (a hold that runs out frees one).
if soldOut or paused or available == 0 then free = 0 end
if free > 0 and waitingBefore > 0 and now >= hget_num(K.meta, 'opensAt') then
  -- Reads `free` holders at first, twice as many each time silent ones turn up among them.
  local window = free
  while free > 0 and budget > 0 do
    window = math.min(budget, math.max(window, free))
    local head = redis.call('ZRANGE', K.waiting, 0, window - 1, 'WITHSCORES')
    if #head == 0 then break end
    local users, seen = {}, {}
    for i = 1, #head, 2 do
      users[#users + 1] = head[i]
      seen[#seen + 1] = seen_member(head[i], tonumber(head[i + 1]))
    end
    local lastSeen = redis.call('ZMSCORE', K.seen, unpack(seen))
    local liveUsers, liveSeqs, idleUsers, idleSeqs = {}, {}, {}, {}
    for i, user in ipairs(users) do
      if free == #liveUsers then break end
      local seq = tonumber(head[2 * i])
      left[#left + 1] = seq
      if lastSeen[i] and tonumber(lastSeen[i]) <= idleBefore then
        idleUsers[#idleUsers + 1] = user
        idleSeqs[#idleSeqs + 1] = seq
      else
        liveUsers[#liveUsers + 1] = user
        liveSeqs[#liveSeqs + 1] = seq
        admitted[#admitted + 1] = seq
      end
    end
    end_waiting(idleUsers, idleSeqs, CANCELLED, now)
    admit(liveUsers, liveSeqs, activeUntil)
    free = free - #liveUsers
    budget = budget - #liveUsers - #idleUsers
    if #head < 2 * window then break end
    if #idleUsers > 0 then window = window * 2 end
  end
end

-- Holders silent since idleBefore leave the line, longest silent first: the lowest members of
-- `seen`, which carry their seqs, so they go with no lookup each.
local idle = budget > 0 and redis.call('ZCOUNT', K.seen, '-inf', idleBefore) or 0
if idle > 0 then
  local n = math.min(idle, budget)
  local users, seqs = {}, {}
  for i, m in ipairs(redis.call('ZRANGE', K.seen, 0, n - 1)) do
    users[i], seqs[i] = split_seen(m)
    left[#left + 1] = seqs[i]
  end
  redis.call('ZREMRANGEBYRANK', K.seen, 0, n - 1)
  end_waiting(users, seqs, CANCELLED, now, true)
  budget = budget - n
end

-- Admission rate, smoothed over rateWindowMs: only ticks where someone was waiting say anything
-- about how fast the line moves (an empty line admits nobody because nobody is there). Admissions
-- of continuing calls count at the next tick. A statistic of the line for its operators; the wait
-- estimate does not use it (an average that starts at zero says nothing in a sale's first
-- minute): it models the slots (src/queue/estimate.ts).
local rate = tonumber(rate_text())
if continuing then
  if #admitted > 0 then redis.call('HINCRBY', K.meta, 'admittedSinceTick', #admitted) end
elseif waitingBefore > 0 and lastTick > 0 and not paused and now >= hget_num(K.meta, 'opensAt') then
  local count = #admitted + hget_num(K.meta, 'admittedSinceTick')
  local dt = math.min(now - lastTick, rateWindowMs)
  local weight = 1 - math.exp(-dt / rateWindowMs)
  rate = rate + weight * (count * 1000 / math.max(dt, 1) - rate)
  redis.call('HSET', K.meta, 'rate', string.format('%.6g', rate))
  redis.call('HDEL', K.meta, 'admittedSinceTick')
end

-- What the wait estimate's evidence needs (lib.lua, observe_holds): the tick interval (a slot a
-- payment frees is refilled at the next tick) and the configured cap (its windows count rounds).
if not continuing then redis.call('HSET', K.meta, 'tickMs', intervalMs, 'tickSlots', maxActive) end

-- Ended tickets are readable for retentionMs, then forgotten, oldest first (a budget of its own:
-- forgetting is cheap, and it must keep up with everything that ends).
local more = forget_ended(now - retentionMs, batch) or budget <= 0

local version = hget_num(K.meta, 'version')
if #left > 0 or #expired > 0 then
  version = bump_version()
  if #admitted > 0 then redis.call('HSET', K.meta, 'changedAt', now) end
end

-- An empty line that stayed quiet for idleMs need not be ticked: it may leave the index (a join
-- or restore brings it back). Its ended tickets expire with their retention time on their own.
local pruneGen = 0
if redis.call('ZCARD', K.waiting) == 0 and redis.call('ZCARD', K.active) == 0 and now - hget_num(K.meta, 'changedAt') >= idleMs then
  if not redis.call('HGET', K.meta, 'pruned') then
    redis.call('HSET', K.meta, 'pruned', 1)
    local last = redis.call('LINDEX', K.endedLog, -1)
    if last then
      local ttl = math.max(1, tonumber(string.match(last, '^%d+')) + retentionMs - now)
      redis.call('PEXPIRE', K.ended, ttl)
      redis.call('PEXPIRE', K.endedLog, ttl)
    end
  end
  pruneGen = hget_num(K.meta, 'gen')
end

table.sort(left)
table.sort(expired)
table.sort(soldOutSeqs)
-- What the operator's live view shows, compared with the last tick's, so it is pushed at most once
-- per tick and only when it changed (continuing calls leave it to the next tick).
local room = ''
if not continuing then
  room = table.concat({ redis.call('ZCARD', K.waiting), redis.call('ZCARD', K.active), string.format('%.6g', rate), maxActive, activeMs, paused and 1 or 0, shuffleAt, soldOut and 1 or 0 }, ' ')
  if redis.call('HGET', K.meta, 'room') == room then room = '' else redis.call('HSET', K.meta, 'room', room) end
end
return { 1, version, now, outlook_text(now), left, admitted, activeUntil, expired, pruneGen, more and 1 or 0, soldOutSeqs, soldOutNow, room }
