"""A local stand-in for 容联云通讯 (Yuntongxun) template SMS, checking requests as the real API does.

    POST /2013-12-26/Accounts/{accountSid}/SMS/TemplateSMS?sig={SIG}
    Authorization: base64(accountSid + ":" + timestamp)       timestamp = yyyyMMddHHmmss, China time
    SIG = upper(hex(md5(accountSid + authToken + timestamp)))
    Accept: application/json; Content-Type: application/json;charset=utf-8
    {"to": mobile, "appId": appId, "templateId": templateId, "datas": [code, minutes]}

Answers {"statusCode": "000000", ...} or an error statusCode with statusMsg, with HTTP 200 as the real
service does. The error code numbers are the fake's own; only "000000" meaning success matters.
Each request is appended to --out as one JSON line: what arrived and the statusCode answered.
Prints "READY <port>" once listening.
"""
import argparse
import base64
import binascii
import datetime
import hashlib
import json
import re
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

CHINA = datetime.timezone(datetime.timedelta(hours=8))
PATH = re.compile(r"^/2013-12-26/Accounts/([^/]+)/SMS/TemplateSMS$")
MAX_CLOCK_SKEW = datetime.timedelta(minutes=5)


class Refusal(Exception):
    def __init__(self, status_code, message):
        super().__init__(message)
        self.status_code = status_code
        self.message = message


def check(args, method, target, headers, body):
    """Returns the parsed body if the request is one the real service would accept; raises Refusal."""
    if method != "POST":
        raise Refusal("111100", "method must be POST")
    url = urlsplit(target)
    match = PATH.match(url.path)
    if not match:
        raise Refusal("111101", "unknown path %s" % url.path)
    sid = match.group(1)
    if sid != args.account_sid:
        raise Refusal("111108", "account sid in path is unknown")
    if "application/json" not in (headers.get("Accept") or ""):
        raise Refusal("111102", "Accept must be application/json")

    # Authorization: base64("sid:timestamp"); the timestamp must be current China time.
    try:
        decoded = base64.b64decode(headers.get("Authorization") or "", validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise Refusal("111104", "Authorization is not base64")
    auth_sid, sep, timestamp = decoded.partition(":")
    if not sep or auth_sid != sid:
        raise Refusal("111105", "Authorization account sid does not match the path")
    try:
        sent_at = datetime.datetime.strptime(timestamp, "%Y%m%d%H%M%S").replace(tzinfo=CHINA)
    except ValueError:
        raise Refusal("111106", "Authorization timestamp is not yyyyMMddHHmmss")
    if len(timestamp) != 14 or abs(datetime.datetime.now(CHINA) - sent_at) > MAX_CLOCK_SKEW:
        raise Refusal("111107", "Authorization timestamp is not the current China time")

    # sig = MD5(sid + token + timestamp), uppercase hex, recomputed from the Authorization timestamp.
    sigs = parse_qs(url.query).get("sig", [])
    expected = hashlib.md5((sid + args.auth_token + timestamp).encode()).hexdigest().upper()
    if sigs != [expected]:
        raise Refusal("111109", "sig check failed")

    content_type = (headers.get("Content-Type") or "").lower().replace(" ", "")
    if content_type.split(";")[0] != "application/json":
        raise Refusal("111110", "Content-Type must be application/json")
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Refusal("111111", "body is not JSON")
    if not isinstance(payload, dict):
        raise Refusal("111111", "body is not a JSON object")
    if payload.get("appId") != args.app_id:
        raise Refusal("111112", "appId is unknown")
    if payload.get("templateId") != args.template_id:
        raise Refusal("111113", "templateId is unknown")
    to = payload.get("to")
    if not isinstance(to, str) or not re.fullmatch(r"1\d{10}", to):
        raise Refusal("111114", "to is not a mobile number")
    datas = payload.get("datas")
    if not (isinstance(datas, list) and len(datas) == 2 and all(isinstance(d, str) for d in datas)
            and datas[1].isdigit()):
        raise Refusal("111115", "datas must be [code, minutes] as strings")
    return payload


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeYuntongxun"

    def log_message(self, *_):
        pass

    def read_body(self):
        if (self.headers.get("Transfer-Encoding") or "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                chunk = self.rfile.read(size)
                self.rfile.readline()
                if size == 0:
                    return b"".join(chunks)
                chunks.append(chunk)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def respond(self):
        args = self.server.args
        body = self.read_body()
        record = {"method": self.command, "target": self.path,
                  "headers": {k: v for k, v in self.headers.items()}, "body": body.decode("utf-8", "replace")}
        if args.http_status != 200:
            reply, status = b"Internal Server Error", args.http_status
            record["statusCode"] = None
        else:
            try:
                payload = check(args, self.command, self.path, self.headers, body)
                record["payload"] = payload
                if args.reply_status != "000000":
                    raise Refusal(args.reply_status, args.reply_message)
                answer = {"statusCode": "000000", "templateSMS": {
                    "smsMessageSid": hashlib.md5(body).hexdigest(),
                    "dateCreated": datetime.datetime.now(CHINA).strftime("%Y%m%d%H%M%S")}}
            except Refusal as refusal:
                answer = {"statusCode": refusal.status_code, "statusMsg": refusal.message}
            record["statusCode"] = answer["statusCode"]
            reply, status = json.dumps(answer, ensure_ascii=False).encode(), 200
        with open(args.out, "a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    do_POST = do_GET = do_PUT = respond


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--out", required=True)
    parser.add_argument("--account-sid", required=True)
    parser.add_argument("--auth-token", required=True)
    parser.add_argument("--app-id", required=True)
    parser.add_argument("--template-id", default="1")
    parser.add_argument("--reply-status", default="000000", help="statusCode for requests that pass the checks")
    parser.add_argument("--reply-message", default="")
    parser.add_argument("--http-status", type=int, default=200, help="answer every request with this HTTP status")
    args = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.args = args
    print("READY %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
