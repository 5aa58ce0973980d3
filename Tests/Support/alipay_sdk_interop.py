"""Signs and verifies Alipay parameters with the independent python-alipay-sdk (module `alipay`),
so the tests can show our RSA2 signatures and the SDK's agree.

Reads one JSON request on stdin and prints one JSON answer on stdout:

  {"action": "sign_request", "app_private_key": PEM, "alipay_public_key": PEM, "params": {...}}
      -> {"sign": ...}   the SDK's signature of a gateway request (everything but `sign` is signed)
  {"action": "verify_request", "app_private_key": PEM, "app_public_key": PEM, "params": {... "sign": ...}}
      -> {"valid": bool} a request signature checked with the app's public key, as Alipay's gateway does
  {"action": "verify", "app_private_key": PEM, "alipay_public_key": PEM, "params": {... "sign": ...}}
      -> {"valid": bool} a return or notification checked with AliPay.verify (sign, sign_type left out)
  {"action": "sign_notification", "app_private_key": PEM (Alipay's key), "alipay_public_key": PEM, "params": {...}}
      -> {"sign": ..., "form": urlencoded body}   a notification signed as Alipay would, with sign_type=RSA2
"""
import json
import sys
from urllib.parse import parse_qs, urlencode

from alipay import AliPay


def sdk(private_key, public_key):
    return AliPay(appid="sdk", app_notify_url=None, app_private_key_string=private_key,
                  alipay_public_key_string=public_key, sign_type="RSA2")


def signature_of(client, params):
    """The SDK's `sign_data`, with the `sign` it appended read back out of its query string."""
    signed = client.sign_data(dict(params))
    return parse_qs(signed, keep_blank_values=True)["sign"][0]


def main():
    request = json.load(sys.stdin)
    action = request["action"]
    params = dict(request["params"])
    if action == "sign_request":
        params.pop("sign", None)
        answer = {"sign": signature_of(sdk(request["app_private_key"], request["alipay_public_key"]), params)}
    elif action == "verify_request":
        # The gateway's check: the public key of the app, everything but `sign` (sign_type included).
        client = sdk(request["app_private_key"], request["app_public_key"])
        sign = params.pop("sign")
        message = "&".join("{}={}".format(k, v) for k, v in client._ordered_data(params))
        answer = {"valid": client._verify(message, sign)}
    elif action == "verify":
        sign = params.pop("sign")
        answer = {"valid": sdk(request["app_private_key"], request["alipay_public_key"]).verify(params, sign)}
    elif action == "sign_notification":
        params.pop("sign", None)
        params.pop("sign_type", None)
        sign = signature_of(sdk(request["app_private_key"], request["alipay_public_key"]), params)
        params.update({"sign": sign, "sign_type": "RSA2"})
        answer = {"sign": sign, "form": urlencode(params)}
    else:
        raise SystemExit("unknown action %r" % action)
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
