"""SMTP sink for tests: an aiosmtpd server that stores every received message as JSON.

Usage: smtp_sink.py --port PORT --out DIR [--tls none|starttls|implicit --cert C --key K]
                    [--user U --password P]
PORT 0 picks a free port. Prints "READY <port>" once listening, then runs until killed.
Each message becomes DIR/<n>.json with the envelope, the raw content and the fields
decoded by Python's own `email` package (an independent check of the client's MIME).
"""
import argparse
import json
import os
import signal
import socket
import ssl
import sys
import threading

try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword
except ImportError:
    print("ERROR: the Python package 'aiosmtpd' is not installed for " + sys.executable
          + " (pip install aiosmtpd, or set PYTHON to a venv that has it)", file=sys.stderr)
    sys.exit(3)

import email
import email.policy


class StoringHandler:
    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        text = parsed.get_body(preferencelist=("plain",))
        html = parsed.get_body(preferencelist=("html",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "raw": envelope.content.decode("utf-8", "replace"),
            "subject": str(parsed["Subject"]),
            "from": str(parsed["From"]),
            "to": str(parsed["To"]),
            "content_type": parsed.get_content_type(),
            "text": text.get_content() if text is not None else None,
            "html": html.get_content() if html is not None else None,
            "authenticated": bool(session.authenticated),
        }
        with self.lock:
            self.count += 1
            name = os.path.join(self.out_dir, "%d.json" % self.count)
        # Write then rename so a reader never sees a half-written file.
        with open(name + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(name + ".tmp", name)
        return "250 Message accepted for delivery"


def make_authenticator(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
            and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False)
    return authenticate


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--out", required=True)
    parser.add_argument("--tls", choices=["none", "starttls", "implicit"], default="none")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()

    tls_context = None
    if args.tls != "none":
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.cert, args.key)

    options = {}
    if args.tls == "starttls":
        options.update(tls_context=tls_context, require_starttls=True)
    if args.user is not None:
        options.update(authenticator=make_authenticator(args.user, args.password),
                       auth_required=True, auth_require_tls=args.tls != "none")

    port = args.port or free_port()
    controller = Controller(StoringHandler(args.out), hostname="127.0.0.1", port=port,
                            ssl_context=tls_context if args.tls == "implicit" else None,
                            **options)
    controller.start()
    print("READY %d" % port, flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
