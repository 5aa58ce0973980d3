-- Buying a course: each shopper puts a validity option of one course (BENCH_COURSE="<course id> <option id>") in
-- the course cart, then orders it with Alipay; no address, no stock. Every order reads the course, its options
-- and the shopper's enrolments, and writes the order, its course line and its timeout job in one plan. The
-- shopper's first request unticks the goods earlier scenarios left in the cart, so the orders hold courses alone.
dofile("bench/place_order.lua")
local course, option = string.match(os.getenv("BENCH_COURSE") or "", "(%d+) (%d+)")
local cleared = false
function request()
  local headers = {["Authorization"] = "JWT " .. me.token, ["Content-Type"] = "application/json"}
  if not cleared then
    return wrk.format("PUT", "/cart/selection/", headers, '{"selected": false}')
  end
  if not ordering then
    return wrk.format("POST", "/cart/courses/", headers, '{"course_id": ' .. course .. ', "expire_id": ' .. option .. '}')
  end
  return wrk.format("POST", "/orders/", headers, '{"pay_method": 2}')
end
local count_response = response
function response(status, headers, body)
  if not cleared then
    cleared = true
    return
  end
  count_response(status, headers, body)
end
