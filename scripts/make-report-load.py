#!/usr/bin/env python3
"""Write a CloudTrail file whose hunt gives many findings, to measure the HTML report at scale.

Usage: make-report-load.py OUTPUT.json.gz [USERS]

Each of USERS IAM users (default 3000) calls StopLogging EVENTS_PER_USER times from a Kali Linux
AWS CLI, so the built-in rules give two findings per user (trail stopped, penetration-testing
distribution): 6,000 findings for the default. The output is byte-identical between runs (fixed
seed, fixed times, gzip without a timestamp). Python 3 standard library only.
"""

import gzip
import json
import random
import sys
from datetime import datetime, timedelta, timezone

from cloudlog_builders import ct_event, iam_user, upper_id

EVENTS_PER_USER = 4
START = datetime(2026, 11, 24, 8, 0, 0, tzinfo=timezone.utc)
KALI_CLI = "aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.6.9-amd64 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/distrib#kali.2024"


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    output = sys.argv[1]
    users = int(sys.argv[2]) if len(sys.argv) == 3 else 3000
    rng = random.Random(6000)
    records = []
    for user in range(users):
        identity = iam_user(f"load-user-{user:05d}", "AKIA" + upper_id(rng, 16))
        for call in range(EVENTS_PER_USER):
            time = START + timedelta(seconds=user * 7 + call * 90)
            records.append(
                ct_event(
                    rng,
                    time=time.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    source="cloudtrail.amazonaws.com",
                    name="StopLogging",
                    identity=identity,
                    ip=f"198.51.100.{user % 250 + 1}",
                    user_agent=KALI_CLI,
                    request={"name": f"arn:aws:cloudtrail:us-east-1:111122223333:trail/trail-{user % 7}"},
                )
            )
    data = json.dumps({"Records": records}).encode("utf-8")
    with open(output, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(data)


if __name__ == "__main__":
    main()
