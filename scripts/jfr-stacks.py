#!/usr/bin/env python3
"""Print the self and inclusive shares of the methods in the stacks of a JFR recording.

Usage: scripts/jfr-stacks.py RECORDING.jfr [exec|alloc] [TOP] [FILTER]

`exec` (the default) counts jdk.ExecutionSample events, one per sample; `alloc` weighs
jdk.ObjectAllocationSample events by their sampled bytes and also prints the allocated classes.
TOP is how many methods each list prints (default 40). FILTER keeps only the samples of threads
whose name contains it when it starts with `T:` (such as `T:skywarden-hunt`), else only the
samples with a frame whose method name contains it. A method counts once per sample in the
inclusive list, however often it recurs in the stack. Needs the JDK's `jfr` tool on the PATH.
"""
import collections
import re
import subprocess
import sys

FRAME = re.compile(r"^\s{4}([\w$.<>]+)\(")
UNITS = {"bytes": 1, "kB": 1024, "MB": 1024**2, "GB": 1024**3}


def read_events(recording, event_type):
    """Yield (thread, frames, weight, class) for each event of event_type, top frame first."""
    printed = subprocess.run(
        ["jfr", "print", "--events", event_type, "--stack-depth", "96", recording],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    thread, frames, weight, allocated = "", [], 1.0, None
    for line in printed.splitlines():
        text = line.strip()
        if text.startswith(event_type):
            thread, frames, weight, allocated = "", [], 1.0, None
        elif text.startswith(("sampledThread =", "eventThread =")):
            thread = text.split("=", 1)[1]
        elif text.startswith("weight ="):
            amount = re.match(r"([\d.,]+)\s*(\w+)?", text.split("=", 1)[1].strip())
            weight = float(amount.group(1).replace(",", "")) * UNITS.get(amount.group(2), 1)
        elif text.startswith("objectClass ="):
            allocated = text.split("=", 1)[1].strip().split(" ")[0]
        elif line.startswith("}"):
            yield thread, frames, weight, allocated
        else:
            frame = FRAME.match(line)
            if frame:
                frames.append(frame.group(1))


def main():
    recording = sys.argv[1]
    kind = sys.argv[2] if len(sys.argv) > 2 else "exec"
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 40
    keep = sys.argv[4] if len(sys.argv) > 4 else None
    event_type = "jdk.ExecutionSample" if kind == "exec" else "jdk.ObjectAllocationSample"

    own, inclusive, classes = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0.0
    for thread, frames, weight, allocated in read_events(recording, event_type):
        if keep and keep.startswith("T:") and keep[2:] not in thread:
            continue
        if keep and not keep.startswith("T:") and not any(keep in f for f in frames):
            continue
        if kind == "exec":
            weight = 1.0
        total += weight
        if frames:
            own[frames[0]] += weight
        for method in set(frames):
            inclusive[method] += weight
        if allocated:
            classes[allocated] += weight

    print(f"{event_type}: total weight {total:,.0f}")
    if total == 0:
        return
    for title, counts in (("self", own), ("inclusive", inclusive), ("classes", classes)):
        if counts:
            print(f"--- {title}")
            for method, weight in counts.most_common(top):
                print(f"{weight / total * 100:6.2f}% {method}")


if __name__ == "__main__":
    main()
