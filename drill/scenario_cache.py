"""Scenarios the terminal UI has read before, loaded as read rather than read again.

Reading a scenario means importing PyYAML and the loader and checking every key and value:
about a tenth of the time `drill run`, `drill resume` and `drill replay` take to their first
frame. Those commands keep each scenario they read, pickled, in the user's cache folder, with its
text, the name problems would give it, and the size and time of every file of drill's code that was
loaded when it was read (as Python checks its bytecode against a source file): a copy is used only
for that very text and name, read by that code, so an edited scenario, or drill changed, is read
from its text again, as is a copy that cannot be read. A folder that cannot be written costs only
the time.

``DRILL_CACHE_DIR`` names the folder (``$XDG_CACHE_HOME/drill`` or ``~/.cache/drill`` by default);
set to nothing, it keeps nothing. No other command reads or writes it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from drill.scenario.model import Scenario

PACKAGES = ("drill", "scoring")  # drill's code: what reading a scenario may depend on


def cache_folder() -> Path | None:
    """Where read scenarios are kept, or None if they are not."""
    chosen = os.environ.get("DRILL_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) / "scenarios" if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "drill" / "scenarios"


def _name(text: str | bytes, source: str) -> str:
    """The file a copy is kept in: two texts may share one (the copy says which text it is of)."""
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data, zlib.crc32(source.encode('utf-8', 'surrogatepass'))):08x}-{len(data)}.pickle"


def _code_files() -> list[tuple[str, int, int]]:
    """Every file of drill's code loaded now (the loader and all it used among them): path, size, time."""
    files = []
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if path and name.partition(".")[0] in PACKAGES:
            stat = os.stat(path)
            files.append((path, stat.st_size, stat.st_mtime_ns))
    return sorted(files)


def _unchanged(files: list[tuple[str, int, int]]) -> bool:
    for path, size, mtime_ns in files:
        stat = os.stat(path)
        if (stat.st_size, stat.st_mtime_ns) != (size, mtime_ns):
            return False
    return True


def load_scenario_kept(text: str | bytes, source: str) -> Scenario:
    """As ``load_scenario(text, source)`` (a ScenarioError for a scenario that does not load), from the
    copy kept the last time this text was read by drill's code as it is now, if there is one."""
    from drill.library import load_scenario

    folder = cache_folder()
    if folder is None:
        return load_scenario(text, source)
    path = folder / _name(text, source)
    kept = _read(path, (text, source, sys.version))
    if kept is not None:
        return kept
    scenario = load_scenario(text, source)  # raises for a scenario that does not load: nothing kept
    _keep(path, (text, source, sys.version), scenario)
    return scenario


def _read(path: Path, read_from: tuple) -> Scenario | None:
    """The scenario kept at ``path`` if it was read from ``read_from`` (text, name, Python) by drill's
    code as it is now, else None."""
    try:
        with open(path, "rb") as file:
            kept_from, code = pickle.load(file)
            if kept_from != read_from or not _unchanged(code):
                return None
            kept = pickle.load(file)
    except Exception:  # none kept, or not readable (another Python's, damaged): read from the text
        return None
    from drill.scenario.model import Scenario

    return kept if isinstance(kept, Scenario) else None


def _keep(path: Path, read_from: tuple, scenario: Scenario) -> None:
    import tempfile

    written = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".", suffix=".tmp", delete=False) as file:
            written = file.name
            pickle.dump((read_from, _code_files()), file, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(scenario, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(written, path)  # whole or not at all, for a launch reading it meanwhile
    except Exception:  # a read-only or full folder, or a scenario that cannot be pickled: kept nowhere
        if written is not None:
            with contextlib.suppress(OSError):
                os.unlink(written)
