"""The built-in scenario library and reading scenario files (the I/O edge of scenario loading)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from drill.scenario import Scenario, load_scenario
from drill.scenario.problems import Problem, ScenarioError

SCENARIO_SUFFIXES = (".yaml", ".yml")
RESPONSES_SUFFIX = ".responses.yaml"


@dataclass(frozen=True)
class BuiltIn:
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


@dataclass(frozen=True)
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
