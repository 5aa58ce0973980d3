"""The storefront walked as a shopper walks it, in a real Chromium (Selenium), on a fresh shop started by
scripts/browser-test.sh. Each test is one journey; every page visited is checked (console, images, answers) and
photographed at 1280 and 375 px.
"""
import json
import os
import random
import time
import unittest
import urllib.error
import urllib.request

from shop_browser import BASE, Browser, api, captcha_answer, log_mark, sms_code, wait_until

STAFF_TOKEN = os.environ["STAFF_TOKEN"]
WECHAT_FAKE = os.environ["WECHAT_FAKE_URL"]


def write_png(rgb, size=64):
    """A real PNG of one colour, written to a temporary file (what a staff member would pick to upload)."""
    import struct, tempfile, zlib
    row = b"\x00" + bytes(rgb) * size
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)) \
        + chunk(b"IDAT", zlib.compress(row * size)) + chunk(b"IEND", b"")
    handle, path = tempfile.mkstemp(suffix=".png")
    os.write(handle, data)
    os.close(handle)
    return path


def page_exists(sku_id):
    try:
        return urllib.request.urlopen(BASE + "/goods/%d.html" % sku_id).status == 200
    except urllib.error.HTTPError:
        return False


def unique_mobile():
    return "137%08d" % random.randrange(10 ** 8)


class Shopper:
    """A person using the shop in one browser: the steps they take, each checked."""

    def __init__(self, browser):
        self.b = browser
        self.username = "shopper%05d" % random.randrange(10 ** 5)
        self.password = "password123"
        self.mobile = unique_mobile()

    def register(self):
        b = self.b
        b.visit("/register.html")
        b.fill("#username", self.username)
        b.fill("#password", self.password)
        b.fill("#password2", self.password)
        b.fill("#mobile", self.mobile)
        b.find("#username").click()  # leave the mobile field: its check runs
        captcha_id = b.find("#captcha").get_attribute("src").rstrip("/").split("/")[-1]
        b.fill("#image_code", captcha_answer(captcha_id))
        mark = log_mark()
        b.click("#send-sms")
        b.wait_text("#send-sms", "秒后重新获取")
        b.fill("#sms_code", sms_code(self.mobile, since=mark))
        b.click("#register-submit")
        b.wait_url(BASE + "/")
        b.wait_text("#site-header", self.username)
        b.check("registered")

    def become_staff(self, role):
        """Registers, is given `role` by the superuser, and signs in to the back office."""
        b = self.b
        self.register()
        me = [m for m in api("GET", "/admin/api/staff/?q=%s" % self.username, token=STAFF_TOKEN) if m["username"] == self.username][0]
        found = [r for r in api("GET", "/admin/api/roles/", token=STAFF_TOKEN) if r["name"] == role][0]
        api("PUT", "/admin/api/users/%d/roles/" % me["id"], token=STAFF_TOKEN, body={"roles": [found["id"]]})
        b.visit("/admin/")
        b.fill("#admin-username", self.username)
        b.fill("#admin-password", self.password)
        b.click("#admin-login-submit")
        b.wait_text("#admin-who", role)

    def logout(self):
        self.b.click("[data-logout]")
        self.b.wait_url("/login.html")

    def login(self, account=None, password=None):
        b = self.b
        if "/login.html" not in b.driver.current_url:
            b.visit("/login.html")
        b.fill("#username", account or self.username)
        b.fill("#password", password or self.password)
        b.click("#login-submit")
        wait_until(lambda: "/login.html" not in b.driver.current_url, what="leaving the login page")
        b.settle()
        b.wait_text("#site-header", self.username)

    def add_to_cart(self, sku_path, count=1):
        b = self.b
        b.visit(sku_path)
        if count != 1:
            b.fill("#buy-count", str(count))
        b.click("#add-cart")
        b.wait_text("#cart-message", "已加入购物车")

    def add_checkout_address(self, receiver, place, province=None, city=None, district=None):
        """On the settlement page: a new address (areas by name, or the first of each list), chosen once saved."""
        b = self.b
        b.wait("#addr-receiver")
        b.fill("#addr-receiver", receiver)
        b.fill("#addr-mobile", self.mobile)
        for css, name in (("#addr-province", province), ("#addr-city", city), ("#addr-district", district)):
            if name:
                b.select(css, name)
            else:
                b.select(css, index=1)
        b.fill("#addr-place", place)
        b.click("#addr-save")
        b.wait("#address-choices .address-card.selected")


class StorefrontJourneys(unittest.TestCase):
    def setUp(self):
        self.browser = Browser(journey=self._testMethodName.replace("test_", "").split("_")[0])
        self.shopper = Shopper(self.browser)

    def tearDown(self):
        # The last page as it was, whatever happened: what to look at when a journey fails.
        driver = self.browser.driver
        print("\n  last page: %s\n  alerts: %s" % (driver.current_url, [e.text for e in self.browser.finds(".alert, .invalid-feedback, [role=status]") if e.text]))
        self.browser.screenshot("end-of-" + self._testMethodName)
        self.browser.quit()

    def test_home_list_search_and_detail(self):
        b = self.browser
        # The home page: channel menu, carousel, floors.
        b.visit("/")
        self.assertTrue(b.finds("#carousel .slide"))
        tabs = b.finds(".floor-tabs [data-tab]")
        if len(tabs) > 1:
            tabs[1].click()
            self.assertEqual(tabs[1].get_attribute("aria-selected"), "true")
        b.check("home")
        # A category list, sorted by price, page 2.
        b.visit("/list.html?cat=115")
        b.wait("#sku-list .sku-card")
        b.click(".sort-bar button:nth-of-type(2)")
        b.wait_url("ordering=price")
        prices = [float(e.text.strip("¥")) for e in b.finds("#sku-list .price")]
        self.assertEqual(prices, sorted(prices))
        b.click(".pagination .page-item:nth-child(3) a")
        b.wait_url("page=2")
        b.check("category list by price page 2")
        # Search from the header box.
        b.fill("#header-search", "华为")
        b.find("#header-search").submit()
        b.wait_url("/search.html")
        b.wait("#search-results .sku-card")
        b.check("search results")
        # A product page: switch the spec to another SKU.
        first = b.find("#search-results .sku-card a").get_attribute("href")
        b.visit(first)
        other = b.finds("a.btn-outline-secondary[href^='/goods/']")
        self.assertTrue(other, "the product has other specs to switch to")
        target = other[0].get_attribute("href")
        other[0].click()
        b.wait_url(target.split(BASE)[-1])
        b.check("product page after switching spec")

    def test_register_order_pay_ship_receive_and_comment(self):
        b, shopper = self.browser, self.shopper
        shopper.register()
        # Logged in, a product goes into the stored cart.
        shopper.add_to_cart("/goods/3.html")
        b.check("added to the cart")
        # Logged out, another goes into the anonymous (cookie) cart; logging in merges both.
        shopper.logout()
        shopper.add_to_cart("/goods/9.html", count=2)
        b.visit("/cart.html")
        self.assertEqual(len(b.finds("#cart-lines tbody tr")), 1)
        b.check("anonymous cart")
        shopper.login()
        b.visit("/cart.html")
        rows = b.finds("#cart-lines tbody tr")
        self.assertEqual(sorted(r.get_attribute("data-sku") for r in rows), ["3", "9"])
        b.check("cart merged at login")
        # Checkout: a new address through the cascading selects, Alipay.
        b.click("#checkout")
        b.wait_url("/place_order.html")
        shopper.add_checkout_address("张三", "东长安街1号", "北京市", "北京市", "东城区")
        b.click("[data-pay='2']")
        b.check("settlement")
        b.click("#place-order")
        # Alipay's cashier (the local fake checks our signed request), then back to the shop.
        b.wait_url("/gateway.do")
        order_id = b.find("#out-trade-no").text
        b.find("#confirm-pay").click()
        b.wait_url("/pay_success.html")
        b.wait("#pay-result-paid")
        b.check("paid by Alipay")
        # The order is paid; staff ship it; the shopper confirms receipt and comments.
        b.visit("/user_center_order.html?status=2")
        b.wait("[data-order='%s']" % order_id)
        b.check("order paid, waiting for shipment")
        api("PUT", "/orders/%s/ship/" % order_id, token=STAFF_TOKEN)
        b.accept_alerts()
        b.visit("/user_center_order.html")
        b.accept_alerts()
        b.click("[data-order='%s'] [data-action='receive']" % order_id)
        b.wait("[data-order='%s'] [data-action='judge']" % order_id)
        b.check("received")
        b.click("[data-order='%s'] [data-action='judge']" % order_id)
        b.wait_url("/goods_judge.html")
        for form in b.finds("form[data-sku]"):
            form.find_element("css selector", ".judge-stars button:nth-of-type(4)").click()
            form.find_element("css selector", "textarea").send_keys("东西很好，物流也快，推荐购买。")
            form.find_element("css selector", "button[type=submit]").click()
            time.sleep(0.5)
        wait_until(lambda: "/user_center_order.html" in b.driver.current_url, what="back to the orders")
        b.settle()
        b.wait_text("[data-order='%s'] [data-order-status]" % order_id, "已完成")
        b.check("commented")
        b.visit("/goods/3.html")
        b.wait_text("#comment-list", "东西很好")
        b.check("comment on the product page")

    def test_wechat_pay_shows_a_qr_code_and_follows_the_payment(self):
        b, shopper = self.browser, self.shopper
        shopper.register()
        shopper.add_to_cart("/goods/10.html")
        b.visit("/place_order.html")
        shopper.add_checkout_address("李四", "人民路8号")
        b.click("[data-pay='3']")
        b.click("#place-order")
        b.wait_url("/wechat_pay.html")
        b.wait("#wechat-qr svg")
        b.check("WeChat Pay QR code")
        # WeChat Pay tells the shop the order is paid (the local fake builds the signed, encrypted notice).
        order_id = b.driver.current_url.split("order_id=")[1]
        ask = json.dumps({"out_trade_no": order_id, "transaction_id": "4200%024d" % random.randrange(10 ** 24)}).encode()
        with urllib.request.urlopen(urllib.request.Request(WECHAT_FAKE + "/_test/notification", data=ask, method="POST"), timeout=20) as r:
            notice = json.loads(r.read())
        request = urllib.request.Request(BASE + "/payment/wechat/notify/", data=notice["body"].encode(), method="POST")
        for name, value in notice["headers"].items():
            request.add_header(name, value)
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=20) as r:
            self.assertEqual(r.status, 200)
        b.wait("#wechat-paid", timeout=30)
        b.check("WeChat Pay paid")

    def test_promotions_claim_a_coupon_and_pay_with_it_and_credits(self):
        b, shopper = self.browser, self.shopper
        # Staff open a campaign and, once the shopper exists, give them credits.
        template = api("POST", "/staff/coupons/", token=STAFF_TOKEN, body={"name": "满100减20", "sale": "-20", "condition": 100, "timer": 30})
        now = time.time()
        stamp = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
        api("POST", "/staff/coupon-campaigns/", token=STAFF_TOKEN, body={
            "title": "浏览器测试券 %d" % random.randrange(10 ** 6), "coupon": template["id"], "count": 100,
            "apply_start_date": stamp(now - 60), "apply_stop_date": stamp(now + 3600)})
        shopper.register()
        user_id = b.driver.execute_script("return Number(sessionStorage.getItem('user_id') || localStorage.getItem('user_id'))")
        api("POST", "/staff/users/%d/credits/" % user_id, token=STAFF_TOKEN, body={"amount": "500", "reason": "新人礼"})
        # The shopper claims the coupon in the user center.
        b.visit("/user_center_coupon.html")
        card = [c for c in b.finds("#campaigns [data-campaign]") if "浏览器测试券" in c.text][0]
        card.find_element("css selector", "[data-action='claim']").click()
        b.wait_text("#my-coupons", "满100减20")
        b.check("coupon claimed")
        # Checkout: the coupon is chosen by itself (it saves most); credits switched on; cash on delivery.
        shopper.add_to_cart("/goods/9.html")
        b.visit("/place_order.html")
        shopper.add_checkout_address("赵六", "解放路9号")
        b.wait("#coupon-choices .pay-option.selected[data-coupon]")
        b.wait_text("#totals", "优惠券：-¥20.00")
        b.click("#use-credits")
        b.wait_text("#totals", "积分抵扣")
        b.click("[data-pay='1']")
        b.check("checkout with a coupon and credits")
        b.click("#place-order")
        b.wait_url("/order_success.html")
        b.check("order placed with a coupon and credits")
        # The ledgers and the order show what was spent.
        b.visit("/user_center_credit.html")
        b.wait_text("#ledger-entries", "订单支付")
        b.check("credits ledger")
        b.visit("/user_center_order.html")
        b.wait_text("main", "优惠 -¥20.00")
        b.check("order shows its discounts")

    def test_wallet_recharge_through_alipay(self):
        b, shopper = self.browser, self.shopper
        shopper.register()
        b.visit("/user_center_wallet.html")
        b.wait_text("#ledger-balance", "0.00")
        b.wait("#recharge-method-2")
        b.find("#recharge button.btn-outline-secondary").click()  # the ¥50 preset
        b.fill("#recharge-amount", "0.5")
        b.allow(400, r"/wallet/recharge/")
        b.click("#recharge-submit")
        b.wait_text("#recharge .invalid-feedback", "单次充值不少于 1.00 元")
        b.check("recharge amount refused")
        b.fill("#recharge-amount", "200")
        b.click("#recharge-submit")
        # Alipay's cashier names the recharge; paying sends the shopper back, and the shop credits the wallet once.
        b.wait_url("/gateway.do")
        recharge_id = b.find("#out-trade-no").text
        self.assertTrue(recharge_id.startswith("R"))
        b.find("#confirm-pay").click()
        b.wait_url("/pay_success.html")
        b.wait_text("#pay-result-paid", "充值成功")
        b.check("recharge paid by Alipay")
        b.click("#pay-result-paid a.btn-shop")
        b.wait_url("/user_center_wallet.html")
        b.wait_text("#ledger-balance", "200.00")
        b.wait_text("#ledger-entries", "充值单 " + recharge_id)
        b.check("wallet after the recharge")

    def test_courses_browse_try_a_lesson_and_enrol_in_a_free_course(self):
        b, shopper = self.browser, self.shopper
        # The course list, filtered to 实战课 and sorted by popularity.
        b.visit("/courses.html")
        b.wait("#course-list .course-card")
        b.click("[data-type='1']")
        b.wait_url("type=1")
        b.click("[data-ordering='-students']")
        b.wait_url("ordering=-students")
        b.wait("#course-list .course-card")
        b.check("courses by popularity")
        # A paid course: options with their prices, and a free-trial lesson opened in the player.
        b.find("#course-list .course-card").click()
        b.wait_url("/course.html")
        b.wait("#course-options [data-expire]")
        options = b.finds("#course-options [data-expire]")
        self.assertEqual([o.text for o in options][-1], "永久有效")
        options[0].click()
        b.find(".lesson-row .btn-outline-danger").click()
        b.wait("#player .lesson-media")
        b.check("free trial lesson")
        # A free course: enrol after registering, then find it in my courses.
        shopper.register()
        b.visit("/courses.html?type=0")
        b.wait("#course-list .course-card")
        b.find("#course-list .course-card").click()
        b.wait("#enrol")
        b.click("#enrol")
        b.wait_text("#enrolment", "永久有效")
        b.check("enrolled in a free course")
        b.visit("/user_center_course.html")
        b.wait("#app .my-course")
        b.wait_text("#app .my-course", "永久有效")
        b.check("my courses")

    def test_buy_a_three_month_course_with_a_coupon_and_study_a_paid_lesson(self):
        b, shopper = self.browser, self.shopper
        # Staff give the new shopper a coupon for courses.
        template = api("POST", "/staff/coupons/", token=STAFF_TOKEN, body={"name": "课程立减30", "sale": "-30", "timer": 30, "scope": "courses"})
        shopper.register()
        user_id = b.driver.execute_script("return Number(sessionStorage.getItem('user_id') || localStorage.getItem('user_id'))")
        api("POST", "/staff/users/%d/coupons/" % user_id, token=STAFF_TOKEN, body={"coupon": template["id"]})
        # A paid course: the 3-month option into the cart.
        b.visit("/courses.html?type=1")
        b.wait("#course-list .course-card")
        b.find("#course-list .course-card").click()
        b.wait("#course-options [data-expire='90']")
        course_id = b.driver.current_url.split("id=")[1]
        b.click("#course-options [data-expire='90']")
        b.click("#add-to-cart")
        b.wait_text("body", "已加入购物车")
        b.check("course added to the cart")
        # The cart shows it with its validity; checkout needs no address and picks the coupon by itself.
        b.visit("/cart.html")
        b.wait("#cart-courses tr[data-course='%s']" % course_id)
        self.assertIn("3个月有效", b.find("#cart-courses tr[data-course='%s'] select" % course_id).text)
        b.check("course in the cart")
        b.click("#checkout")
        b.wait_url("/place_order.html")
        b.wait("#course-lines [data-course='%s']" % course_id)
        self.assertEqual(b.finds("#address-section"), [])
        b.wait_text("#totals", "优惠券：-¥30.00")
        b.click("[data-pay='2']")
        b.check("course checkout with a coupon")
        b.click("#place-order")
        # Alipay's cashier (the local fake), then back: the course is open at once.
        b.wait_url("/gateway.do")
        b.find("#confirm-pay").click()
        b.wait_url("/pay_success.html")
        b.wait("#go-study")
        b.check("course paid")
        b.click("#go-study")
        b.wait_url("/user_center_course.html")
        b.wait("#app .my-course[data-course='%s']" % course_id)
        b.wait_text("#app .my-course[data-course='%s']" % course_id, "有效期至")
        b.check("the course in my courses")
        # A paid lesson now plays.
        b.visit("/course.html?id=%s" % course_id)
        b.wait_text("#enrolment", "有效期至")
        rows = [r for r in b.finds(".lesson-row") if "试看" not in r.text]
        b.click(".lesson-row[data-lesson='%s'] button" % rows[0].get_attribute("data-lesson"))
        b.wait("#player .lesson-media")
        b.check("paid lesson open")

    def test_auction_deposit_bid_outbid_live_win_and_pay_with_coupon_deposit_and_balance(self):
        b, shopper = self.browser, self.shopper
        shopper.register()
        token = b.driver.execute_script("return sessionStorage.getItem('token') || localStorage.getItem('token')")
        user_id = b.driver.execute_script("return Number(sessionStorage.getItem('user_id') || localStorage.getItem('user_id'))")
        # Staff open a session ending in 100 seconds: one lot (start ¥100, steps of ¥10, a ¥50 lot deposit), a ¥30
        # coupon for the session and ¥500 in the shopper's wallet. The rival is another bidder (the staff account).
        now = time.time()
        stamp = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
        session = api("POST", "/staff/auctions/", token=STAFF_TOKEN, body={
            "title": "浏览器测试专场", "preview_start_time": stamp(now - 120), "auction_start_time": stamp(now - 60),
            "auction_end_time": stamp(now + 100)})
        lot = api("POST", "/staff/auctions/%d/items/" % session["id"], token=STAFF_TOKEN, body={
            "uid": "T001", "title": "浏览器测试拍品 青瓷碗", "start_price": "100.00", "unit": "10.00", "deposit": "50.00"})
        coupon = api("POST", "/staff/coupons/", token=STAFF_TOKEN, body={
            "name": "专场立减30", "sale": "-30", "condition": 0, "timer": 7, "scope": "auction", "scope_id": session["id"]})
        api("POST", "/staff/users/%d/coupons/" % user_id, token=STAFF_TOKEN, body={"coupon": coupon["id"]})
        api("POST", "/staff/users/%d/wallet/" % user_id, token=STAFF_TOKEN, body={"amount": "500.00", "reason": "测试"})
        api("POST", "/addresses/", token=token, body={
            "title": "家", "receiver": "孙七", "province_id": 110000, "city_id": 110100, "district_id": 110101,
            "place": "东长安街1号", "mobile": shopper.mobile, "tel": "", "email": ""})
        rival = api("GET", "/user/", token=STAFF_TOKEN)
        api("POST", "/staff/users/%d/wallet/" % rival["id"], token=STAFF_TOKEN, body={"amount": "50.00", "reason": "测试"})
        api("POST", "/auctions/deposit/", token=STAFF_TOKEN, body={"auction_id": session["id"], "item_id": lot["id"], "pay_type": 2})
        # The shopper finds the lot from the sessions page, pays its deposit from the balance and bids the start price.
        b.visit("/auctions.html")
        b.wait_text("main", "浏览器测试专场")
        b.check("auction sessions")
        b.visit("/auction_item.html?id=%d" % lot["id"])
        b.wait_text("#lot-price", "100.00")
        b.click("#deposit-pay")
        b.wait("#bid-submit")
        b.check("deposit paid")
        b.click("#bid-submit")
        b.wait_text("#bid-history", "100.00")
        b.check("first bid")
        # The rival bids ¥150 elsewhere: the shopper's page shows it live and says they were outbid.
        api("POST", "/auctions/items/%d/bids/" % lot["id"], token=STAFF_TOKEN, body={"price": "150.00"})
        b.wait_text("#lot-price", "150.00")
        b.wait("#outbid-notice")
        b.check("outbid live")
        # The shopper answers at the next step and leads; the clock ends the lot and settlement makes them the winner.
        b.click("#bid-submit")
        b.wait_text("#lot-price", "160.00")
        b.check("leading again")
        wait_until(lambda: api("GET", "/auctions/items/%d/" % lot["id"])["status"] == 4, timeout=150, what="the lot settled")
        b.wait("#pay-link", timeout=30)
        b.check("won")
        b.click("#pay-link")
        # Pay: the ¥30 coupon (chosen for them, as it saves most), the ¥50 deposit, the rest (¥80) from the balance.
        b.wait("#pay-submit")
        b.wait_text("main", "160.00")
        self.assertIn("专场立减30", b.find("#coupon-select option:checked").text)
        b.wait_text("main", "80.00")
        b.check("pay page")
        b.click("#pay-submit")
        b.wait_text("main", "支付成功")
        b.check("paid")
        orders = api("GET", "/auctions/orders/", token=token)
        paid = [o for o in orders["2"]["child"] if o["item"] == lot["id"]]
        self.assertEqual(len(paid), 1)
        self.assertEqual(paid[0]["real_price"], "130.00")
        wallet = api("GET", "/wallet/", token=token)
        self.assertEqual(wallet["balance"], "370.00")  # 500 − 50 deposit − 80

    def test_backoffice_refuses_a_shopper_manages_roles_and_shows_the_audit_log(self):
        b, shopper = self.browser, self.shopper
        shopper.register()
        b.visit("/goods/1.html")
        b.wait("#hot-skus")
        # A shopper's right password is refused at the back office's door, with the reason.
        b.visit("/admin/")
        b.fill("#admin-username", shopper.username)
        b.fill("#admin-password", shopper.password)
        b.allow(403, r"/admin/api/authorizations/")
        b.click("#admin-login-submit")
        b.wait_text("#admin-login-error", "不是员工账号")
        b.check("backoffice refuses a shopper")
        # The superuser signs in and sees every section.
        b.fill("#admin-username", "staff001")
        b.fill("#admin-password", "staff-password")
        b.click("#admin-login-submit")
        b.wait_text("#admin-who", "超级管理员")
        b.wait_text("#admin-nav", "审计日志")
        b.check("backoffice home")
        # The dashboard: today's figures, the days charted, and the visit the shopper's product page counted.
        b.click("#admin-nav a[href='#/dashboard']")
        b.wait_text("#stat-cards", "用户总数")
        wait_until(lambda: b.driver.execute_script(
            "var c = document.getElementById('chart-visits'); return c && c.offsetHeight > 0"), what="the visits chart")
        b.click("#days-7")
        b.wait_text("#admin-dashboard", "7 天")
        b.click("#stats-export")
        b.check("dashboard")
        # A new role 内容编辑 (community managed, users read), given to the shopper.
        b.click("#admin-nav a[href='#/staff']")
        b.wait("#roles-table [data-role='订单客服']")
        b.click("#role-new")
        b.fill("#role-name", "内容编辑")
        b.click("#perm-community-write")
        b.click("#perm-users-read")
        b.click("#role-save")
        b.wait_text("#roles-table", "内容编辑")
        b.check("role created")
        b.fill("#member-search", shopper.username)
        b.click("#member-search-submit")
        b.wait("#members-table [data-member='%s']" % shopper.username)
        row = "#members-table [data-member='%s']" % shopper.username
        role_id = b.driver.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0] + ' label')).find(l => l.textContent.trim() === '内容编辑').htmlFor", row)
        b.click("#" + role_id)
        b.click(row + " .btn-shop")
        b.wait_text("#toasts", "的角色已保存")
        b.check("role given")
        # The shopper's account: found, opened, ¥50 added to the wallet with a reason. First the list sorted by name
        # from its header (descending on the first click, as a newest-first list reads).
        b.click("#admin-nav a[href='#/users']")
        b.click("#users-table [data-sort='username']")
        wait_until(lambda: b.find("#users-table [data-sort='username']").get_attribute("aria-sort") == "descending", what="users sorted by name")
        names = b.driver.execute_script("return Array.from(document.querySelectorAll('#users-table tbody tr')).map(r => r.dataset.user)")
        self.assertEqual(names, sorted(names, reverse=True))
        b.fill("#user-q", shopper.username)
        b.click("#user-search")
        b.click("#users-table [data-user='%s']" % shopper.username)
        b.wait_text("#account-wallet", "0.00")
        b.accept_alerts()
        b.fill("#adjust-amount", "50.00")
        b.fill("#adjust-reason", "物流延误补偿")
        b.click("#adjust-submit")
        b.wait_text("#account-wallet", "50.00")
        b.wait_text("#ledger-table", "50.00")
        b.check("wallet adjusted")
        # Promotions: a coupon and a claim campaign made on the 促销 page; the coupon granted on the shopper's page.
        b.click("#admin-nav a[href='#/promotions']")
        b.fill("#coupon-name", "回馈券 满50减5")
        b.fill("#coupon-sale", "-5")
        b.fill("#coupon-condition", "50")
        b.click("#coupon-save")
        b.wait("#coupon-table [data-coupon='回馈券 满50减5']")
        b.fill("#campaign-title", "周末领券")
        b.select("#campaign-coupon", "回馈券 满50减5")
        b.click("#campaign-save")
        b.wait_text("#campaign-table [data-campaign='周末领券']", "领取中")
        b.check("promotions")
        b.click("#admin-nav a[href='#/users']")
        b.fill("#user-q", shopper.username)
        b.click("#user-search")
        b.click("#users-table [data-user='%s']" % shopper.username)
        b.select("#grant-coupon", index=1)
        b.click("#grant-submit")
        b.wait_text("#account-coupon-table", "回馈券 满50减5")
        b.check("coupon granted")
        # The course shop: a demo course opened, a 7-day price added to it.
        b.click("#admin-nav a[href='#/courses']")
        b.wait("#course-table tbody tr")
        b.click("#course-table tbody tr")
        b.wait("#course-chapters [data-lesson]")
        b.fill("#option-days", "7")
        b.fill("#option-price", "9.90")
        b.click("#course-options button[type=submit]")
        b.wait_text("#course-options", "¥9.90")
        b.check("course options")
        # The audit log shows both changes, with what the role was given.
        b.click("#admin-nav a[href='#/audit']")
        b.wait_text("#audit-table", "PUT /admin/api/users/{id}/roles")
        b.wait_text("#audit-table", "POST /admin/api/roles")
        first = b.find("#audit-table tbody tr").get_attribute("data-audit")
        b.click("#audit-table [data-audit='%s'] .btn-link" % first)
        b.wait_text("#audit-table", "修改后")
        b.check("audit log")
        # The shopper, now a 内容编辑, signs in and sees only what the role allows.
        b.click("#admin-logout")
        b.fill("#admin-username", shopper.username)
        b.fill("#admin-password", shopper.password)
        b.click("#admin-login-submit")
        b.wait_text("#admin-who", "内容编辑")
        self.assertNotIn("员工与角色", b.find("#admin-nav").text)
        self.assertNotIn("审计日志", b.find("#admin-nav").text)
        b.check("limited staff member")
        # An 订单客服 ships the shopper's cash-on-delivery order with a tracking number.
        token = b.driver.execute_script("return sessionStorage.getItem('token') || localStorage.getItem('token')")
        address = api("POST", "/addresses/", token=token, body={
            "title": "家", "receiver": "周八", "province_id": 110000, "city_id": 110100, "district_id": 110101,
            "place": "西长安街2号", "mobile": shopper.mobile, "tel": "", "email": ""})
        api("POST", "/cart/", token=token, body={"sku_id": 1, "count": 1})
        order = api("POST", "/orders/", token=token, body={"address": address["id"], "pay_method": 1})
        agent = api("GET", "/admin/api/staff/?q=agent001", token=STAFF_TOKEN)[0]
        service_role = [r for r in api("GET", "/admin/api/roles/", token=STAFF_TOKEN) if r["name"] == "订单客服"][0]
        api("PUT", "/admin/api/users/%d/roles/" % agent["id"], token=STAFF_TOKEN, body={"roles": [service_role["id"]]})
        b.click("#admin-logout")
        b.fill("#admin-username", "agent001")
        b.fill("#admin-password", "agent-password")
        b.click("#admin-login-submit")
        b.wait_text("#admin-who", "订单客服")
        b.click("#admin-nav a[href='#/orders']")
        b.select("#order-status", "待发货")
        b.fill("#order-q", shopper.mobile)
        b.click("#order-search")
        b.wait("#orders-table [data-order='%s']" % order["order_id"])
        b.check("orders found")
        b.click("#orders-table [data-order='%s']" % order["order_id"])
        b.wait_text("#order-address", "西长安街2号")
        b.fill("#order-note", "买家要求工作日送货")
        b.click("#order-note-submit")
        b.wait_text("#order-detail", "买家要求工作日送货")
        b.select("#ship-carrier", "顺丰速运")
        b.fill("#ship-tracking", "SF1234567890")
        b.click("#ship-submit")
        b.wait_text("#order-status-badge", "待收货")
        b.wait_text("#order-shipment", "SF1234567890")
        b.check("order shipped")
        shipped = api("GET", "/orders/%s/" % order["order_id"], token=token)
        self.assertEqual((shipped["status"], shipped["shipment"]["tracking_no"]), (3, "SF1234567890"))

    def test_catalog_staff_build_a_product_with_two_skus_and_pictures_that_the_storefront_shows(self):
        b, shopper = self.browser, self.shopper
        shopper.become_staff("商品运营")
        self.assertNotIn("订单", b.find("#admin-nav").text)
        b.click("#admin-nav a[href='#/catalog']")
        b.wait("#goods-table")
        b.check("catalog list")
        # Three levels of category, each under the last.
        suffix = "%04d" % random.randrange(10 ** 4)
        names = ["智能穿戴" + suffix[:2], "手表" + suffix, "儿童手表" + suffix]
        b.click("#tab-categories")
        for depth, name in enumerate(names):
            if depth:
                b.select("#category-parent", "— " * (depth - 1) + names[depth - 1])
            b.fill("#category-name", name)
            b.click("#category-save")
            b.wait("#category-table [data-category='%s']" % name)
        b.check("categories created")
        b.click("#tab-ads")
        b.wait("#ad-table [data-ad]")
        b.click("#tab-channels")
        b.wait("#channel-table [data-channel]")
        # The menu's first group named, as staff arranging it would: the name shows beside its channels.
        b.fill("#group-id", "1")
        b.fill("#group-name", "手机数码" + suffix)
        b.click("#group-save")
        b.wait_text("#toasts", "频道组已命名")
        b.wait_text("#channel-table", "手机数码" + suffix)
        b.check("home page ads and channels")
        b.click("#tab-brands")
        b.fill("#brand-name", "美多" + suffix)
        b.fill("#brand-letter", "m")
        b.click("#brand-save")
        b.wait("#brand-table [data-brand='美多%s']" % suffix)
        # A brand made by mistake, carrying nothing, is deleted (after the confirmation).
        b.fill("#brand-name", "误建" + suffix)
        b.fill("#brand-letter", "w")
        b.click("#brand-save")
        b.wait("#brand-table [data-brand='误建%s']" % suffix)
        b.accept_alerts()
        b.click("#brand-table [data-brand='误建%s'] button.text-danger" % suffix)
        b.wait_text("#toasts", "品牌已删除")
        wait_until(lambda: not b.finds("#brand-table [data-brand='误建%s']" % suffix), timeout=10, what="the deleted brand to leave the list")
        # An SPU in the new category, with two specifications.
        b.click("#tab-goods")
        b.click("#goods-new")
        goods_name = "美多儿童手表 K" + suffix
        b.fill("#goods-name", goods_name)
        b.select("#goods-brand", "M · 美多" + suffix)
        b.select("#goods-cat1", names[0])
        b.select("#goods-cat2", names[1])
        b.select("#goods-cat3", names[2])
        b.fill("#goods-desc", "<p>定位、通话、防水</p>")
        b.click("#goods-save")
        b.wait_text("#toasts", "商品已保存")
        for spec, options in (("颜色", "粉色, 蓝色"), ("版本", "标准版")):
            b.fill("#spec-name", spec)
            b.fill("#spec-options", options)
            b.click("#spec-add")
            b.wait("#spec-list [data-spec='%s']" % spec)
        b.check("spu with specs")
        # Two SKUs, each with an uploaded picture (previewed before it is sent).
        skus = []
        for colour, shade, price in (("粉色", (240, 120, 170), "499.00"), ("蓝色", (60, 120, 230), "529.00")):
            b.click("#sku-new")
            b.fill("#sku-name", "%s %s 标准版" % (goods_name, colour))
            b.select("#sku-option-0", colour)
            b.select("#sku-option-1", "标准版")
            b.fill("#sku-price", price)
            b.fill("#sku-stock", "20")
            b.click("#sku-save")
            b.wait_text("#toasts", "可以上传图片")
            b.wait("#sku-pictures")
            b.find("#sku-picture").send_keys(write_png(shade))
            b.wait("#sku-picture-preview")
            b.click("#sku-picture-upload")
            b.wait("#sku-pictures [data-image]")
            sku_id = int(b.find("#sku-editor h2").text.split()[-1])
            skus.append((sku_id, colour, price))
        b.wait_text("#sku-table", "蓝色")
        self.assertEqual(len(b.finds("#sku-table tbody tr")), 2)
        b.check("two skus with pictures")
        # The storefront: the new category's list shows both, each detail page its picture and both colours.
        category_id = [c for c in api("GET", "/admin/api/categories/", token=STAFF_TOKEN) if c["name"] == names[2]][0]["id"]
        b.visit("/list.html?cat=%d" % category_id)
        for sku_id, colour, price in skus:
            b.wait("a[href='/goods/%d.html']" % sku_id)
        b.wait_text("body", names[2])
        b.check("storefront list")
        for sku_id, colour, price in skus:
            wait_until(lambda: page_exists(sku_id), timeout=30, what="the detail page of SKU %d" % sku_id)
            b.visit("/goods/%d.html" % sku_id)
            b.wait_text("body", colour)
            b.wait_text("body", price)
            src = b.driver.execute_script("return document.querySelector('img[src*=\"/goods/\"]').src")
            self.assertRegex(src, r"/media/goods/\d{4}/\d{2}/[0-9a-f-]+\.png$")
            b.check("storefront detail %s" % colour)

    def test_auction_staff_schedule_a_session_with_a_pictured_lot_and_watch_it_go_live(self):
        b, shopper = self.browser, self.shopper
        shopper.become_staff("拍卖运营")
        b.click("#admin-nav a[href='#/auctions']")
        b.wait("#auction-new")
        b.check("auction sessions")
        # A session: preview open now, bidding in 25 seconds, ending in 10 minutes (the pickers, to the second).
        b.click("#auction-new")
        title = "秋季珍藏专场 %04d" % random.randrange(10 ** 4)
        b.fill("#auction-title", title)
        set_local_time = """
            var d = new Date(Date.now() + arguments[1] * 1000), p = n => (n < 10 ? '0' : '') + n;
            var input = document.querySelector(arguments[0]);
            input.value = d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + 'T' + p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds());
            input.dispatchEvent(new Event('input'));"""
        for css, seconds in (("#auction-preview", -5), ("#auction-start", 25), ("#auction-end", 600)):
            b.driver.execute_script(set_local_time, css, seconds)
        b.click("#auction-save")
        b.wait_text("#toasts", "专场已创建")
        b.wait_text("#auction-status", "预展中")
        # A lot, with a photo (replacing the drawn cover) and its particulars.
        b.fill("#lot-uid", "Q-001")
        b.fill("#lot-title", "清代青花缠枝莲纹瓶")
        b.fill("#lot-start", "1000")
        b.fill("#lot-unit", "100")
        b.click("#lot-add")
        b.wait_text("#lot-detail", "清代青花缠枝莲纹瓶")
        b.find("#lot-picture").send_keys(write_png((30, 70, 160)))
        b.wait_text("#toasts", "图片已上传")
        b.wait("#lot-detail .lot-picture")
        b.fill("#lot-specs", "年代：清代\n尺寸：高 32 cm")
        b.click("#lot-specs-save")
        b.wait_text("#toasts", "拍品参数已保存")
        # Before anyone bids, the lot's terms may change: a higher start and a reserve; no bids listed yet.
        b.wait_text("#lot-bids", "还没有出价")
        b.fill("#lot-edit-start_price", "1200")
        b.fill("#lot-edit-reserve_price", "1500")
        b.click("#lot-edit-save")
        b.wait_text("#toasts", "拍品已保存")
        b.wait_text("#lot-table", "¥1200.00")
        b.check("session with a lot")
        # On the clock: the page, reading the session every few seconds, shows it open for bidding.
        b.wait_text("#auction-status", "拍卖中", timeout=60)
        b.wait_text("#lot-table", "拍卖中")
        b.check("session live")
        # The storefront shows the session live, with the lot's photo.
        session_id = [s for s in api("GET", "/auctions/") if s["title"] == title][0]["id"]
        b.visit("/auction.html?id=%d" % session_id)
        b.wait_text("body", "清代青花缠枝莲纹瓶")
        b.wait_text("body", "拍卖中")
        covers = b.driver.execute_script("return Array.from(document.images).map(i => i.src).filter(s => s.indexOf('/media/auctions/') >= 0)")
        self.assertTrue(any(c.endswith(".png") for c in covers), covers)
        b.check("storefront session live")

    def test_addresses_password_change_and_forgotten_password(self):
        b, shopper = self.browser, self.shopper
        shopper.register()
        # An address with the cascading selects, made the default.
        b.visit("/user_center_site.html")
        b.click("#new-address")
        b.fill("#addr-receiver", "王五")
        b.fill("#addr-mobile", shopper.mobile)
        b.select("#addr-province", "上海市")
        b.select("#addr-city", "上海市")
        b.select("#addr-district", index=2)
        b.fill("#addr-place", "南京东路100号")
        b.click("#addr-save")
        b.wait_text("main", "南京东路100号")
        b.check("address saved")
        # A new password, then logging in with it.
        b.visit("/user_center_pass.html")
        b.fill("#old_password", shopper.password)
        b.fill("#password", "newpassword1")
        b.fill("#password2", "newpassword1")
        b.click("#save-password")
        b.wait_url("/login.html", timeout=20)
        shopper.password = "newpassword1"
        b.allow(400, r"/authorizations/")
        b.fill("#username", shopper.username)
        b.fill("#password", "password123")
        b.click("#login-submit")
        b.wait_text(".alert-danger", "用户名或密码错误")
        b.check("old password refused")
        shopper.login()
        b.check("logged in with the new password")
        # The forgotten-password flow: account and captcha, SMS code, new password.
        shopper.logout()
        b.visit("/find_password.html")
        b.fill("#account", shopper.username)
        captcha_id = b.find("#captcha").get_attribute("src").rstrip("/").split("/")[-1]
        b.fill("#image_code", captcha_answer(captcha_id))
        b.click("#step1-submit")
        b.wait("#masked-mobile")
        time.sleep(61)  # an SMS went to this mobile at sign-up: one a minute
        mark = log_mark()
        b.click("#send-sms")
        b.wait_text("#send-sms", "秒后重新获取")
        b.fill("#sms_code", sms_code(shopper.mobile, since=mark))
        b.click("#step2-submit")
        b.fill("#password", "thirdpassword")
        b.fill("#password2", "thirdpassword")
        b.click("#step3-submit")
        b.wait("#reset-done")
        b.check("password reset")
        shopper.login(password="thirdpassword")
        b.check("logged in after the reset")

    def test_alipay_login_binds_a_new_account_then_signs_straight_in(self):
        b, mobile = self.browser, unique_mobile()
        # 使用支付宝登录 → Alipay's authorisation page (the local fake checks our app id and scope) → 同意.
        b.visit("/login.html?next=/user_center_info.html")
        b.click("#alipay-login")
        b.wait("#agree")
        b.check("alipay authorisation page")
        b.click("#agree")
        # Back at the shop with an auth_code: the buyer is new here, so they bind a mobile (a new account).
        b.wait_url("/oauth_callback.html")
        b.wait("#bind-submit")
        b.wait_text("main", "首次使用支付宝登录")
        b.fill("#mobile", mobile)
        b.fill("#password", "password123")
        captcha_id = b.find("#captcha").get_attribute("src").rstrip("/").split("/")[-1]
        b.fill("#image_code", captcha_answer(captcha_id))
        mark = log_mark()
        b.click("#send-sms")
        b.wait_text("#send-sms", "秒后重新获取")
        b.fill("#sms_code", sms_code(mobile, since=mark))
        b.check("binding form filled")
        b.click("#bind-submit")
        b.wait_url("/user_center_info.html")
        b.wait_text("#site-header", mobile)
        b.check("bound and signed in")
        # Next time the same Alipay buyer signs straight in.
        self.shopper.logout()
        b.visit("/login.html")
        b.click("#alipay-login")
        b.click("#agree")
        b.wait_url("/", timeout=20)
        b.wait_text("#site-header", mobile)
        b.check("signed straight in with alipay")

    def test_community_publish_two_pictures_like_from_another_account_and_reply(self):
        b, author = self.browser, self.shopper
        author.register()
        # The feed next to the auctions: the demo collectors' posts.
        b.visit("/community.html")
        b.wait("#feed [data-news]")
        b.check("community feed")
        # Publish: words, a topic and two pictures, each previewed as it uploads.
        b.click("#new-post")
        b.wait_url("/community_post.html")
        b.fill("#content", "第一次来社区，晒两张刚拍的藏品")
        b.select("#topic", "#翡翠玉石")
        first, second = write_png((200, 60, 60)), write_png((60, 120, 200))
        b.find("#pictures").send_keys(first + "\n" + second)
        wait_until(lambda: len(b.finds("#thumbs [data-picture] img:not(.opacity-50)")) == 2, what="two uploaded pictures")
        b.check("two pictures previewed")
        b.click("#publish")
        b.wait_url("/community_news.html")
        wait_until(lambda: len(b.finds("#pictures img")) == 2, what="the post's two pictures")
        news_url = b.driver.current_url
        # The author starts the conversation under the post.
        b.fill("#comment-input", "欢迎大家点评")
        b.click("#send-comment")
        b.wait_text("#comments", "欢迎大家点评")
        b.check("published with a comment")
        b.visit("/community.html")
        b.wait_text("#feed [data-news]", "第一次来社区，晒两张刚拍的藏品")
        b.check("the post in the feed")
        # Another account likes it and replies to the comment.
        author.logout()
        fan = Shopper(b)
        fan.register()
        b.driver.get(news_url)
        b.wait("#favor")
        b.click("#favor")
        b.wait_text("#favor-count", "1")
        b.wait_text("#favor-users", fan.username)
        b.click("#comments [data-comment] [data-reply]")
        b.wait_text("#reply-target", author.username)
        b.fill("#comment-input", "颜色很正，恭喜入手")
        b.click("#send-comment")
        b.wait_text(".community-reply", "颜色很正，恭喜入手")
        b.check("liked and replied")
        # The author's page counts it all.
        b.driver.get(news_url)
        b.wait_text("#comments h2", "评论 2")
        b.check("two comments")
        # A 拍卖运营 (community.write) hides the reply from the back office; the post's page no longer shows it.
        fan.logout()
        moderator = Shopper(b)
        moderator.become_staff("拍卖运营")
        b.click("#admin-nav a[href='#/community']")
        b.wait_text("#community-news", "第一次来社区，晒两张刚拍的藏品")
        b.click("#community-news tbody tr[data-news] .btn-link")
        b.wait_text("#community-news", "颜色很正，恭喜入手")
        rows = [r for r in b.finds("#community-news [data-comment]") if "颜色很正" in r.text]
        rows[0].find_element("css selector", "[data-hide-comment]").click()
        b.wait_text("#community-news", "已隐藏")
        b.check("reply hidden by staff")
        b.driver.get(news_url)
        b.wait_text("#comments", "欢迎大家点评")
        wait_until(lambda: "颜色很正" not in b.find("#comments").text, what="the hidden reply gone")


if __name__ == "__main__":
    unittest.main(verbosity=2)
