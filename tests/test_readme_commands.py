"""The README's command table and each command's --help name the same options.

Each row of the table under `## Commands` starts with a usage such as
`drill run [SCENARIO] [--seed N] ...`; every option the row names (in its usage or
its description) is one that command takes, with the same metavar where the row
gives one, and every option the command's --help lists (but -h/--help) is named
in its rows. The parsers are built in-process from drill.cli.main.
"""

import argparse
import re

import pytest

from drill.cli.main import COMMANDS, build_parser

OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*)((?: [A-Z][A-Z0-9_.|]*)*)")
TOP_LEVEL = ""  # the row of `drill --version`, `drill COMMAND --help`


def table_rows(readme: str) -> dict[str, list[str]]:
    """Command name -> the rows of the commands table that document it (a command may have two)."""
    section = readme.split("\n## Commands\n", 1)[1].split("\n#", 1)[0]
    rows: dict[str, list[str]] = {}
    for line in section.splitlines():
        if not line.startswith("| `drill"):
            continue
        cells = [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line)[1:-1]]
        usage = re.match(r"`drill ([^`]*)`", cells[0]).group(1)
        command = usage.split()[0]
        rows.setdefault(TOP_LEVEL if command.startswith("-") else command, []).append(" | ".join(cells))
    return rows


def options_of(parser: argparse.ArgumentParser) -> dict[str, str]:
    """Option -> its metavar as --help shows it ("" for a flag or choices), -h/--help left out; a command
    with actions of its own (`drill store migrate`, `drill store copy`) has the options of them all."""
    options = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                options.update(options_of(sub))
            continue
        if isinstance(action, argparse._HelpAction):
            continue
        metavar = action.metavar if action.nargs != 0 else None
        shown = " ".join(metavar) if isinstance(metavar, tuple) else metavar or ""
        for option in action.option_strings:
            options[option] = shown
    return options


def command_parser(name: str) -> argparse.ArgumentParser:
    parser = build_parser(name)
    if name == TOP_LEVEL:
        return parser
    subparsers = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    return subparsers.choices[name]


def _in_actions_help(parser: argparse.ArgumentParser, option: str) -> bool:
    return any(option in sub.format_help() for action in parser._actions
               if isinstance(action, argparse._SubParsersAction) for sub in action.choices.values())


@pytest.fixture
def rows(root) -> dict[str, list[str]]:
    return table_rows((root / "README.md").read_text(encoding="utf-8"))


def test_every_command_has_a_row_and_every_row_a_command(rows):
    assert set(rows) == {TOP_LEVEL, *COMMANDS}


@pytest.mark.parametrize("command", [TOP_LEVEL, *COMMANDS])
def test_the_readme_row_and_help_name_the_same_options(command, rows):
    parser = command_parser(command)
    options = options_of(parser)
    help_text = parser.format_help()
    named = {}
    for row in rows[command]:
        for option, metavar in OPTION.findall(row):
            named.setdefault(option, set()).add(metavar.strip())
    named.pop("--help", None)  # `drill COMMAND --help`: every parser has it
    unknown = sorted(set(named) - set(options))
    assert not unknown, f"the README names options `drill {command}` does not take: {unknown}"
    undocumented = sorted(set(options) - set(named))
    assert not undocumented, f"`drill {command} --help` lists options its README row leaves out: {undocumented}"
    for option, metavars in named.items():
        assert option in help_text or _in_actions_help(parser, option)
        wrong = sorted(metavars - {"", options[option]})
        assert not wrong, f"README: `{option} {wrong[0]}`, --help: `{option} {options[option]}`"


def test_the_table_is_read_as_written():
    """The reader itself: escaped bars inside code, two rows for one command, the top-level row."""
    readme = """
## Commands

| command | what it does |
| --- | --- |
| `drill score [--format json\\|table] TEXT\\|-` | grades; `--jsonl FILE` a batch |
| `drill report SOURCE [--out DIR]` | one |
| `drill report --compare A B` | two |
| `drill --version`, `drill COMMAND --help` | |

## Next
"""
    rows = table_rows(readme)
    assert set(rows) == {"score", "report", TOP_LEVEL}
    assert OPTION.findall(rows["score"][0]) == [("--format", ""), ("--jsonl", " FILE")]
    assert [OPTION.findall(row) for row in rows["report"]] == [[("--out", " DIR")], [("--compare", " A B")]]
    assert OPTION.findall(rows[TOP_LEVEL][0]) == [("--version", ""), ("--help", "")]


def test_every_scoring_weight_is_named_in_the_readme(root):
    from scoring.drill_weights import DEFAULT_WEIGHTS

    readme = (root / "README.md").read_text()
    missing = [name for name in DEFAULT_WEIGHTS if f"`{name}`" not in readme]
    assert not missing, f"scoring weights the README does not name: {missing}"


def test_every_scenario_key_is_documented(root):
    from drill.scenario.guide import GUIDE_KEYS
    from drill.scenario.loader import EXPECT_KEYS, INJECT_KEYS, TOP_KEYS, TOP_KEYS_V2
    from drill.scenario.public import PUBLIC_KEYS

    readme = (root / "README.md").read_text()
    keys = TOP_KEYS | TOP_KEYS_V2 | INJECT_KEYS | GUIDE_KEYS | EXPECT_KEYS | set(PUBLIC_KEYS)
    missing = sorted(key for key in keys if f"{key}:" not in readme)
    assert not missing, f"scenario keys the README does not document: {missing}"
