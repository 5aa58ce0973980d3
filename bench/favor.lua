-- The like storm: every shopper likes and unlikes one hot post (BENCH_NEWS) in turn, all at once. Each request
-- changes a record and its counter in one transaction; the audit afterwards checks the counter equals the records.
dofile("bench/shoppers.lua")
local news = os.getenv("BENCH_NEWS")
function init(args)
  me = pick_shopper()
  liked = false
end
function request()
  liked = not liked
  local headers = {["Authorization"] = "JWT " .. me.token}
  return wrk.format(liked and "POST" or "DELETE", "/community/news/" .. news .. "/favor/", headers)
end
