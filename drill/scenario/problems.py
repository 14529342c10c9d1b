"""Problems found in a scenario or responses file, each pinned to ``file:line:col``."""

from __future__ import annotations

from scoring.frozen import frozen


@frozen(order=True)
class Problem:
    """One problem, at a 1-based line and column of ``source``; problems sort by file, line, column, message."""

    source: str
    line: int  # 1-based
    column: int  # 1-based
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}:{self.column}: {self.message}"


class ScenarioError(Exception):
    """Raised with every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
