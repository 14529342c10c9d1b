"""Problems and warnings found in a sheet, each at ``file:row:column`` as the spreadsheet shows it."""

from __future__ import annotations

from dataclasses import dataclass


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the sheet's own name for a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True, order=True)
class SheetProblem:
    source: str
    row: int  # 1-based, as the spreadsheet numbers it (a CSV record with line breaks in it is one row)
    column: int  # 0-based
    message: str
    warning: bool = False

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{self.source}:{self.row}:{column_letter(self.column)}: {kind}{self.message}"


class SheetError(Exception):
    """Raised with every problem found (and the warnings beside them), not only the first."""

    def __init__(self, problems: list[SheetProblem]):
        self.problems = sorted(set(problems), key=lambda problem: (problem.row, problem.column, problem.warning))
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @property
    def errors(self) -> list[SheetProblem]:
        return [problem for problem in self.problems if not problem.warning]
