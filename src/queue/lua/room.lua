-- The line as its operator sees it, in one consistent read.
-- Returns: { waiting, active, rate, maxActive (0: unset), activeMs (0: unset), paused (0/1),
--   shuffleAt (0: none pending), soldOut (0/1), configured (0/1) }
local m = redis.call('HMGET', K.meta, 'rate', 'maxActive', 'activeMs', 'paused', 'shuffleAt', 'soldOut', 'cfg')
return { redis.call('ZCARD', K.waiting), redis.call('ZCARD', K.active), m[1] or '0', tonumber(m[2] or '0'), tonumber(m[3] or '0'),
  m[4] and 1 or 0, tonumber(m[5] or '0'), m[6] and 1 or 0, m[7] and 1 or 0 }
