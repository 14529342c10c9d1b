"""Where a drill's report goes when the facilitator did not say."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path


def default_out_dir(scenario_id: str, now: datetime) -> Path:
    """``./drill-SCENARIOID-YYYYMMDD-HHMMSS``: one folder per drill, sorted by time."""
    return Path(f"drill-{scenario_id}-{now:%Y%m%d-%H%M%S}")
