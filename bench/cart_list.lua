-- Logged-in shoppers read their carts.
local tokens = {}
for line in io.lines(os.getenv("BENCH_SHOPPERS")) do
  local token = line:match("^(%S+)")
  if token then tokens[#tokens + 1] = token end
end
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end
function init(args)
  token = tokens[(id - 1) % #tokens + 1]
end
function request()
  return wrk.format("GET", "/cart/", {["Authorization"] = "JWT " .. token})
end
