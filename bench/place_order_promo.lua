-- Order placement with promotions: as place_order, but each order spends a fresh coupon of the shopper's
-- (¥1 off, consecutive ids from bench-fixture) and 10 credits, so the coupon, credits ledger and stock all move
-- in the order's one plan.
dofile("bench/place_order.lua")
function order_extra()
  return ', "coupon": ' .. (me.coupon + round) .. ', "credit": 10'
end
