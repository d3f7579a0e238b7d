"""The progress display of ``screening file`` (rich on a terminal, plain lines otherwise)."""

from __future__ import annotations

import io

from service.batch.outcome import RowOutcome, Tally
from service.cli.progress import FileProgress


def test_progress_lines_without_a_terminal() -> None:
    stream = io.StringIO()
    progress = FileProgress(total=1000, stream=stream, interval=0)
    tally = Tally()
    tally.add([RowOutcome(2, "review"), RowOutcome(3, "clear")] * 125)
    progress.update(tally)
    line = stream.getvalue()
    assert line.endswith("\n") and "\r" not in line
    assert line.startswith("25%") and "250 rows" in line and "125 hits" in line and "ETA" in line


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_bar_redrawn_in_place() -> None:
    stream = _Terminal()
    progress = FileProgress(total=1000, stream=stream)
    tally = Tally()
    tally.add([RowOutcome(2, "block")] * 500)
    progress.update(tally)
    progress.close()
    text = stream.getvalue()
    assert "500/1000" in text and "hits" in text
    assert "\n500 rows" not in text  # not the plain lines


def test_plain_lines_are_spaced_by_the_interval() -> None:
    every_time, hourly = io.StringIO(), io.StringIO()
    progresses = [FileProgress(None, every_time, interval=0), FileProgress(None, hourly, 3600)]
    tally = Tally()
    for _ in range(5):
        tally.add([RowOutcome(2, "clear")])
        for progress in progresses:
            progress.update(tally)
    assert every_time.getvalue().count("\n") == 5 and hourly.getvalue() == ""
    assert "%" not in every_time.getvalue()  # no total, no share
