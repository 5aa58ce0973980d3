-- Logged-in shoppers add SKUs to their carts: each connection uses its own token, cycling over 50 SKUs.
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
  sku = 0
end
function request()
  sku = sku % 50 + 1
  return wrk.format("POST", "/cart/", {["Authorization"] = "JWT " .. token, ["Content-Type"] = "application/json"},
    '{"sku_id": ' .. sku .. ', "count": 1}')
end
