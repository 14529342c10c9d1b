"""The built-in scenario library and reading scenario files (the I/O edge of scenario loading)."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from drill.scenario.problems import Problem, ScenarioError
from scoring.frozen import frozen

if TYPE_CHECKING:  # pragma: no cover
    from drill.scenario.model import Scenario


def load_scenario(text: str | bytes, source: str) -> "Scenario":
    """The loader, imported when a scenario is read: `drill list` of unchanged built-ins never needs it."""
    from drill.scenario.loader import load_scenario as load

    return load(text, source)

SCENARIO_SUFFIXES = (".yaml", ".yml")
RESPONSES_SUFFIX = ".responses.yaml"


@frozen
class BuiltIn:
    """A scenario shipped with drill: its id and its file in the scenarios package."""

    id: str
    file: str  # name inside the scenarios package


def scenarios_folder() -> Path:
    """The built-in scenarios: the files of the installed ``scenarios`` package."""
    # A plain folder (the package is never zipped): read as files, without importlib.resources and zipfile.
    return Path(import_module("scenarios").__file__).parent


def builtin_files() -> list[BuiltIn]:
    folder = scenarios_folder()
    names = sorted(entry.name for entry in folder.iterdir()
                   if entry.name.endswith(SCENARIO_SUFFIXES) and not entry.name.endswith(RESPONSES_SUFFIX))
    return [BuiltIn(Path(name).stem, name) for name in names]


def builtin_scenarios() -> list[Scenario]:
    return [load_builtin(entry.id) for entry in builtin_files()]


class Summary(NamedTuple):
    """What `drill list` shows of a built-in scenario."""

    id: str
    title: str
    duration: int
    injects: int


# Each built-in's summary with the checksum of the file it was read from (`python -m drill.library --write`
# rewrites it; a test checks it is current): `drill list` then needs neither YAML nor the loader.
CATALOGUE = "catalogue.json"


def builtin_summaries() -> list[Summary]:
    """Every built-in's summary: from the catalogue for a file unchanged since it was written, else loaded
    (so an edited built-in is validated, and a broken one raises ScenarioError, as when it is played)."""
    import json
    from zlib import crc32

    folder = scenarios_folder()
    try:
        catalogue = json.loads((folder / CATALOGUE).read_text("utf-8"))
    except (OSError, ValueError):
        catalogue = {}
    summaries = []
    for entry in builtin_files():
        text = (folder / entry.file).read_bytes()
        known = catalogue.get(entry.file) if isinstance(catalogue, dict) else None
        if isinstance(known, dict) and known.get("crc32") == crc32(text) and known.get("size") == len(text):
            summaries.append(Summary(entry.id, known["title"], known["duration"], known["injects"]))
        else:
            scenario = load_scenario(text, f"scenarios/{entry.file}")
            summaries.append(Summary(scenario.id, scenario.title, scenario.duration, len(scenario.injects)))
    return summaries


def catalogue_text() -> str:
    """The catalogue of the built-in files as they are now."""
    import json
    from zlib import crc32

    folder = scenarios_folder()
    catalogue = {}
    for entry in builtin_files():
        text = (folder / entry.file).read_bytes()
        scenario = load_scenario(text, f"scenarios/{entry.file}")
        catalogue[entry.file] = {"crc32": crc32(text), "size": len(text), "title": scenario.title,
                                 "duration": scenario.duration, "injects": len(scenario.injects)}
    return json.dumps(catalogue, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def load_builtin(scenario_id: str) -> Scenario:
    name = f"{scenario_id}.yaml"
    resource = scenarios_folder() / name
    return load_scenario(resource.read_bytes(), f"scenarios/{name}")


def builtin_responses(scenario_id: str, quality: str = "good") -> tuple[bytes, str] | None:
    """The example responses shipped beside a built-in scenario, as (bytes, source name)."""
    suffix = RESPONSES_SUFFIX if quality == "good" else f".{quality}{RESPONSES_SUFFIX}"
    name = f"{scenario_id}{suffix}"
    resource = scenarios_folder() / name
    if not resource.is_file():
        return None
    return resource.read_bytes(), f"scenarios/{name}"


def read_source(path: str | Path) -> bytes:
    """Read a scenario or responses file, turning OS errors into a located problem."""
    path = Path(path)
    try:
        if path.is_dir():
            raise IsADirectoryError(f"{path} is a folder, not a file")
        return path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise ScenarioError([Problem(str(path), 1, 1, f"cannot read: {reason}")]) from None


@frozen
class ScenarioFile:
    """A scenario's text as read, kept so a stored drill can be rebuilt even if the file changes later."""

    text: bytes
    name: str  # the source name used in problems: a path, or scenarios/ID.yaml for a built-in

    def load(self) -> Scenario:
        return load_scenario(self.text, self.name)


def scenario_file(name_or_path: str) -> ScenarioFile:
    """A built-in id (``checkout-outage``) or a path to a YAML file, read but not yet parsed."""
    known = {entry.id for entry in builtin_files()}
    if name_or_path in known:
        name = f"{name_or_path}.yaml"
        return ScenarioFile((scenarios_folder() / name).read_bytes(), f"scenarios/{name}")
    path = Path(name_or_path)
    if path.exists() or path.suffix in SCENARIO_SUFFIXES or "/" in name_or_path:
        return ScenarioFile(read_source(path), str(path))
    choices = ", ".join(sorted(known))
    raise ScenarioError([Problem(name_or_path, 1, 1, f"no built-in scenario or file by this name (built-ins: {choices})")])


def scenario_file_of(scenario: Scenario) -> ScenarioFile:
    """The text a loaded scenario came from, read again (to record a drill started from a picker).

    Refused if the file no longer holds that very scenario: a drill is stored with the text it was played on.
    """
    name = scenario.source
    if name == f"scenarios/{scenario.id}.yaml" and scenario.id in {entry.id for entry in builtin_files()}:
        file = scenario_file(scenario.id)
    else:
        file = ScenarioFile(read_source(name), name)
    if file.load() != scenario:
        raise ScenarioError([Problem(name, 1, 1, "changed since the drill started, so the drill cannot be recorded")])
    return file


def resolve_scenario(name_or_path: str) -> Scenario:
    """A built-in id (``checkout-outage``) or a path to a YAML file."""
    return scenario_file(name_or_path).load()


if __name__ == "__main__":  # python -m drill.library --write
    import sys

    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m drill.library --write   (rewrites scenarios/catalogue.json)")
    path = scenarios_folder() / CATALOGUE
    path.write_text(catalogue_text(), "utf-8")
    print(f"wrote {path}")
