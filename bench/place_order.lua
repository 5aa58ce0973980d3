-- Order placement under contention: every shopper puts the same few SKUs in the cart, then orders.
-- Requests alternate PUT /cart/ and POST /orders/ per connection; done() reports orders placed per second.
-- The phase moves on in response(), so a request wrk had to resend after a reconnect keeps the alternation.
dofile("bench/shoppers.lua")
function init(args)
  me = pick_shopper()
  round = 0
  ordering = false
  placed = 0
  refused = 0
end
function request()
  local headers = {["Authorization"] = "JWT " .. me.token, ["Content-Type"] = "application/json"}
  if not ordering then
    return wrk.format("PUT", "/cart/", headers, '{"sku_id": ' .. (round % 3 + 1) .. ', "count": 1, "selected": true}')
  end
  return wrk.format("POST", "/orders/", headers, '{"address": ' .. me.address .. ', "pay_method": 1' .. order_extra() .. '}')
end
-- More fields of the order (place_order_promo adds a coupon and credits).
function order_extra()
  return ""
end
function response(status, headers, body)
  if ordering then
    if status == 201 then placed = placed + 1 else refused = refused + 1; last_refusal = status .. " " .. body end
    round = round + 1
  end
  ordering = not ordering
end
function done(summary, latency, requests)
  local total, bad = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("placed")
    bad = bad + thread:get("refused")
    local why = thread:get("last_refusal")
    if why then io.write("REFUSED " .. why .. "\n") end
  end
  io.write(string.format("ORDERS placed=%d refused=%d per_second=%.1f\n", total, bad, total / (summary.duration / 1e6)))
end
