"""The shop as deployed by deploy/: nginx (TLS, files from disk) in front of two `meiduo serve --no-workers` processes
and one `meiduo worker` on one PostgreSQL, started by scripts/deploy-smoke.sh. One journey, each step checked:
files come from disk and the API from the processes, a lot's live price crosses from one process to a watcher on the
other (and through nginx's WebSocket upgrade), the worker settles the lot, and nginx keeps answering when one
process stops.
"""
import json
import os
import signal
import ssl
import time
import urllib.error
import urllib.request

import websocket  # websocket-client, from PyPI (Tests/Support/requirements.txt)

SITE = os.environ["SMOKE_SITE"]            # https://127.0.0.1:<port>, nginx
PLAIN = os.environ["SMOKE_PLAIN"]          # http://127.0.0.1:<port>, nginx's redirect to HTTPS
PROCESS_A = os.environ["SMOKE_PROCESS_A"]  # http://127.0.0.1:<port>, one `meiduo serve`
PROCESS_B = os.environ["SMOKE_PROCESS_B"]  # the other
PROCESS_B_PID = int(os.environ["SMOKE_PROCESS_B_PID"])
CA_FILE = os.environ["SMOKE_CA_FILE"]      # the self-signed certificate nginx serves
STAFF = (os.environ["SMOKE_STAFF_USER"], os.environ["SMOKE_STAFF_PASSWORD"])
BIDDER = (os.environ["SMOKE_BIDDER_USER"], os.environ["SMOKE_BIDDER_PASSWORD"])

TLS = ssl.create_default_context(cafile=CA_FILE)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect, urllib.request.HTTPSHandler(context=TLS))


def fetch(base, path, method="GET", body=None, token=None):
    """(status, headers, body bytes) of one request; a 4xx/5xx is an answer too, not an exception."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "JWT " + token)
    try:
        with OPENER.open(request, timeout=15) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def api(base, path, method="GET", body=None, token=None, expect=(200, 201)):
    status, _, raw = fetch(base, path, method, body, token)
    if status not in expect:
        raise AssertionError("%s %s%s answered %d: %s" % (method, base, path, status, raw[:300]))
    return json.loads(raw) if raw else None


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print("ok:", what, flush=True)


def login(base, account):
    return api(base, "/authorizations/", "POST", {"username": account[0], "password": account[1]})


class Watcher:
    """A lot's live feed as the lot page holds it: the first message is the lot, then every change."""

    def __init__(self, url):
        options = {"ca_certs": CA_FILE} if url.startswith("wss://") else None
        self.socket = websocket.create_connection(url, timeout=5, sslopt=options)
        self.seen = [json.loads(self.socket.recv())]

    def wait_for(self, what, test, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            event = self.seen[-1]
            if test(event):
                return event
            try:
                self.seen.append(json.loads(self.socket.recv()))
            except websocket.WebSocketTimeoutException:
                continue
        raise AssertionError("%s: not seen in %ds (last: %s)" % (what, timeout, self.seen[-1]))


def stamp(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def main():
    # setup-free checks of the front door: HTTP goes to HTTPS; pages, libraries and pictures come from disk.
    status, headers, _ = fetch(PLAIN, "/goods/1.html")
    check(status == 301 and headers["Location"].startswith("https://"), "plain HTTP is sent to HTTPS")
    status, headers, body = fetch(SITE, "/")
    # nginx answers files itself; every answer from a `meiduo serve` process carries its X-Request-Id.
    check(status == 200 and "美多商城".encode() in body and "X-Request-Id" not in headers,
          "the generated home page comes from disk over TLS")
    status, headers, _ = fetch(SITE, "/static/vue/vue.min.js")
    check(status == 200 and "X-Request-Id" not in headers, "Debian's Vue comes from /usr/share/javascript")
    sessions = api(SITE, "/auctions/?status=3")
    cover = sessions[0]["cover"]
    status, headers, body = fetch(SITE, "/media/" + cover.split("/media/", 1)[1])
    check(status == 200 and headers["Content-Type"] == "image/svg+xml" and "X-Request-Id" not in headers and body,
          "a picture named with its type comes from MEDIA_DIR (%s: %d)" % (cover, status))
    # The original's FastDFS ids have no extension: the shop reads their first bytes to name the type.
    picture = api(SITE, "/skus/1/")["default_image_url"]
    status, headers, body = fetch(SITE, "/media/" + picture.split("/media/", 1)[1])
    check(status == 200 and headers["Content-Type"].startswith("image/") and "X-Request-Id" in headers,
          "a picture without an extension comes from a process, typed (%s: %d %s)" % (picture, status, headers["Content-Type"]))
    status, headers, body = fetch(SITE, "/login.html")
    check(status == 200 and "X-Request-Id" in headers, "a bundled page comes from a process")
    check(fetch(SITE, "/ready/")[0] == 200, "the processes are ready behind nginx")

    # setup: staff open a session ending in 40 s with one lot; the bidder gets ¥500 and pays its ¥50 deposit.
    staff = login(SITE, STAFF)["token"]
    bidder = login(SITE, BIDDER)
    now = time.time()
    session = api(SITE, "/staff/auctions/", "POST", {
        "title": "部署冒烟专场", "preview_start_time": stamp(now - 120), "auction_start_time": stamp(now - 60),
        "auction_end_time": stamp(now + 40)}, token=staff)
    lot = api(SITE, "/staff/auctions/%d/items/" % session["id"], "POST", {
        "uid": "S001", "title": "冒烟拍品 青花盘", "start_price": "100.00", "unit": "10.00", "deposit": "50.00"}, token=staff)
    api(SITE, "/staff/users/%d/wallet/" % bidder["user_id"], "POST", {"amount": "500.00", "reason": "冒烟测试"}, token=staff)
    api(SITE, "/auctions/deposit/", "POST", {"auction_id": session["id"], "item_id": lot["id"], "pay_type": 2},
        token=bidder["token"])
    live = "/auctions/items/%d/live" % lot["id"]
    on_b = Watcher(PROCESS_B.replace("http://", "ws://") + live)
    # Several through nginx: by now it holds kept-alive connections to both processes from the API calls above,
    # and an upgrade must never be sent down one of those (the process would answer 307, not 101).
    through_nginx = [Watcher(SITE.replace("https://", "wss://") + live) for _ in range(4)]
    check(on_b.seen[0]["item"] == lot["id"] and all(w.seen[0]["bid_count"] == 0 for w in through_nginx),
          "watchers on process B and through nginx's upgrade get the lot")

    # act: a bid placed on process A.
    api(PROCESS_A, "/auctions/items/%d/bids/" % lot["id"], "POST", {"price": "100.00"}, token=bidder["token"])
    # check: the watcher on process B sees it (PostgreSQL NOTIFY from A, LISTEN on B), and so does nginx's.
    event = on_b.wait_for("the bid on process B", lambda e: e["price"] == "100.00" and e["bid_count"] == 1, 10)
    check(event["leader"] and event["leader"] != BIDDER[0], "a bid on process A reaches a watcher on process B, masked")
    for watcher in through_nginx:
        watcher.wait_for("the bid through nginx", lambda e: e["price"] == "100.00", 10)
    check(True, "the bid reaches every watcher through nginx")

    # act: the lot ends by the clock; only the worker process runs jobs.
    # check: the settlement it makes is announced to process B's watcher, and the bidder has an order to pay.
    settled = on_b.wait_for("settlement", lambda e: e["status"] == 4, 40 + 60)
    check(settled["price"] == "100.00", "the worker settles the lot and the watcher on process B sees 成交")
    orders = api(SITE, "/auctions/orders/", token=bidder["token"])
    check([o["price"] for o in orders["1"]["child"] if o["item"] == lot["id"]] == ["100.00"],
          "the winner has an unpaid order for the hammer price")

    # act: process B is stopped (as systemd stops it, SIGTERM).
    stopping = time.time()
    os.kill(PROCESS_B_PID, signal.SIGTERM)
    deadline = stopping + 30
    while time.time() < deadline:
        try:
            os.kill(PROCESS_B_PID, 0)
            time.sleep(0.2)
        except ProcessLookupError:
            break
    else:
        raise AssertionError("process B did not stop within 30 s of SIGTERM (its watchers hold it open?)")
    check(True, "process B stops on SIGTERM in %.1f s, its live watchers closed" % (time.time() - stopping))
    # check: every request through nginx is still answered, by process A.
    answers = [fetch(SITE, "/auctions/items/%d/?refresh=1" % lot["id"])[0] for _ in range(10)]
    check(answers == [200] * 10, "with process B stopped, nginx answers every request from process A")
    again = Watcher(SITE.replace("https://", "wss://") + live)
    check(again.seen[0]["status"] == 4, "a watcher reconnecting through nginx gets the lot from process A")
    print("SMOKE PASSED", flush=True)


if __name__ == "__main__":
    main()
