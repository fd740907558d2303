"""Writes python-values.jsonl with the Python original: 600 events whose data covers the value forms the
JSON-lines writer must spell exactly as json.dumps does (floats of every magnitude, escapes, non-ASCII text,
nested lists and maps, large integers). Run from the repository root:
    PYTHONPATH=../shared/seed-py/src python3 tests/Eventure.Tests/Fixtures/python-values.py
"""
import math
import os
import random

from eventure import EventLog

rng = random.Random(19)
TEXTS = ["", "plain", "quote \" and backslash \\", "tab\tnewline\ncr\r", "\b\f\x00\x1f\x7f", "é ü ß", "日本語",
         "emoji \U0001F600", "/slash/", "<>&'", "a" * 40, "mixed é \"x\" \\ \U0001F680 end"]


def number():
    kind = rng.randrange(8)
    if kind == 0:
        return rng.random() * 10 ** rng.randrange(-8, 22)
    if kind == 1:
        return -rng.random() * 10 ** rng.randrange(-300, 300)
    if kind == 2:
        return float(rng.randrange(-10**6, 10**6))
    if kind == 3:
        return rng.randrange(-2**63, 2**63)
    if kind == 4:
        return rng.choice([0.0, -0.0, 0.1, 0.5, 1e-4, 1e-5, 1e15, 1e16, 9999999999999998.0, 2.0**-25, 2.0**-958,
                           5e-324, 1.7976931348623157e308, math.pi, 1 / 3])
    if kind == 5:
        return 1.7e9 + rng.randrange(0, 10**16) / 1e7
    if kind == 6:
        return rng.randrange(-1000, 1000)
    return math.ldexp(rng.random(), rng.randrange(-1074, 1024))


def value(depth=0):
    kind = rng.randrange(9 if depth < 2 else 6)
    if kind < 2:
        return number()
    if kind == 2:
        return rng.choice(TEXTS)
    if kind == 3:
        return rng.choice([True, False, None])
    if kind in (4, 5):
        return rng.choice(TEXTS) + str(rng.randrange(100))
    if kind in (6, 7):
        return [value(depth + 1) for _ in range(rng.randrange(4))]
    return {rng.choice(TEXTS) + str(i): value(depth + 1) for i in range(rng.randrange(4))}


log = EventLog()
recent = []
for i in range(600):
    if i % 7 == 6:
        log.advance_tick()
    data = {rng.choice(TEXTS) + str(k): value() for k in range(rng.randrange(5))}
    parent = rng.choice(recent) if recent and rng.random() < 0.3 else None
    event = log.add_event(rng.choice(["a.b", "player.move", "type \"q\"", "é.x", "t"]), data, parent)
    recent = (recent + [event])[-20:]

log.save_to_file(os.path.join(os.path.dirname(__file__), "python-values.jsonl"))
