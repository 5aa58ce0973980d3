"""A local stand-in for WeChat Pay API v3 (api.mch.weixin.qq.com), checking requests as WeChat Pay does.

POST /v3/pay/transactions/native must carry
  Authorization: WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"
with mchid and serial_no those of the merchant, a timestamp within 5 minutes, and a SHA256withRSA
(PKCS#1 v1.5, base64) signature by the merchant key over "POST\\n<path?query>\\n<timestamp>\\n<nonce>\\n<body>\\n";
Accept and Content-Type application/json and a User-Agent. The JSON body needs appid, mchid,
description (1-127 bytes), out_trade_no (6-32 of [0-9A-Za-z_-|*]), notify_url (absolute, no query) and
amount {total: integer cents > 0, currency: "CNY"}. Answers, success or refusal, are signed with the platform
key in Wechatpay-Timestamp/-Nonce/-Signature/-Serial over "timestamp\\nnonce\\nbody\\n".

POST /_test/notification {out_trade_no, transaction_id, trade_state?, total?} builds the notification WeChat
Pay would POST to that order's notify_url: the transaction encrypted with AEAD_AES_256_GCM under the APIv3 key
and the whole body signed as above. Answers {notify_url, headers, body}; the test delivers it.
POST /v3/refund/domestic/refunds (signed as above) needs transaction_id or out_trade_no of an order the fake
has notified as paid, out_refund_no (1-64 of [0-9A-Za-z_-|*@]), amount {refund > 0, total = the order's total,
currency CNY}; the refunds of an order may not exceed its total; a repeated out_refund_no answers the refund it
names (and refunds nothing more). A new refund answers status PROCESSING; GET /v3/refund/domestic/refunds/<no>
(signed over "GET\\n<path>\\n<timestamp>\\n<nonce>\\n\\n") then answers SUCCESS, as WeChat does once the money is back
(PROCESSING while POST /_test/hold_refunds {"hold": true}); POST /_test/refund_notification {out_refund_no,
refund_status?, refund?} builds the REFUND.<status> notice for the refund's notify_url, as /_test/notification does.
GET /v3/pay/transactions/out-trade-no/<no>?mchid= (查询订单) answers the order's transaction: SUCCESS once notified as
paid, NOTPAY before, 404 ORDER_NOT_EXIST for a number never ordered.
Each request is appended to --out as a JSON line. Prints "READY <port>".
"""
import argparse
import base64
import datetime
import json
import re
import secrets
import string
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

LOCK = threading.Lock()
ORDERS = {}  # out_trade_no -> (request body, code_url)
PAID = {}  # transaction_id -> out_trade_no, for the orders notified as paid
REFUNDS = {}  # out_refund_no -> refund answer
REFUND_NOTIFY = {}  # out_refund_no -> the notify_url the refund request gave
HOLD = {"refunds": False}  # while true, refunds stay PROCESSING when asked about (WeChat finishes them later)
AUTH = re.compile(r'^WECHATPAY2-SHA256-RSA2048 (.*)$')
PAIR = re.compile(r'(\w+)="([^"]*)"')
OUT_TRADE_NO = re.compile(r'^[0-9A-Za-z_\-|*]{6,32}$')


class Refusal(Exception):
    def __init__(self, status, code, message):
        super().__init__(message)
        self.status, self.body = status, {"code": code, "message": message}


def nonce(n=32):
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(n))


def sign_answer(args, body):
    ts, nc = str(int(time.time())), nonce()
    signature = args.platform_key.sign(("%s\n%s\n%s\n" % (ts, nc, body)).encode(), padding.PKCS1v15(), hashes.SHA256())
    return {"Wechatpay-Timestamp": ts, "Wechatpay-Nonce": nc, "Wechatpay-Signature": base64.b64encode(signature).decode(),
            "Wechatpay-Serial": args.platform_serial, "Request-ID": nonce(16)}


def check_request(args, headers, path, raw, method="POST"):
    match = AUTH.match(headers.get("Authorization") or "")
    if not match:
        raise Refusal(401, "SIGN_ERROR", "Authorization 缺失或认证类型错误")
    auth = dict(PAIR.findall(match.group(1)))
    if set(auth) != {"mchid", "nonce_str", "signature", "timestamp", "serial_no"}:
        raise Refusal(401, "SIGN_ERROR", "Authorization 参数不全: %s" % sorted(auth))
    if auth["mchid"] != args.mch_id or auth["serial_no"] != args.merchant_serial:
        raise Refusal(401, "SIGN_ERROR", "商户号或证书序列号错误")
    if not auth["timestamp"].isdigit() or abs(time.time() - int(auth["timestamp"])) > 300:
        raise Refusal(401, "SIGN_ERROR", "时间戳过期")
    if not (1 <= len(auth["nonce_str"]) <= 32 and auth["nonce_str"].isalnum()):
        raise Refusal(401, "SIGN_ERROR", "nonce_str 不合法")
    message = "%s\n%s\n%s\n%s\n%s\n" % (method, path, auth["timestamp"], auth["nonce_str"], raw)
    try:
        args.merchant_key.verify(base64.b64decode(auth["signature"], validate=True), message.encode(), padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError):
        raise Refusal(401, "SIGN_ERROR", "签名错误")
    if "application/json" not in (headers.get("Accept") or "") or (method == "POST" and not (headers.get("Content-Type") or "").startswith("application/json")):
        raise Refusal(400, "PARAM_ERROR", "Accept/Content-Type 须为 application/json")
    if not headers.get("User-Agent"):
        raise Refusal(400, "PARAM_ERROR", "缺少 User-Agent")
    if method == "GET":
        return None
    try:
        return json.loads(raw)
    except ValueError:
        raise Refusal(400, "PARAM_ERROR", "请求体不是 JSON")


def check_native(args, body):
    if not isinstance(body, dict):
        raise Refusal(400, "PARAM_ERROR", "请求体不是对象")
    for key in ("appid", "mchid", "description", "out_trade_no", "notify_url", "amount"):
        if key not in body:
            raise Refusal(400, "PARAM_ERROR", "缺少参数 %s" % key)
    if body["mchid"] != args.mch_id or body["appid"] != args.app_id:
        raise Refusal(400, "PARAM_ERROR", "appid和mch_id不匹配")
    if not isinstance(body["description"], str) or not 1 <= len(body["description"].encode()) <= 127:
        raise Refusal(400, "PARAM_ERROR", "description 长度不合法")
    if not isinstance(body["out_trade_no"], str) or not OUT_TRADE_NO.match(body["out_trade_no"]):
        raise Refusal(400, "PARAM_ERROR", "out_trade_no 不合法")
    url = urlsplit(body["notify_url"]) if isinstance(body["notify_url"], str) else None
    if not url or url.scheme not in ("http", "https") or not url.netloc or url.query:
        raise Refusal(400, "PARAM_ERROR", "notify_url 不合法")
    amount = body["amount"]
    if not isinstance(amount, dict) or type(amount.get("total")) is not int or amount["total"] < 1 or amount.get("currency", "CNY") != "CNY":
        raise Refusal(400, "PARAM_ERROR", "amount 不合法")
    with LOCK:
        known = ORDERS.get(body["out_trade_no"])
        if known and known[0] != body:
            raise Refusal(400, "INVALID_REQUEST", "201 商户订单号重复")
        if not known:
            ORDERS[body["out_trade_no"]] = known = (body, "weixin://wxpay/bizpayurl?pr=" + nonce(9))
    return {"code_url": known[1]}


OUT_REFUND_NO = re.compile(r'^[0-9A-Za-z_\-|*@]{1,64}$')


def check_refund(body):
    if not isinstance(body, dict):
        raise Refusal(400, "PARAM_ERROR", "请求体不是对象")
    no = body.get("out_refund_no")
    if not isinstance(no, str) or not OUT_REFUND_NO.match(no):
        raise Refusal(400, "PARAM_ERROR", "out_refund_no 不合法")
    notify = body.get("notify_url")
    if notify is not None:
        url = urlsplit(notify) if isinstance(notify, str) else None
        if not url or url.scheme not in ("http", "https") or not url.netloc or url.query:
            raise Refusal(400, "PARAM_ERROR", "notify_url 不合法")
    amount = body.get("amount")
    if not isinstance(amount, dict) or type(amount.get("refund")) is not int or type(amount.get("total")) is not int \
            or amount["refund"] < 1 or amount.get("currency") != "CNY":
        raise Refusal(400, "PARAM_ERROR", "amount 不合法")
    with LOCK:
        if no in REFUNDS:
            return REFUNDS[no]
        out_trade_no = PAID.get(body.get("transaction_id")) if body.get("transaction_id") else body.get("out_trade_no")
        known = ORDERS.get(out_trade_no)
        if not known or out_trade_no not in PAID.values():
            raise Refusal(404, "RESOURCE_NOT_EXISTS", "订单不存在")
        total = known[0]["amount"]["total"]
        if amount["total"] != total:
            raise Refusal(400, "PARAM_ERROR", "订单金额与退款金额不匹配")
        refunded = sum(r["amount"]["refund"] for r in REFUNDS.values() if r["out_trade_no"] == out_trade_no)
        if refunded + amount["refund"] > total:
            raise Refusal(403, "NOT_ENOUGH", "申请退款金额超过订单可退金额")
        transaction_id = next(t for t, o in PAID.items() if o == out_trade_no)
        REFUNDS[no] = {"refund_id": "50" + nonce(18), "out_refund_no": no, "transaction_id": transaction_id,
                       "out_trade_no": out_trade_no, "channel": "ORIGINAL", "user_received_account": "支付用户零钱",
                       "create_time": datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).isoformat(timespec="seconds"),
                       "status": "PROCESSING", "funds_account": "AVAILABLE",
                       "amount": {"total": total, "refund": amount["refund"], "payer_total": total, "payer_refund": amount["refund"],
                                  "settlement_refund": amount["refund"], "settlement_total": total, "discount_refund": 0,
                                  "currency": "CNY"}}
        if notify:
            REFUND_NOTIFY[no] = notify
        return REFUNDS[no]


def query_refund(no):
    with LOCK:
        refund = REFUNDS.get(no)
        if not refund:
            raise Refusal(404, "RESOURCE_NOT_EXISTS", "退款单不存在")
        if not HOLD["refunds"]:
            refund["status"] = "SUCCESS"
        return refund


def query_transaction(args, no, query):
    """查询订单 by out_trade_no: SUCCESS once notified as paid, NOTPAY before."""
    if query.get("mchid") != args.mch_id:
        raise Refusal(400, "PARAM_ERROR", "mchid 不匹配")
    with LOCK:
        known = ORDERS.get(no)
        paid = next((t for t, o in PAID.items() if o == no), None)
    if not known:
        raise Refusal(404, "ORDER_NOT_EXIST", "订单不存在")
    order = known[0]
    answer = {"appid": args.app_id, "mchid": args.mch_id, "out_trade_no": no, "trade_type": "NATIVE",
              "trade_state": "SUCCESS" if paid else "NOTPAY", "trade_state_desc": "支付成功" if paid else "订单未支付",
              "amount": {"total": order["amount"]["total"], "currency": "CNY"}}
    if paid:
        answer.update(transaction_id=paid, bank_type="OTHERS", payer={"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},
                      success_time=datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).isoformat(timespec="seconds"))
        answer["amount"].update(payer_total=order["amount"]["total"], payer_currency="CNY")
    return answer


def sealed_notice(args, event_type, summary, original_type, payload):
    iv, aad = nonce(12), original_type
    sealed = AESGCM(args.api_v3_key.encode()).encrypt(iv.encode(), json.dumps(payload, ensure_ascii=False).encode(), aad.encode())
    now = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).isoformat(timespec="seconds")
    body = json.dumps({"id": "EV-" + nonce(20), "create_time": now, "resource_type": "encrypt-resource",
                       "event_type": event_type, "summary": summary,
                       "resource": {"original_type": original_type, "algorithm": "AEAD_AES_256_GCM",
                                    "ciphertext": base64.b64encode(sealed).decode(), "associated_data": aad, "nonce": iv}},
                      ensure_ascii=False)
    headers = sign_answer(args, body)
    headers["Wechatpay-Signature-Type"] = "WECHATPAY2-SHA256-RSA2048"
    return headers, body


def refund_notification(args, request):
    """The notice WeChat Pay POSTs to a refund's notify_url once it ends (SUCCESS, ABNORMAL or CLOSED)."""
    no, status = request.get("out_refund_no"), request.get("refund_status", "SUCCESS")
    with LOCK:
        refund, notify = REFUNDS.get(no), REFUND_NOTIFY.get(no)
        if refund and status == "SUCCESS":
            refund["status"] = "SUCCESS"
    if not refund or not notify:
        raise Refusal(404, "RESOURCE_NOT_EXISTS", "退款单不存在或没有 notify_url")
    payload = {"mchid": args.mch_id, "out_trade_no": refund["out_trade_no"], "transaction_id": refund["transaction_id"],
               "out_refund_no": no, "refund_id": refund["refund_id"], "refund_status": status,
               "success_time": refund["create_time"], "user_received_account": refund["user_received_account"],
               "amount": {"total": refund["amount"]["total"], "refund": request.get("refund", refund["amount"]["refund"]),
                          "payer_total": refund["amount"]["payer_total"], "payer_refund": refund["amount"]["payer_refund"]}}
    headers, body = sealed_notice(args, "REFUND." + status, "退款成功" if status == "SUCCESS" else "退款异常", "refund", payload)
    return {"notify_url": notify, "headers": headers, "body": body}


def notification(args, request):
    with LOCK:
        known = ORDERS.get(request.get("out_trade_no"))
        if known and request.get("trade_state", "SUCCESS") == "SUCCESS":
            PAID[request["transaction_id"]] = request["out_trade_no"]
    if not known:
        raise Refusal(404, "ORDER_NOT_EXIST", "订单不存在")
    order = known[0]
    china = datetime.timezone(datetime.timedelta(hours=8))
    now = datetime.datetime.now(china).isoformat(timespec="seconds")
    transaction = {"mchid": args.mch_id, "appid": args.app_id, "out_trade_no": order["out_trade_no"],
                   "transaction_id": request["transaction_id"], "trade_type": "NATIVE",
                   "trade_state": request.get("trade_state", "SUCCESS"), "trade_state_desc": "支付成功", "bank_type": "OTHERS",
                   "attach": "", "success_time": now, "payer": {"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},
                   "amount": {"total": request.get("total", order["amount"]["total"]), "payer_total": order["amount"]["total"],
                              "currency": "CNY", "payer_currency": "CNY"}}
    headers, body = sealed_notice(args, "TRANSACTION.SUCCESS", "支付成功", "transaction", transaction)
    return {"notify_url": order["notify_url"], "headers": headers, "body": body}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *_):
        pass

    def do_POST(self):
        args = self.server.args
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
        path = urlsplit(self.path).path
        tests = {"/_test/notification": lambda body: notification(args, body),
                 "/_test/refund_notification": lambda body: refund_notification(args, body),
                 "/_test/hold_refunds": lambda body: HOLD.update(refunds=bool(body.get("hold"))) or {"hold": HOLD["refunds"]}}
        if path in tests:
            try:
                return self.reply(200, json.dumps(tests[path](json.loads(raw))), {})
            except Refusal as refusal:
                return self.reply(refusal.status, json.dumps(refusal.body), {})
        record = {"path": self.path, "body": raw}
        try:
            if path == "/v3/pay/transactions/native":
                answer = check_native(args, check_request(args, self.headers, self.path, raw))
            elif path == "/v3/refund/domestic/refunds":
                answer = check_refund(check_request(args, self.headers, self.path, raw))
            else:
                raise Refusal(404, "NOT_FOUND", "no such API")
            status, record["code"] = 200, "OK"
        except Refusal as refusal:
            status, answer = refusal.status, refusal.body
            record["code"] = answer["code"]
        self.answer(record, status, answer)

    def do_GET(self):
        args = self.server.args
        path = urlsplit(self.path).path
        record = {"path": self.path, "body": "", "method": "GET"}
        try:
            check_request(args, self.headers, self.path, "", method="GET")
            if path.startswith("/v3/refund/domestic/refunds/"):
                answer = query_refund(unquote(path.rsplit("/", 1)[1]))
            elif path.startswith("/v3/pay/transactions/out-trade-no/"):
                answer = query_transaction(args, unquote(path.rsplit("/", 1)[1]), dict(parse_qsl(urlsplit(self.path).query)))
            else:
                raise Refusal(404, "NOT_FOUND", "no such API")
            status, record["code"] = 200, "OK"
        except Refusal as refusal:
            status, answer = refusal.status, refusal.body
            record["code"] = answer["code"]
        self.answer(record, status, answer)

    def answer(self, record, status, answer):
        args = self.server.args
        text = json.dumps(answer, ensure_ascii=False, separators=(",", ":"))
        headers = sign_answer(args, text)
        if args.tamper:
            text = text.replace("weixin://", "weixin://evil/")
        with LOCK, open(args.out, "a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.reply(status, text, headers)

    def reply(self, status, text, headers):
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--out", required=True)
    parser.add_argument("--mch-id", required=True)
    parser.add_argument("--app-id", required=True)
    parser.add_argument("--merchant-serial", required=True)
    parser.add_argument("--merchant-public-key", required=True, help="PEM file: the merchant's public key")
    parser.add_argument("--platform-private-key", required=True, help="PEM file: the key WeChat Pay signs with")
    parser.add_argument("--platform-serial", required=True)
    parser.add_argument("--api-v3-key", required=True)
    parser.add_argument("--tamper", action="store_true", help="alter answers after signing")
    args = parser.parse_args()
    if len(args.api_v3_key.encode()) != 32:
        parser.error("--api-v3-key must be 32 bytes")
    with open(args.merchant_public_key, "rb") as f:
        args.merchant_key = serialization.load_pem_public_key(f.read())
    with open(args.platform_private_key, "rb") as f:
        args.platform_key = serialization.load_pem_private_key(f.read(), password=None)

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.args = args
    print("READY %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
