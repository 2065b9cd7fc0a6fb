-- Mirrors an operator's settings of the line into its meta hash, where every process's next tick
-- (and the estimate) reads them: opensAt (ms; with shuffleAt while the pre-queue waits for its
-- opening shuffle), paused ("1"), maxActive, activeMs. Unset ones are absent and the tick falls
-- back to the process configuration. Creates the line if it does not exist (a lost line gets its
-- settings back this way before anyone is restored into it).
-- ARGV: opensAt (ms, 0: none), paused (0/1), maxActive (0: unset), activeMs (0: unset), epochCandidate, graceMs
-- Returns: { version, now, outlook (lib.lua outlook_text, after the change), indexGen (0: indexed), shuffleAt (0: none pending), paused (0/1) }
local now = clock()
local line = open_line(now, ARGV[5], tonumber(ARGV[6]))
local opensAt, paused, maxActive, activeMs = tonumber(ARGV[1]), ARGV[2] == '1', tonumber(ARGV[3]), tonumber(ARGV[4])
local shuffleAt = line.shuffleAt
if opensAt > now then
  shuffleAt = opensAt
  redis.call('HSET', K.meta, 'opensAt', int(opensAt), 'shuffleAt', int(opensAt))
elseif shuffleAt > 0 then
  -- The opening was brought forward: the next tick shuffles the pre-queue, everyone who joined
  -- until now included (joins this very millisecond too, hence the bound past the last seq).
  shuffleAt = math.max(now, math.floor(line.lastSeq / 1000)) + 1
  redis.call('HSET', K.meta, 'opensAt', int(shuffleAt), 'shuffleAt', int(shuffleAt))
end
if paused then redis.call('HSET', K.meta, 'paused', '1') else redis.call('HDEL', K.meta, 'paused') end
if maxActive > 0 then redis.call('HSET', K.meta, 'maxActive', maxActive) else redis.call('HDEL', K.meta, 'maxActive') end
if activeMs > 0 then redis.call('HSET', K.meta, 'activeMs', activeMs) else redis.call('HDEL', K.meta, 'activeMs') end
redis.call('HSET', K.meta, 'cfg', '1')
return { bump_version(), now, outlook_text(now), line.indexGen, shuffleAt, paused and 1 or 0 }
