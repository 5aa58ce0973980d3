"""A local stand-in for QQ 互联's OAuth 2 API (graph.qq.com), as the shop's QQOAuthClient uses it.

    GET /oauth2.0/token?grant_type=authorization_code&client_id&client_secret&code&redirect_uri
        -> access_token=XYZ&expires_in=7776000&refresh_token=R
        or callback( {"error":100019,"error_description":"code to access token error"} );
    GET /oauth2.0/me?access_token=XYZ
        -> callback( {"client_id":"APPID","openid":"OPENID"} );

Like the real service, a code is good for one exchange, and the app id, secret and redirect URI
must be the registered ones; errors come back with HTTP 200 as JSONP. Codes are issued on the
command line: --code CODE=OPENID (repeatable). Prints "READY <port>" once listening.
"""
import argparse
import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


def jsonp(obj):
    return "callback( %s );\n" % json.dumps(obj, separators=(",", ":"))


def error(code, description):
    return jsonp({"error": code, "error_description": description})


class QQ:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.codes = dict(pair.split("=", 1) for pair in args.code)
        self.tokens = {}

    def token(self, query):
        args = self.args
        if query.get("grant_type") != "authorization_code":
            return error(100000, "grant_type is wrong")
        if query.get("client_id") != args.client_id:
            return error(100008, "client id is not exist")
        if query.get("client_secret") != args.client_secret:
            return error(100009, "client secret is illegal")
        if query.get("redirect_uri") != args.redirect_uri:
            return error(100010, "redirect uri is illegal")
        with self.lock:
            openid = self.codes.pop(query.get("code", ""), None)  # single use
            if openid is None:
                return error(100019, "code to access token error")
            access_token = secrets.token_hex(16).upper()
            self.tokens[access_token] = openid
        return "access_token=%s&expires_in=7776000&refresh_token=%s" % (access_token, secrets.token_hex(16).upper())

    def me(self, query):
        with self.lock:
            openid = self.tokens.get(query.get("access_token", ""))
        if openid is None:
            return error(100016, "access token check failed")
        return jsonp({"client_id": self.args.client_id, "openid": openid})


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FakeQQ"

    def log_message(self, *_):
        pass

    def do_GET(self):
        url = urlsplit(self.path)
        # A repeated parameter is refused rather than guessed at.
        raw = parse_qs(url.query, keep_blank_values=True)
        query = {k: v[0] for k, v in raw.items() if len(v) == 1}
        routes = {"/oauth2.0/token": self.server.qq.token, "/oauth2.0/me": self.server.qq.me}
        if url.path not in routes:
            status, text = 404, "not found"
        else:
            status, text = 200, routes[url.path](query)
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--redirect-uri", required=True)
    parser.add_argument("--code", action="append", default=[], help="CODE=OPENID, good for one exchange")
    args = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.qq = QQ(args)
    print("READY %d" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
