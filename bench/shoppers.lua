-- Shared by the logged-in scenarios: reads `token address_id first_coupon_id` lines from $BENCH_SHOPPERS and
-- gives each wrk thread its own shopper (`me`).
shoppers = {}
for line in io.lines(os.getenv("BENCH_SHOPPERS")) do
  local token, address, coupon = line:match("^(%S+)%s+(%d+)%s*(%d*)")
  if token then shoppers[#shoppers + 1] = {token = token, address = address, coupon = tonumber(coupon) or 0} end
end
threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end
function pick_shopper()
  return shoppers[(id - 1) % #shoppers + 1]
end
