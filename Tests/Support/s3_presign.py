"""botocore's presigned GET URL for given credentials and a fixed time: an independent SigV4 query-signing
implementation to compare ours with (moto answers presigned requests with a 500 when authentication is on).

stdin: {"endpoint", "bucket", "key", "access_key", "secret_key", "region", "expires", "epoch"}
stdout: {"url": ...}
"""
import datetime
import json
import sys

import botocore.auth
import boto3
from botocore.config import Config

args = json.load(sys.stdin)
fixed = datetime.datetime.fromtimestamp(args["epoch"], datetime.timezone.utc).replace(tzinfo=None)
botocore.auth.get_current_datetime = lambda remove_tzinfo=True: fixed
client = boto3.client(
    "s3", endpoint_url=args["endpoint"], aws_access_key_id=args["access_key"], aws_secret_access_key=args["secret_key"],
    region_name=args["region"], config=Config(s3={"addressing_style": "path"}, signature_version="s3v4"))
url = client.generate_presigned_url("get_object", Params={"Bucket": args["bucket"], "Key": args["key"]}, ExpiresIn=args["expires"])
json.dump({"url": url}, sys.stdout)
