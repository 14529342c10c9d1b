"""Scenarios the terminal UI has read before, loaded as read rather than read again.

Reading a scenario means importing PyYAML and the loader and checking every key and value:
about a tenth of the time `drill run`, `drill resume` and `drill replay` take to their first
frame. Those commands keep each scenario they read, pickled, in the user's cache folder, under a
digest of its text, the name problems would give it, and drill's own code (the size and time of
each of its files), so an edited scenario, or drill itself changed, is read from its text again,
as is one whose kept copy cannot be read. A folder that cannot be written costs only the time.

``DRILL_CACHE_DIR`` names the folder (``$XDG_CACHE_HOME/drill`` or ``~/.cache/drill`` by default);
set to nothing, it keeps nothing. No other command reads or writes it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from drill.scenario.model import Scenario

_CODE = (Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "scoring")
_code_digest: str | None = None


def cache_folder() -> Path | None:
    """Where read scenarios are kept, or None if they are not."""
    chosen = os.environ.get("DRILL_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) / "scenarios" if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "drill" / "scenarios"


def _code_version() -> str:
    """A digest of every Python file of drill and of its scorer, by size and time written."""
    global _code_digest
    if _code_digest is None:
        digest = hashlib.sha256(f"{sys.version} {pickle.HIGHEST_PROTOCOL}".encode())
        for package in _CODE:
            for folder, subfolders, files in os.walk(package):
                subfolders.sort()
                for name in sorted(files):
                    if name.endswith(".py"):
                        stat = os.stat(os.path.join(folder, name))
                        digest.update(f"{folder}/{name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
        _code_digest = digest.hexdigest()
    return _code_digest


def _key(text: str | bytes, source: str) -> str:
    digest = hashlib.sha256(_code_version().encode())
    digest.update(source.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def load_scenario_kept(text: str | bytes, source: str) -> Scenario:
    """As ``load_scenario(text, source)`` (a ScenarioError for a scenario that does not load), from the
    copy kept the last time this text was read by this version of drill, if there is one."""
    from drill.library import load_scenario

    folder = cache_folder()
    if folder is None:
        return load_scenario(text, source)
    path = folder / f"{_key(text, source)}.pickle"
    try:
        kept = pickle.loads(path.read_bytes())
    except Exception:  # none kept, or not readable (another Python's, damaged): read from the text
        kept = None
    from drill.scenario.model import Scenario

    if isinstance(kept, Scenario):
        return kept
    scenario = load_scenario(text, source)  # raises for a scenario that does not load: nothing kept
    _keep(path, scenario)
    return scenario


def _keep(path: Path, scenario: Scenario) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".", suffix=".tmp", delete=False) as file:
            file.write(pickle.dumps(scenario, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(file.name, path)  # whole or not at all, for a launch reading it meanwhile
    except Exception:  # a read-only or full folder, or a scenario that cannot be pickled: kept nowhere
        try:
            os.unlink(file.name)
        except (NameError, OSError):
            pass
