"""moto (https://github.com/getmoto/moto) in server mode for the S3 storage tests.

Starts moto's ThreadedMotoServer on 127.0.0.1 and a free port, with request authentication
switched on (INITIAL_NO_AUTH_ACTION_COUNT=0), so every S3 request must carry a valid AWS
Signature Version 4 made with the access key of an IAM user that is allowed s3:*.
That user and its key are created directly in moto's in-process IAM backend (not over HTTP,
which would itself need a signature), then the script prints, flushed:

    READY <port> <access key id> <secret access key>

and serves until SIGTERM/SIGINT.
"""

import json
import os
import signal
import threading

# moto reads this when moto.settings is first imported: 0 = check signatures from the first request.
os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "0"
# Fixed dummy credentials for boto's own use; the server never needs real AWS ones.
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")

from moto.core.models import DEFAULT_ACCOUNT_ID  # noqa: E402
from moto.iam.models import iam_backends  # noqa: E402
from moto.moto_server.threaded_moto_server import ThreadedMotoServer  # noqa: E402

ALLOW_S3 = json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}],
})


def create_s3_user():
    iam = iam_backends[DEFAULT_ACCOUNT_ID]["aws"]
    iam.create_user(region_name="us-east-1", user_name="meiduo-storage")
    iam.put_user_policy("meiduo-storage", "allow-s3", ALLOW_S3)
    key = iam.create_access_key("meiduo-storage")
    return key.access_key_id, key.secret_access_key


def main():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    _, port = server.get_host_and_port()
    access_key_id, secret = create_s3_user()

    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    print(f"READY {port} {access_key_id} {secret}", flush=True)
    while not stopped.wait(0.2):
        pass
    # Nothing to save: leave without waiting for the server thread (a daemon) to wind down.
    os._exit(0)


if __name__ == "__main__":
    main()
