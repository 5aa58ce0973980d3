-- Bidding on one hot lot (BENCH_LOT): every shopper raises a proxy maximum on the lot's ladder (start ¥100, steps of
-- ¥1), each thread its own rising series, so bids race for the same price levels: some are accepted (a new
-- standing, its history lines and the watchers' event), others refused as too low by then. done() reports both and
-- the accepted count the audit checks against the lot's history.
dofile("bench/shoppers.lua")
local lot = os.getenv("BENCH_LOT")
function init(args)
  me = pick_shopper()
  round = 0
  accepted = 0
  refused = 0
end
function request()
  round = round + 1
  local headers = {["Authorization"] = "JWT " .. me.token, ["Content-Type"] = "application/json"}
  -- Thread i's n-th maximum: ¥100 + (n × 64 + i) steps; the threads leapfrog each other up the ladder.
  local max = 100 + round * 64 + id
  return wrk.format("POST", "/auctions/items/" .. lot .. "/bids/", headers, '{"max_price": "' .. max .. '.00"}')
end
function response(status, headers, body)
  if status == 201 then accepted = accepted + 1
  elseif status == 400 then refused = refused + 1
  else last_refusal = status .. " " .. body end
end
function done(summary, latency, requests)
  local ok, low = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("accepted")
    low = low + thread:get("refused")
    local why = thread:get("last_refusal")
    if why then io.write("REFUSED " .. why .. "\n") end
  end
  io.write(string.format("BIDS accepted=%d refused=%d per_second=%.1f\n", ok, low, (ok + low) / (summary.duration / 1e6)))
end
