-- Drops a line from the index of lines the admission loop walks, unless a join or restore has
-- indexed it again since (with a higher generation). The index is a key of its own slot, so this
-- is its own script, not part of the tick. Not prefixed with lib.lua.
-- KEYS: index. ARGV: concertId, generation
-- Returns: 1 when dropped.
if tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]) or '-1') == tonumber(ARGV[2]) then
  return redis.call('ZREM', KEYS[1], ARGV[1])
end
return 0
