-- Order placement under contention: every shopper puts the same few SKUs in the cart, then orders.
-- Requests alternate PUT /cart/ and POST /orders/ per connection; done() reports orders placed per second.
dofile("bench/shoppers.lua")
function init(args)
  me = pick_shopper()
  step = 0
  placed = 0
  refused = 0
end
function request()
  step = step + 1
  local headers = {["Authorization"] = "JWT " .. me.token, ["Content-Type"] = "application/json"}
  if step % 2 == 1 then
    return wrk.format("PUT", "/cart/", headers, '{"sku_id": ' .. (math.floor(step / 2) % 3 + 1) .. ', "count": 1, "selected": true}')
  end
  return wrk.format("POST", "/orders/", headers, '{"address": ' .. me.address .. ', "pay_method": 1}')
end
function response(status, headers, body)
  if step % 2 == 0 then
    if status == 201 then placed = placed + 1 else refused = refused + 1 end
  end
end
function done(summary, latency, requests)
  local total, bad = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("placed")
    bad = bad + thread:get("refused")
  end
  io.write(string.format("ORDERS placed=%d refused=%d per_second=%.1f\n", total, bad, total / (summary.duration / 1e6)))
end
