"""A local stand-in for Alipay's open platform gateway (gateway.do), checking requests as Alipay does.

Every request (GET query and/or form POST) must carry app_id, method, format=JSON, charset=utf-8,
sign_type=RSA2, a current China-time timestamp "yyyy-MM-dd HH:mm:ss", version=1.0, biz_content (JSON)
and sign: SHA256withRSA (PKCS#1 v1.5, base64) by the app's private key over every other non-empty
parameter sorted by key as "k=v&k=v". Refusals of the common parameters are answered unsigned, as
Alipay does; business answers are signed with Alipay's private key over the raw JSON of
"<method>_response", sent as {"<method>_response": {...}, "sign": "..."}.

Login: /oauth2/publicAppAuthorize.htm (the 网页授权 page; 同意 sends the browser back to redirect_uri with a fresh
auth_code and the state), alipay.system.oauth.token (grant_type=authorization_code, code from --auth-users, each usable once; refusals
as a signed "error_response") and alipay.user.info.share (auth_token issued by the former).

Methods: alipay.trade.query (out_trade_no or trade_no) and alipay.trade.refund (refund_amount,
out_request_no; a repeated out_request_no answers fund_change=N and refunds nothing more).
Trades come from --trades, a JSON file {out_trade_no: {trade_no, total_amount, trade_status}} re-read
on every request. Each request is appended to --out as a JSON line. Prints "READY <port>".

alipay.trade.page.pay (a shopper's browser sent to the gateway with the signed request) answers a cashier page
(收银台) once the request checks out; its 确认付款 button marks the trade paid in --trades and sends the browser
back to the request's return_url with the fields Alipay's synchronous return carries, signed with Alipay's key.
"""
import argparse
import base64
import datetime
import html
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

CHINA = datetime.timezone(datetime.timedelta(hours=8))
REQUIRED = ("app_id", "method", "format", "charset", "sign_type", "timestamp", "version", "sign")
# The login methods take their arguments as common parameters, without biz_content.
WITHOUT_BIZ = ("alipay.system.oauth.token", "alipay.user.info.share")
LOCK = threading.Lock()
REFUNDS = {}  # out_request_no -> (out_trade_no, cents)


def cents(text):
    whole, _, frac = text.partition(".")
    return int(whole) * 100 + int((frac + "00")[:2])


class Refusal(Exception):
    def __init__(self, code, msg, sub_code, sub_msg, signed=True):
        super().__init__(sub_msg)
        self.body = {"code": code, "msg": msg, "sub_code": sub_code, "sub_msg": sub_msg}
        self.signed = signed


def invalid(sub_code, sub_msg):
    return Refusal("40002", "Invalid Arguments", sub_code, sub_msg, signed=False)


def check_common(args, params):
    required = REQUIRED if params.get("method") in WITHOUT_BIZ else REQUIRED + ("biz_content",)
    missing = [k for k in required if not params.get(k)]
    if missing:
        raise invalid("isv.missing-parameter", "missing %s" % ",".join(missing))
    if params["app_id"] != args.app_id:
        raise invalid("isv.invalid-app-id", "无效的AppID参数")
    if (params["format"], params["charset"], params["sign_type"], params["version"]) != ("JSON", "utf-8", "RSA2", "1.0"):
        raise invalid("isv.invalid-parameter", "format/charset/sign_type/version")
    try:
        sent = datetime.datetime.strptime(params["timestamp"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=CHINA)
    except ValueError:
        raise invalid("isv.invalid-timestamp", "timestamp format")
    if abs(datetime.datetime.now(CHINA) - sent) > datetime.timedelta(minutes=10):
        raise invalid("isv.invalid-timestamp", "timestamp is not the current China time")
    content = "&".join("%s=%s" % (k, v) for k, v in sorted(params.items()) if k != "sign" and v != "")
    try:
        args.app_public_key.verify(base64.b64decode(params["sign"]), content.encode("utf-8"),
                                   padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError):
        raise invalid("isv.invalid-signature", "验签出错")
    try:
        return json.loads(params.get("biz_content") or "{}")
    except ValueError:
        raise invalid("isv.invalid-parameter", "biz_content is not JSON")


def find_trade(args, biz):
    with open(args.trades, encoding="utf-8") as f:
        trades = json.load(f)
    for out_trade_no, trade in trades.items():
        if biz.get("out_trade_no") == out_trade_no or (biz.get("trade_no") and biz.get("trade_no") == trade["trade_no"]):
            return out_trade_no, trade
    raise Refusal("40004", "Business Failed", "ACQ.TRADE_NOT_EXIST", "交易不存在")


def trade_query(args, biz):
    out_trade_no, trade = find_trade(args, biz)
    return {"code": "10000", "msg": "Success", "out_trade_no": out_trade_no, "trade_no": trade["trade_no"],
            "trade_status": trade["trade_status"], "total_amount": trade["total_amount"],
            "buyer_logon_id": "cus***@sandbox.com", "buyer_pay_amount": "0.00", "point_amount": "0.00"}


def trade_refund(args, biz):
    out_trade_no, trade = find_trade(args, biz)
    request_no, amount = biz.get("out_request_no"), biz.get("refund_amount")
    if not request_no or not amount:
        raise Refusal("40002", "Invalid Arguments", "isv.missing-parameter", "out_request_no/refund_amount")
    if trade["trade_status"] not in ("TRADE_SUCCESS", "TRADE_FINISHED"):
        raise Refusal("40004", "Business Failed", "ACQ.TRADE_STATUS_ERROR", "交易状态不合法")
    with LOCK:
        fund_change = "N"
        if request_no not in REFUNDS:
            refunded = sum(c for o, c in REFUNDS.values() if o == out_trade_no)
            if refunded + cents(amount) > cents(trade["total_amount"]):
                raise Refusal("40004", "Business Failed", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限")
            REFUNDS[request_no] = (out_trade_no, cents(amount))
            fund_change = "Y"
        total = sum(c for o, c in REFUNDS.values() if o == out_trade_no)
    return {"code": "10000", "msg": "Success", "out_trade_no": out_trade_no, "trade_no": trade["trade_no"],
            "buyer_logon_id": "cus***@sandbox.com", "fund_change": fund_change,
            "refund_fee": "%d.%02d" % divmod(total, 100), "send_back_fee": "0.00"}


TOKENS = {}  # access token -> the buyer it was issued for
USED_CODES = set()
GRANTED = {}  # auth codes given on the authorisation page -> the buyer


def authorize_page(args, query):
    """Alipay's 网页授权 page (publicAppAuthorize.htm): checks the app and scope, asks the buyer to agree."""
    if query.get("app_id") != args.app_id or query.get("scope") != "auth_user" or not query.get("redirect_uri", "").startswith("http"):
        return 400, "<p>invalid app_id, scope or redirect_uri</p>"
    agree = "/oauth2/agree?" + urlencode(query)
    return 200, ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>支付宝授权（测试）</title></head><body>"
                 "<h1>支付宝授权（测试）</h1><p>美多商城 申请获取你的支付宝会员信息（头像、昵称）</p>"
                 "<form method=\"post\" action=\"%s\"><button id=\"agree\" type=\"submit\">同意</button></form></body></html>") % html.escape(agree)


def authorize_agree(args, query):
    """The buyer agreed: a one-time auth_code goes back to the redirect_uri with the state."""
    code = "AUTH" + uuid.uuid4().hex
    with LOCK:
        GRANTED[code] = {"user_id": args.login_buyer, "nick_name": "沙箱买家"}
    uri = query["redirect_uri"]
    back = {"app_id": args.app_id, "source": "alipay_wallet", "scope": "auth_user", "auth_code": code, "state": query.get("state", "")}
    return uri + ("&" if "?" in uri else "?") + urlencode(back)


class ErrorResponse(Refusal):
    """alipay.system.oauth.token answers refusals under "error_response" (signed), not under its own key."""


def oauth_token(args, biz, params):
    if params.get("grant_type") != "authorization_code" or not params.get("code"):
        raise ErrorResponse("40002", "Invalid Arguments", "isv.grant-type-invalid", "grant_type/code")
    users = {}
    if args.auth_users:
        with open(args.auth_users, encoding="utf-8") as f:
            users = json.load(f)
    code = params["code"]
    users.update(GRANTED)
    with LOCK:
        if code not in users or code in USED_CODES:
            raise ErrorResponse("40002", "Invalid Arguments", "isv.code-invalid", "授权码code无效")
        USED_CODES.add(code)
        token = "authusrB" + uuid.uuid4().hex
        TOKENS[token] = users[code]
    return {"user_id": users[code]["user_id"], "access_token": token, "expires_in": 1296000,
            "refresh_token": "authusrB" + uuid.uuid4().hex, "re_expires_in": 2592000, "auth_start": "2026-12-01 10:00:00"}


def user_info_share(args, biz, params):
    buyer = TOKENS.get(params.get("auth_token", ""))
    if buyer is None:
        raise Refusal("20001", "Insufficient Token Permissions", "aop.invalid-auth-token", "无效的访问令牌")
    return {"code": "10000", "msg": "Success", "user_id": buyer["user_id"], "nick_name": buyer.get("nick_name", ""),
            "avatar": buyer.get("avatar", ""), "gender": "F", "province": "北京市", "city": "北京市"}


METHODS = {"alipay.trade.query": trade_query, "alipay.trade.refund": trade_refund,
           "alipay.system.oauth.token": oauth_token, "alipay.user.info.share": user_info_share}
PAGES = {}  # cashier id -> the checked page.pay request


def cashier_page(args, params, biz):
    """The cashier for a checked page.pay request: what the shopper sees before paying."""
    cashier = uuid.uuid4().hex
    PAGES[cashier] = {"params": params, "biz": biz}
    return ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>支付宝收银台（测试）</title></head>"
            "<body><h1>支付宝收银台（测试）</h1><p>%s</p><p>订单号 <span id=\"out-trade-no\">%s</span></p>"
            "<p>应付 <strong id=\"total-amount\">%s</strong> 元</p>"
            "<form method=\"post\" action=\"/cashier/%s/pay\"><button id=\"confirm-pay\" type=\"submit\">确认付款</button></form>"
            "</body></html>") % (html.escape(biz.get("subject", "")), html.escape(biz.get("out_trade_no", "")),
                                 html.escape(biz.get("total_amount", "")), cashier)


def cashier_pay(args, cashier):
    """Marks the trade paid and gives the signed return URL the browser goes back to."""
    page = PAGES.pop(cashier)
    biz, params = page["biz"], page["params"]
    trade_no = "2026%016d" % (uuid.uuid4().int % 10 ** 16)
    with LOCK:
        with open(args.trades, encoding="utf-8") as f:
            trades = json.load(f)
        trades[biz["out_trade_no"]] = {"trade_no": trade_no, "total_amount": biz["total_amount"], "trade_status": "TRADE_SUCCESS"}
        with open(args.trades, "w", encoding="utf-8") as f:
            json.dump(trades, f)
    fields = {"charset": "utf-8", "out_trade_no": biz["out_trade_no"], "method": "alipay.trade.page.pay.return",
              "total_amount": biz["total_amount"], "trade_no": trade_no, "auth_app_id": args.app_id, "version": "1.0",
              "app_id": args.app_id, "seller_id": "2088102175868026",
              "timestamp": datetime.datetime.now(CHINA).strftime("%Y-%m-%d %H:%M:%S")}
    content = "&".join("%s=%s" % (k, v) for k, v in sorted(fields.items()))
    fields["sign"] = base64.b64encode(args.alipay_private_key.sign(content.encode("utf-8"), padding.PKCS1v15(), hashes.SHA256())).decode()
    fields["sign_type"] = "RSA2"
    return params["return_url"] + "?" + urlencode(fields)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_):
        pass

    def send_body(self, status, content_type, data, location=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(data)

    def respond(self):
        args = self.server.args
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        path = urlsplit(self.path).path
        query = dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))
        if path == "/oauth2/publicAppAuthorize.htm":
            status, page = authorize_page(args, query)
            return self.send_body(status, "text/html;charset=utf-8", page.encode("utf-8"))
        if path == "/oauth2/agree":
            return self.send_body(302, "text/plain;charset=utf-8", b"", location=authorize_agree(args, query))
        if path.startswith("/cashier/") and path.endswith("/pay"):
            cashier = path.split("/")[2]
            if cashier not in PAGES:
                return self.send_body(404, "text/plain;charset=utf-8", "no such cashier".encode())
            return self.send_body(302, "text/plain;charset=utf-8", b"", location=cashier_pay(args, cashier))
        params = dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))
        params.update(parse_qsl(body, keep_blank_values=True))
        method = params.get("method", "")
        key = method.replace(".", "_") + "_response"
        record = {"method": method, "params": params}
        try:
            biz = check_common(args, params)
            record["biz"] = biz
            if method == "alipay.trade.page.pay":
                with LOCK, open(args.out, "a", encoding="utf-8") as f:
                    f.write(json.dumps(record, ensure_ascii=False) + "\n")
                return self.send_body(200, "text/html;charset=utf-8", cashier_page(args, params, biz).encode("utf-8"))
            if method not in METHODS:
                raise invalid("isv.invalid-method", "不存在的方法名")
            handler = METHODS[method]
            answer = handler(args, biz, params) if method in WITHOUT_BIZ else handler(args, biz)
            signed = True
        except ErrorResponse as refusal:
            answer, signed, key = refusal.body, True, "error_response"
        except Refusal as refusal:
            answer, signed = refusal.body, refusal.signed
        record.update(code=answer.get("code", "10000"), sub_code=answer.get("sub_code"))
        inner = json.dumps(answer, ensure_ascii=False, separators=(",", ":"))
        reply = '{"%s":%s' % (key, inner)
        if signed:
            sign = base64.b64encode(args.alipay_private_key.sign(inner.encode("utf-8"), padding.PKCS1v15(), hashes.SHA256()))
            if args.tamper:
                reply = reply.replace('"msg":"Success"', '"msg":"Success!"')
            reply += ',"sign":"%s"' % sign.decode()
        reply = (reply + "}").encode("utf-8")
        with LOCK, open(args.out, "a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.send_response(args.http_status)
        self.send_header("Content-Type", "text/html;charset=utf-8")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    do_GET = do_POST = respond


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--out", required=True)
    parser.add_argument("--app-id", required=True)
    parser.add_argument("--app-public-key", required=True, help="PEM file: the app's public key")
    parser.add_argument("--alipay-private-key", required=True, help="PEM file: the key Alipay signs answers with")
    parser.add_argument("--trades", required=True)
    parser.add_argument("--login-buyer", default="2088102177846880", help="the buyer who agrees on the authorisation page")
    parser.add_argument("--auth-users", help="JSON file {auth_code: {user_id, nick_name, avatar}}: buyers who authorised the app")
    parser.add_argument("--tamper", action="store_true", help="alter signed answers after signing")
    parser.add_argument("--http-status", type=int, default=200)
    args = parser.parse_args()
    with open(args.app_public_key, "rb") as f:
        args.app_public_key = serialization.load_pem_public_key(f.read())
    with open(args.alipay_private_key, "rb") as f:
        args.alipay_private_key = serialization.load_pem_private_key(f.read(), password=None)

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.args = args
    print("READY %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
