"""The seed platform's cooldown structures, measured with tracemalloc.

Usage: python3 cooldown_memory.py USERS ACTIONS_PER_USER SECONDS_BETWEEN_ACTIONS
Builds `last_action: Dict[str, datetime]` and `hourly: Dict[str, List[datetime]]` the way the seed
platform filled them (one datetime per action, kept in both), every user acting ACTIONS_PER_USER times
SECONDS_BETWEEN_ACTIONS apart, then prints one JSON object with the traced bytes per user, the time of
one check (10 s cooldown, 20 per hour, as the seed checked) and of the full-scan cleanup the seed ran.
"""
import json
import sys
import time
import tracemalloc
from datetime import datetime, timedelta
from typing import Dict, List


def main() -> None:
    users = int(sys.argv[1])
    actions = int(sys.argv[2])
    spacing = float(sys.argv[3])
    start = datetime(2026, 1, 1, 12, 0, 0)

    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    last_action: Dict[str, datetime] = {}
    hourly: Dict[str, List[datetime]] = {}
    for action in range(actions):
        for user in range(users):
            key = "user:" + str(user)
            now = start + timedelta(seconds=spacing * action, microseconds=user % 1000)
            last_action[key] = now
            times = hourly.get(key)
            if times is None:
                times = []
                hourly[key] = times
            times.append(now)
    after, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    # One check as the seed made it, a step after the last action: cooldown against the last action, then prune
    # and count the hour.
    probe = start + timedelta(seconds=spacing * actions)
    samples = []
    for user in range(0, users, max(1, users // 20000)):
        key = "user:" + str(user)
        t0 = time.perf_counter()
        allowed = (probe - last_action[key]).total_seconds() >= 10
        window = [t for t in hourly[key] if (probe - t).total_seconds() < 3600]
        hourly[key] = window
        allowed = allowed and len(window) < 20
        samples.append(time.perf_counter() - t0)
    samples.sort()

    # Cleanup as the seed made it: one pass over every user, removing the idle ones (all of them, hours later).
    late = probe + timedelta(hours=3)
    t0 = time.perf_counter()
    idle = [key for key, last in last_action.items() if (late - last).total_seconds() > 3600]
    for key in idle:
        del last_action[key]
        del hourly[key]
    cleanup = time.perf_counter() - t0

    print(json.dumps({
        "users": users,
        "bytes_per_user": (after - before) / users,
        "check_p50_ms": samples[len(samples) // 2] * 1000,
        "check_p99_ms": samples[min(len(samples) - 1, int(len(samples) * 0.99))] * 1000,
        "cleanup_ms": cleanup * 1000,
        "removed": len(idle),
    }))


if __name__ == "__main__":
    main()
