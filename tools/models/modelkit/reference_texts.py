"""The three fixed texts every reference capture uses (kept short: a few dozen tokens each)."""

REFERENCE_TEXTS: list[tuple[str, str]] = [
    ("numbers", "In 2023 the shop sold 1,250 apples, 340 pears and 75 plums; prices rose 3, 5 and 8 cents."),
    ("verse", "The river runs beneath the hill,\nThe evening air is cool and still."),
    ("code", "def add(a, b):\n    return a + b\n\nprint(add(2, 3))"),
]

# Which text's final outputs (logits, or last_hidden_state for encoders) are stored.
OUTPUT_TEXT = "numbers"
