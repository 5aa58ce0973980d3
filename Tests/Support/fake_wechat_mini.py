"""A local stand-in for WeChat's mini-program login API (api.weixin.qq.com), as WeChatMiniClient uses it.

    GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code
        -> {"openid": "...", "session_key": "...", "unionid": "..."}   (unionid only when issued with one)
        or {"errcode": 40029, "errmsg": "invalid code"}                 (unknown code)
           {"errcode": 40163, "errmsg": "code been used"}               (a code's second exchange)
           {"errcode": 40013, "errmsg": "invalid appid"}
           {"errcode": 40125, "errmsg": "invalid appsecret"}
           {"errcode": 40002, "errmsg": "invalid grant_type"}

Like the real service, errors come back with HTTP 200 and a code is good for one exchange. Codes are issued on the
command line: --code CODE=OPENID or CODE=OPENID:UNIONID (repeatable). Prints "READY <port>" once listening.
"""
import argparse
import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class WeChat:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.codes = {}
        for pair in args.code:
            code, ids = pair.split("=", 1)
            openid, _, unionid = ids.partition(":")
            self.codes[code] = (openid, unionid)
        self.used = set()

    def session(self, query):
        if query.get("appid") != self.args.app_id:
            return {"errcode": 40013, "errmsg": "invalid appid"}
        if query.get("secret") != self.args.app_secret:
            return {"errcode": 40125, "errmsg": "invalid appsecret"}
        if query.get("grant_type") != "authorization_code":
            return {"errcode": 40002, "errmsg": "invalid grant_type"}
        code = query.get("js_code", "")
        with self.lock:
            if code in self.used:
                return {"errcode": 40163, "errmsg": "code been used"}
            ids = self.codes.pop(code, None)
            if ids is None:
                return {"errcode": 40029, "errmsg": "invalid code"}
            self.used.add(code)
        answer = {"openid": ids[0], "session_key": secrets.token_urlsafe(16)}
        if ids[1]:
            answer["unionid"] = ids[1]
        return answer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeWeChatMini"

    def log_message(self, *_):
        pass

    def do_GET(self):
        url = urlsplit(self.path)
        raw = parse_qs(url.query, keep_blank_values=True)
        query = {k: v[0] for k, v in raw.items() if len(v) == 1}
        if url.path != "/sns/jscode2session":
            status, body = 404, {"errcode": 404, "errmsg": "not found"}
        else:
            status, body = 200, self.server.wechat.session(query)
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")  # as WeChat answers, not application/json
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--app-id", required=True)
    parser.add_argument("--app-secret", required=True)
    parser.add_argument("--code", action="append", default=[], help="CODE=OPENID[:UNIONID], good for one exchange")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.wechat = WeChat(args)
    print("READY %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
