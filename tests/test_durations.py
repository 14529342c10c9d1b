import pytest

from drill.durations import format_clock, format_minutes, parse_duration


@pytest.mark.parametrize("text, seconds", [
    ("45s", 45), ("20m", 1200), ("1h30m", 5400), ("1h 30m 5s", 5405), ("01:30:00", 5400),
    ("90:00", 5400), ("0", 0), (300, 300), ("300", 300), (" 5m ", 300),
])
def test_parses_the_documented_forms(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "ten minutes", "5x", "1m1h", "5m5m", "1:99", "-5", True, 1.5, None, "1:61:00"])
def test_refuses_everything_else_with_a_message(text):
    with pytest.raises(ValueError) as error:
        parse_duration(text)
    assert str(error.value)


def test_formats_clock_and_minutes():
    assert format_clock(0) == "T+00:00"
    assert format_clock(754) == "T+12:34"
    assert format_clock(3723) == "T+1:02:03"
    assert format_minutes(270) == "4m 30s"
    assert format_minutes(720) == "12m"
    assert format_minutes(45) == "45s"
