-- The waiting room's one ticket lifecycle, prepended to every queue script when it is loaded
-- (src/queue/commands.ts): the line's keys, its clock, the stored shape of a ticket, how a ticket
-- is read, admitted, ended and expired. Every script gets the same KEYS (src/queue/keys.ts), all
-- under one {concert:ID} hash tag, and touches no other key.
local K = {
  meta = KEYS[1], waiting = KEYS[2], seen = KEYS[3], active = KEYS[4], activeTickets = KEYS[5],
  activeUsers = KEYS[6], ended = KEYS[7], endedLog = KEYS[8], restored = KEYS[9],
}

-- Status codes, as src/queue/ticket.ts reads them.
local WAITING, ACTIVE, EXPIRED, COMPLETED, CANCELLED, SOLD_OUT = 1, 2, 3, 4, 5, 6

-- Redis TIME is the line's only clock, so server processes whose clocks disagree still agree on
-- every deadline. Returns milliseconds (deadlines, signs of life) and microseconds (sequence numbers).
local function clock()
  local t = redis.call('TIME')
  local s, us = tonumber(t[1]), tonumber(t[2])
  return s * 1000 + math.floor(us / 1000), s * 1000000 + us
end

-- An integer as Redis text: Lua's own tostring keeps 14 digits, sequence numbers have 16.
local function int(n)
  return string.format('%d', n)
end

local function hget_num(key, field)
  return tonumber(redis.call('HGET', key, field) or '0')
end

-- Stored shape. A WAITING ticket is one member of `waiting` (the user's UUID packed into 16 bytes,
-- score: seq) and one of `seen` (the same 16 bytes and the seq in 7 more, score: last sign of
-- life). Both fit the allocator's 32-byte size, where a 36-character UUID would take 48. One user
-- holds one live ticket per line, so `waiting` also answers "has this user a ticket?", and the
-- seq inside `seen` lets the idle clean-up end tickets without looking each one up.
local function pack_user(uuid)
  local n, sub = tonumber, string.sub
  if #uuid ~= 36 then error('user id must be a UUID: ' .. uuid) end
  return string.char(
    n(sub(uuid, 1, 2), 16), n(sub(uuid, 3, 4), 16), n(sub(uuid, 5, 6), 16), n(sub(uuid, 7, 8), 16),
    n(sub(uuid, 10, 11), 16), n(sub(uuid, 12, 13), 16), n(sub(uuid, 15, 16), 16), n(sub(uuid, 17, 18), 16),
    n(sub(uuid, 20, 21), 16), n(sub(uuid, 22, 23), 16), n(sub(uuid, 25, 26), 16), n(sub(uuid, 27, 28), 16),
    n(sub(uuid, 29, 30), 16), n(sub(uuid, 31, 32), 16), n(sub(uuid, 33, 34), 16), n(sub(uuid, 35, 36), 16))
end

local function seen_member(user, seq)
  local f = math.floor
  return user .. string.char(
    f(seq / 281474976710656) % 256, f(seq / 1099511627776) % 256, f(seq / 4294967296) % 256,
    f(seq / 16777216) % 256, f(seq / 65536) % 256, f(seq / 256) % 256, seq % 256)
end

-- The user and seq of a `seen` member.
local function split_seen(m)
  local a, b, c, d, e, f, g = string.byte(m, 17, 23)
  return string.sub(m, 1, 16), (((((a * 256 + b) * 256 + c) * 256 + d) * 256 + e) * 256 + f) * 256 + g
end

-- A ticket's token id (its seq in decimal) and issue time (seq / 1000) follow from its sequence
-- number, so they are never stored. Tickets restored from a token after Redis lost the line keep
-- the claims they were signed with in `restored`: "epoch", or "epoch tokenId issuedAt" for a
-- token whose id or issue time is not derived that way, or "epoch tokenId issuedAt signedSeq"
-- for a ticket the opening shuffle moved to a new seq (its token still names the old one).
-- Returns tokenId, epoch, issuedAt, and the seq its token was signed with.
local function claims_of(seq, lineEpoch)
  local r = redis.call('HGET', K.restored, int(seq))
  if r then
    local epoch, id, issuedAt, signed = string.match(r, '^(%S+) (%S+) (%d+) ?(%d*)$')
    if epoch then return id, epoch, tonumber(issuedAt), tonumber(signed) or seq end
    return int(seq), r, math.floor(seq / 1000), seq
  end
  return int(seq), lineEpoch, math.floor(seq / 1000), seq
end

local function restore_record(seq, tokenId, epoch, issuedAt)
  if tokenId == int(seq) and issuedAt == math.floor(seq / 1000) then return epoch end
  return epoch .. ' ' .. tokenId .. ' ' .. int(issuedAt)
end

-- Token ids of tickets that end, by seq (one HMGET, and only while the line holds restored
-- tickets, whose claims go with them).
local function ending_ids(seqs)
  local ids = {}
  local kept = {}
  if #seqs > 0 and redis.call('EXISTS', K.restored) == 1 then
    local fields = {}
    for i, seq in ipairs(seqs) do fields[i] = int(seq) end
    kept = redis.call('HMGET', K.restored, unpack(fields))
    redis.call('HDEL', K.restored, unpack(fields))
  end
  for i, seq in ipairs(seqs) do
    ids[i] = (kept[i] and string.match(kept[i], '^%S+ (%S+) %d+')) or int(seq)
  end
  return ids
end

-- Where a ticket stands: code, 0-based rank (-1 unless WAITING), activeUntil (0 unless ACTIVE),
-- and its seq now (the opening shuffle gives pre-queue tickets new ones; their tokens keep the
-- old). nil when the line does not know it.
local function find_ticket(user, seq, tokenId)
  local s = redis.call('ZSCORE', K.waiting, user)
  if s then
    local current = tonumber(s)
    if current == seq or (current ~= seq and claims_of(current, '') == tokenId) then
      return WAITING, redis.call('ZRANK', K.waiting, user), 0, current
    end
  end
  if redis.call('HGET', K.activeUsers, user) == tokenId then
    local record = redis.call('HGET', K.activeTickets, tokenId)
    return ACTIVE, -1, tonumber(redis.call('ZSCORE', K.active, tokenId)), tonumber(string.match(record or '', '^(%d+):') or seq)
  end
  local e = redis.call('HGET', K.ended, tokenId)
  if e then return tonumber(e) % 8, -1, 0, seq end
  return nil
end

-- The one way tickets end: `ended` holds tokenId -> endedAt * 8 + final code (read for an hour),
-- `endedLog` one entry per call, "endedAt id,id,...", oldest first, so they can be forgotten in
-- order. The line notes the change (an empty line leaves the index only after a quiet while).
local function record_ended(ids, code, now)
  if #ids == 0 then return end
  local value = int(now * 8 + code)
  local args = {}
  for _, id in ipairs(ids) do
    args[#args + 1] = id
    args[#args + 1] = value
  end
  redis.call('HSET', K.ended, unpack(args))
  redis.call('RPUSH', K.endedLog, int(now) .. ' ' .. table.concat(ids, ','))
  redis.call('HSET', K.meta, 'changedAt', now)
end

-- Forgets up to about `limit` tickets that ended before `before`, oldest first. Returns whether
-- it stopped at the limit.
local function forget_ended(before, limit)
  local forgotten = 0
  while forgotten < limit do
    local entry = redis.call('LINDEX', K.endedLog, 0)
    if not entry then break end
    local at, ids = string.match(entry, '^(%d+) (.*)$')
    if tonumber(at) >= before then break end
    redis.call('LPOP', K.endedLog)
    local fields = {}
    for id in string.gmatch(ids, '[^,]+') do fields[#fields + 1] = id end
    redis.call('HDEL', K.ended, unpack(fields))
    forgotten = forgotten + #fields
  end
  return forgotten >= limit
end

-- WAITING tickets that leave the line without being admitted (users and seqs in step).
-- `seenGone`: their `seen` members were removed already.
local function end_waiting(users, seqs, code, now, seenGone)
  if #users == 0 then return end
  redis.call('ZREM', K.waiting, unpack(users))
  if not seenGone then
    local seen = {}
    for i, user in ipairs(users) do seen[i] = seen_member(user, seqs[i]) end
    redis.call('ZREM', K.seen, unpack(seen))
  end
  record_ended(ending_ids(seqs), code, now)
end

-- How long fans hold their slots, the evidence of the wait estimate (src/queue/estimate.ts). Each
-- ACTIVE ticket that ends adds `activeUntil - refilledAt`: how much of its time it left unused
-- (negative when a tick found it a little after its end). A slot freed by a tick is refilled in
-- that same tick; one freed by a payment or a holder's own call waits for the next tick, half an
-- interval on average (`tickMs`, noted by each tick). Two averages, forgetting by count rather
-- than by time (a line that admits once a minute learns as surely as one that admits every
-- tick), in rounds of the line's slots: over about the last 2 rounds (the estimate's: recent
-- enough to follow a line whose fans pay faster or slower as the sale goes on, long enough not to
-- jump), and the last 6 (the longer run the trend compares it with). Both start from the configured worst case (nobody pays: every slot held to its end,
-- noticed half a tick late) counted as PRIOR_HOLDS observations, forgotten like any other.
local PRIOR_HOLDS = 2

local function observe_holds(activeUntils, now, refillMs)
  if #activeUntils == 0 then return end
  local m = redis.call('HMGET', K.meta, 'holdN', 'holdR', 'fastN', 'fastR', 'tickMs', 'maxActive', 'tickSlots')
  local halfTick = tonumber(m[5] or '0') / 2
  local lag = refillMs or halfTick
  local slots = tonumber(m[6] or m[7] or '10')
  local window, fastWindow = math.max(30, 6 * slots), math.max(20, 2 * slots)
  local sum = 0
  for _, u in ipairs(activeUntils) do sum = sum + tonumber(u) - now - lag end
  local function add(n, r, window)
    n, r = tonumber(n or PRIOR_HOLDS) + #activeUntils, tonumber(r or -PRIOR_HOLDS * halfTick) + sum
    if n > window then r, n = r * window / n, window end
    return string.format('%.10g', n), string.format('%.10g', r)
  end
  local n, r = add(m[1], m[2], window)
  local fn, fr = add(m[3], m[4], fastWindow)
  redis.call('HSET', K.meta, 'holdN', n, 'holdR', r, 'fastN', fn, 'fastR', fr)
end

-- ACTIVE tickets that end (expired, completed). Returns their seqs. `refillMs`: when their slots
-- are filled again (0: by the tick ending them; omitted: at the next tick).
-- The ACTIVE tickets' activeUntil as the outlook reports them are kept in the meta hash (`untils`,
-- `untilsAt`: see outlook_text) until the ACTIVE set changes, which only these two functions do.
local function active_set_changed()
  redis.call('HDEL', K.meta, 'untils')
end

local function end_active(ids, code, now, refillMs)
  local seqs = {}
  if #ids == 0 then return seqs end
  local records = redis.call('HMGET', K.activeTickets, unpack(ids))
  local untils = {}
  for _, u in ipairs(redis.call('ZMSCORE', K.active, unpack(ids))) do
    if u then untils[#untils + 1] = u end
  end
  observe_holds(untils, now, refillMs)
  for i, id in ipairs(ids) do
    local record = records[i]
    if record then
      local colon = string.find(record, ':', 1, true)
      local user = string.sub(record, colon + 1)
      seqs[#seqs + 1] = tonumber(string.sub(record, 1, colon - 1))
      if redis.call('HGET', K.activeUsers, user) == id then redis.call('HDEL', K.activeUsers, user) end
    end
  end
  redis.call('HDEL', K.activeTickets, unpack(ids))
  redis.call('ZREM', K.active, unpack(ids))
  active_set_changed()
  if #seqs > 0 and redis.call('EXISTS', K.restored) == 1 then
    local fields = {}
    for i, seq in ipairs(seqs) do fields[i] = int(seq) end
    redis.call('HDEL', K.restored, unpack(fields))
  end
  record_ended(ids, code, now)
  return seqs
end

-- WAITING tickets admitted: they leave the line and hold a slot until activeUntil.
local function admit(users, seqs, activeUntil)
  if #users == 0 then return end
  redis.call('ZREM', K.waiting, unpack(users))
  local seen, scored, tickets, byUser = {}, {}, {}, {}
  local restored = redis.call('EXISTS', K.restored) == 1
  for i, user in ipairs(users) do
    local id = restored and claims_of(seqs[i], '') or int(seqs[i])
    seen[i] = seen_member(user, seqs[i])
    scored[#scored + 1] = activeUntil
    scored[#scored + 1] = id
    tickets[#tickets + 1] = id
    tickets[#tickets + 1] = int(seqs[i]) .. ':' .. user
    byUser[#byUser + 1] = user
    byUser[#byUser + 1] = id
  end
  redis.call('ZREM', K.seen, unpack(seen))
  redis.call('ZADD', K.active, unpack(scored))
  active_set_changed()
  redis.call('HSET', K.activeTickets, unpack(tickets))
  redis.call('HSET', K.activeUsers, unpack(byUser))
end

-- A sign of life of a WAITING ticket.
local function touch(user, seq, now)
  redis.call('ZADD', K.seen, now, seen_member(user, seq))
end

-- ACTIVE expiry: an admission is over once Redis TIME reaches activeUntil, whoever looks first
-- (the tick, or the holder's own status or join call).
local function is_due(activeUntil, now)
  return activeUntil <= now
end

local function expire_due(now, limit)
  return end_active(redis.call('ZRANGEBYSCORE', K.active, '-inf', now, 'LIMIT', 0, limit), EXPIRED, now, 0)
end

local function bump_version()
  return redis.call('HINCRBY', K.meta, 'version', 1)
end

local function rate_text()
  return redis.call('HGET', K.meta, 'rate') or '0'
end

-- What the wait estimate needs to know of the line now (src/queue/estimate.ts reads it, the formula
-- is there): "at,paused,opensAt,maxActive,activeMs,tickMs,holdN,holdR,fastN,fastR,activeCount,waiting,untilsAt"
-- then ";" and the activeUntil of the ACTIVE tickets, in order, as offsets from `untilsAt` (all of
-- them up to OUTLOOK_SLOTS, else that many evenly spaced by rank). maxActive and activeMs are empty
-- unless the line overrides the configuration.
local OUTLOOK_SLOTS = 64

-- The activeUntil offsets and the moment they count from, read from the ACTIVE set only when it
-- has changed since the last read: every status call and join reports an outlook, and OUTLOOK_SLOTS
-- lookups by rank cost a status call 330 us of Redis time in a line of 500 ACTIVE (40 us without).
local function active_untils(now)
  local kept = redis.call('HMGET', K.meta, 'untils', 'untilsAt')
  if kept[1] then return kept[1], kept[2] end
  local count = redis.call('ZCARD', K.active)
  local untils = {}
  if count <= OUTLOOK_SLOTS then
    local r = redis.call('ZRANGE', K.active, 0, -1, 'WITHSCORES')
    for i = 2, #r, 2 do untils[#untils + 1] = int(tonumber(r[i]) - now) end
  else
    for i = 0, OUTLOOK_SLOTS - 1 do
      local rank = math.floor((i + 0.5) * count / OUTLOOK_SLOTS)
      local r = redis.call('ZRANGE', K.active, rank, rank, 'WITHSCORES')
      untils[#untils + 1] = int(tonumber(r[2]) - now)
    end
  end
  local text = table.concat(untils, ',')
  redis.call('HSET', K.meta, 'untils', text, 'untilsAt', int(now))
  return text, int(now)
end

local function outlook_text(now)
  local m = redis.call('HMGET', K.meta, 'paused', 'opensAt', 'maxActive', 'activeMs', 'tickMs', 'holdN', 'holdR', 'fastN', 'fastR')
  local untils, untilsAt = active_untils(now)
  return table.concat({ int(now), m[1] == '1' and '1' or '0', m[2] or '0', m[3] or '', m[4] or '', m[5] or '0',
    m[6] or '0', m[7] or '0', m[8] or '0', m[9] or '0', int(redis.call('ZCARD', K.active)), int(redis.call('ZCARD', K.waiting)), untilsAt }, ',') .. ';' .. untils
end

-- The line's own fields, read once per call. A line that appears from nothing may be one Redis
-- lost: it admits nobody for graceMs so that holders of the lost line get back in, with their
-- signed places, before newcomers. A new line, or one pruned from the index, gets a new index
-- generation and asks to be (re)indexed; it keeps asking (indexGen > 0) until a tick shows the
-- index has it.
-- The operator's settings come with it (src/queue/settings.ts mirrors them from PostgreSQL; a line
-- without `cfg` has lost them, and its caller mirrors them before anything else happens).
local function open_line(now, epochCandidate, graceMs)
  local m = redis.call('HMGET', K.meta, 'epoch', 'pruned', 'gen', 'unindexed', 'version', 'lastSeq', 'rate', 'cfg', 'shuffleAt', 'paused', 'soldOut')
  local line = { epoch = m[1], indexGen = tonumber(m[4] or '0'), version = tonumber(m[5] or '0'), lastSeq = tonumber(m[6] or '0'), rate = m[7] or '0',
    configured = m[8] ~= false, shuffleAt = tonumber(m[9] or '0'), paused = m[10] and 1 or 0, soldOut = m[11] ~= false }
  if not m[1] then
    line.epoch = epochCandidate
    redis.call('HSET', K.meta, 'epoch', line.epoch, 'opensAt', now + graceMs)
  end
  if not m[1] or m[2] then
    line.indexGen = tonumber(m[3] or '0') + 1
    redis.call('HSET', K.meta, 'gen', line.indexGen, 'unindexed', line.indexGen)
    redis.call('HDEL', K.meta, 'pruned')
    redis.call('PERSIST', K.ended)
    redis.call('PERSIST', K.endedLog)
  end
  return line
end

-- Whether a WAITING ticket of this seq is in the pre-queue (joined before the pending opening
-- shuffle): it has no position yet. Returns the opening time (ms), else 0.
local function prequeue_until(shuffleAt, seq)
  if shuffleAt > 0 and seq < shuffleAt * 1000 then return shuffleAt end
  return 0
end
