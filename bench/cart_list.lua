-- Logged-in shoppers read their carts.
dofile("bench/shoppers.lua")
function init(args)
  me = pick_shopper()
end
function request()
  return wrk.format("GET", "/cart/", {["Authorization"] = "JWT " .. me.token})
end
