-- Logged-in shoppers add SKUs to their carts, cycling over 5 SKUs (a cart of 5 lines whose counts grow).
dofile("bench/shoppers.lua")
function init(args)
  me = pick_shopper()
  sku = 0
end
function request()
  sku = sku % 5 + 1
  return wrk.format("POST", "/cart/", {["Authorization"] = "JWT " .. me.token, ["Content-Type"] = "application/json"},
    '{"sku_id": ' .. sku .. ', "count": 1}')
end
