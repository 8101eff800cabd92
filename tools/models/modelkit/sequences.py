"""Generated number and list sequences (counting, strides, countdowns, tables, enumerations):
they give the model — and NMF — regular, position-like structure to find."""

from __future__ import annotations

import random

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
SEPARATORS = [",", ", ", " ", "\n", "; ", " - "]


def _counting(rng: random.Random) -> str:
    start = rng.choice([0, 1, 1, 1, rng.randint(2, 200), rng.randint(100, 5000)])
    step = rng.choice([1, 1, 1, 2, 3, 5, 10, rng.randint(2, 12)])
    n = rng.randint(5, 40)
    sep = rng.choice(SEPARATORS)
    values = [start + step * i for i in range(n)]
    if rng.random() < 0.2:
        values.reverse()
    return sep.join(str(v) for v in values)


def _table(rng: random.Random) -> str:
    a = rng.randint(2, 12)
    op = rng.choice(["x", "+"])
    rows = []
    for b in range(1, rng.randint(6, 12) + 1):
        rows.append(f"{a} {op} {b} = {a * b if op == 'x' else a + b}")
    return "\n".join(rows)


def _enumeration(rng: random.Random) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        items = MONTHS[: rng.randint(3, 12)]
    elif kind == 1:
        items = DAYS[: rng.randint(3, 7)]
    elif kind == 2:
        start = rng.randint(0, 10)
        items = WORDS[start : start + rng.randint(3, 11)]
    else:
        first = rng.randint(0, 15)
        items = [chr(ord("a") + i) for i in range(first, first + rng.randint(3, 11))]
    if rng.random() < 0.5:
        return ", ".join(items)
    return "\n".join(f"{i + 1}. {item}" for i, item in enumerate(items))


def generate_sequences(total_chars: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    docs: list[str] = []
    size = 0
    makers = [_counting, _counting, _counting, _table, _enumeration]
    while size < total_chars:
        doc = "\n\n".join(rng.choice(makers)(rng) for _ in range(rng.randint(3, 8)))
        docs.append(doc)
        size += len(doc)
    return docs
