"""The stable ids of the quality criteria. Scenarios name them in ``expects.must``."""

QUALITY_CRITERIA: tuple[str, ...] = (
    "acknowledge",
    "impact",
    "phase",
    "next_update",
    "action",
    "known_unknowns",
    "empathy",
    "no_blame",
    "no_speculation",
    "no_eta",
    "accuracy",
    "respect",
    "no_minimising",
    "responsibility",
    "make_good",
    "plain_language",
    "readability",
    "length",
    "consistency",
)
