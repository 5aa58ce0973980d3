-- Logged-in shoppers open the settlement page (their selected cart lines, addresses and freight).
dofile("bench/shoppers.lua")
function init(args)
  me = pick_shopper()
end
function request()
  return wrk.format("GET", "/orders/settlement/", {["Authorization"] = "JWT " .. me.token})
end
