"""Every store command has help and takes --db."""

import pytest

from drill.cli.main import main


@pytest.mark.parametrize("command", ["history", "export", "report", "resume", "replay"])
def test_store_commands_have_help_with_db(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: drill " + command) and "--db PATH" in out
