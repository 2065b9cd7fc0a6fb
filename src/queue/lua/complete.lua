-- Ends an ACTIVE ticket as COMPLETED (a payment went through), freeing its slot.
-- ARGV: tokenId
-- Returns: { version, seq, outlook, now } when the ticket changed, else false.
local now = clock()
local id = ARGV[1]
if not redis.call('ZSCORE', K.active, id) then return false end
local seq = end_active({ id }, COMPLETED, now)[1]
return { bump_version(), seq, outlook_text(now), now }
