"""The ``toponym`` command line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from toponym_server.cli import main
from toponym_server.index import IndexReader


def test_help_documents_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for command in ("serve", "index", "resolve", "place"):
        assert command in out


def test_resolve_in_process_prints_json_lines(embedded_index: IndexReader, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", "--index", str(embedded_index.path), "--json", "Hasakeh", "Kobanî"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["query"] for line in lines] == ["Hasakeh", "Kobanî"]
    assert [line["candidates"][0]["geoname_id"] for line in lines] == [173811, 172256]


def test_resolve_prints_a_table_by_default(embedded_index: IndexReader, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", "--index", str(embedded_index.path), "--country", "SY", "Hama"]) == 0
    out = capsys.readouterr().out
    assert "170017" in out and "SY" in out


@pytest.mark.parametrize("through", ["in-process", "server"])
def test_resolve_can_rank_near_spellings_beside_exact_namesakes(
    through: str, embedded_index: IndexReader, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Misrata is an alternate name of the Libyan city; its district, Mişrātah, is spelt nearly as it.
    where = ["--index", str(embedded_index.path)] if through == "in-process" else ["--server", target]
    names: list[set[str]] = []
    for flags in ([], ["--near-spellings"]):
        assert main(["resolve", *where, "--json", *flags, "Misrata"]) == 0
        names.append({c["name"] for c in json.loads(capsys.readouterr().out)["candidates"]})
    assert "Mişrātah" not in names[0]
    assert "Mişrātah" in names[1]


def test_resolve_through_a_server(target: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["resolve", "--server", target, "--json", "Deir Ezzor"]) == 0
    line = json.loads(capsys.readouterr().out)
    assert line["candidates"][0]["geoname_id"] == 170794


def test_a_missing_index_is_a_clear_error(tmp_path: object, caplog: pytest.LogCaptureFixture) -> None:
    assert main(["resolve", "--index", "/nonexistent/index.sqlite", "Hama"]) == 2
    assert "does not exist" in caplog.text


def test_serve_logs_ready_and_exits_zero_on_sigterm(embedded_index: IndexReader) -> None:
    env = {**os.environ, "TOPONYM_PORT": "0"}
    process = subprocess.Popen(
        [sys.executable, "-m", "toponym_server.cli", "serve", "--index", str(embedded_index.path)],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stderr is not None
    deadline = time.monotonic() + 60
    ready = ""
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if "ready on" in line:
            ready = line
            break
    assert "places" in ready, "server did not log its ready line"
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0


def test_text_reads_standard_input_and_prints_json_mentions(
    embedded_index: IndexReader, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Clashes near Hasakeh and in Aleppo, said President Obama."))
    assert main(["text", "--index", str(embedded_index.path), "--json", "-"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["text"], r["start"], r["candidates"][0]["geoname_id"]) for r in rows] == [
        ("Hasakeh", 13, 173811),
        ("Aleppo", 28, 170063),
    ]


@pytest.mark.parametrize(
    ("value", "expected"), [("false", False), ("0", False), ("off", False), ("1", True), ("yes", True)]
)
def test_on_off_settings_read_the_usual_words(monkeypatch: pytest.MonkeyPatch, value: str, expected: bool) -> None:
    from toponym_server.cli import _parser

    monkeypatch.setenv("TOPONYM_READ_AHEAD", value)
    monkeypatch.setenv("TOPONYM_VERIFY_INDEX", value)
    monkeypatch.setenv("TOPONYM_WARM_UP", value)
    args = _parser().parse_args(["serve"])
    assert args.read_ahead is expected and args.verify_index is expected and args.warm_up is expected


def test_a_server_warms_up_unless_told_not_to() -> None:
    from toponym_server.cli import _parser

    assert _parser().parse_args(["serve"]).warm_up is True
    assert _parser().parse_args(["serve", "--no-warm-up"]).warm_up is False


def test_kept_name_rows_come_from_the_flag_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from toponym_server.cli import _parser
    from toponym_server.resolver.resolver import DEFAULT_KEPT_NAME_ROWS

    assert _parser().parse_args(["serve"]).kept_name_rows == DEFAULT_KEPT_NAME_ROWS
    monkeypatch.setenv("TOPONYM_KEPT_NAME_ROWS", "20000")
    assert _parser().parse_args(["serve"]).kept_name_rows == 20_000
    assert _parser().parse_args(["serve", "--kept-name-rows", "5000"]).kept_name_rows == 5_000


def test_the_largest_index_kept_in_memory_comes_from_the_flag_or_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from toponym_server.cli import _parser
    from toponym_server.service.read_ahead import DEFAULT_KEEP_INDEX_BYTES

    assert _parser().parse_args(["serve"]).keep_index_mib << 20 == DEFAULT_KEEP_INDEX_BYTES
    monkeypatch.setenv("TOPONYM_KEEP_INDEX_MIB", "512")
    assert _parser().parse_args(["serve"]).keep_index_mib == 512
    assert _parser().parse_args(["serve", "--keep-index-mib", "0"]).keep_index_mib == 0


def test_answers_kept_come_from_the_flag_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from toponym_server.cli import _parser
    from toponym_server.resolver.resolver import DEFAULT_RESULT_CACHE

    assert _parser().parse_args(["serve"]).answers_kept == DEFAULT_RESULT_CACHE
    monkeypatch.setenv("TOPONYM_ANSWERS_KEPT", "50000")
    assert _parser().parse_args(["serve"]).answers_kept == 50_000
    assert _parser().parse_args(["serve", "--answers-kept", "0"]).answers_kept == 0


def test_serve_passes_kept_name_rows_the_keep_limit_and_the_answers_kept_to_the_server(
    embedded_index: IndexReader, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toponym_server import cli
    from toponym_server.service import server

    configs: list[server.ServerConfig] = []
    monkeypatch.setattr(server, "serve_until_signalled", lambda index, config: configs.append(config))
    argv = ["serve", "--index", str(embedded_index.path), "--kept-name-rows", "1234", "--keep-index-mib", "100"]
    assert cli.main([*argv, "--answers-kept", "20000"]) == 0
    assert [(config.kept_name_rows, config.keep_index_bytes, config.answers_kept) for config in configs] == [
        (1234, 100 << 20, 20_000)
    ]


def test_a_name_the_server_refuses_is_one_line_and_the_others_keep_their_answers(
    target: str, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    # Before, the whole batch ended in a BatchError traceback and Homs's answer was lost.
    assert main(["resolve", "--server", target, "--json", "", "Homs"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["query"] for line in lines] == ["Homs"]
    assert "'' refused:" in caplog.text and "Traceback" not in caplog.text


def test_a_call_the_server_refuses_is_one_line(target: str, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Shelling hit Aleppo.", encoding="utf-8")
    assert main(["text", "--server", target, "--country", "ZZ", str(article)]) == 1
    assert "INVALID_ARGUMENT" in caplog.text and "Traceback" not in caplog.text


@pytest.mark.parametrize("through", ["in-process", "server"])
def test_place_says_when_there_is_none_and_shows_the_asked_language(
    embedded_index: IndexReader, target: str, through: str, capsys: pytest.CaptureFixture[str]
) -> None:
    where = ["--index", str(embedded_index.path)] if through == "in-process" else ["--server", target]
    assert main(["place", "999999999", *where]) == 1
    assert "no place with GeoNames ID 999999999" in capsys.readouterr().err
    assert main(["place", "163843", "--lang", "ar", *where]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("163843  Syria [ar: سوريا]")


REFUSED = [
    (["resolve", "--json", "", "Homs"], "'' refused: requests[0].name: must not be empty or only whitespace"),
    (["resolve", "--country", "ZZ", "Homs"], "requests[0].hints.country_codes[0]: 'ZZ' is not a known country code"),
    (["resolve", "--near", "95,10", "Homs"], "requests[0].hints.near.latitude: must be in [-90, 90], got 95.0"),
    (["resolve", "--lang", "!!", "Homs"], "requests[0].hints.language: '!!' is not a BCP 47 language tag"),
    (["text", "--country", "ZZ"], "INVALID_ARGUMENT: hints.country_codes[0]: 'ZZ' is not a known country code"),
    (["text", "--min-confidence", "2"], "INVALID_ARGUMENT: hints.min_confidence: must be in [0, 1], got 2.0"),
    (["place", "170063", "--lang", "!!"], "INVALID_ARGUMENT: language: '!!' is not a BCP 47 language tag"),
]


@pytest.mark.parametrize("through", ["in-process", "server"])
@pytest.mark.parametrize(("argv", "says"), REFUSED, ids=[" ".join(argv) for argv, _ in REFUSED])
def test_in_process_and_through_a_server_refuse_the_same_input_alike(
    embedded_index: IndexReader,
    target: str,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
    through: str,
    argv: list[str],
    says: str,
) -> None:
    # Before, in process, an unknown country or language was taken as no hint and an empty name
    # was answered with nothing; a server refused them.
    where = ["--index", str(embedded_index.path)] if through == "in-process" else ["--server", target]
    if argv[0] == "text":
        article = tmp_path / "article.txt"
        article.write_text("Shelling hit Homs.", encoding="utf-8")
        argv = [*argv, str(article)]
    assert main([*argv, *where]) == 1
    assert says in caplog.text and "Traceback" not in caplog.text
    out = capsys.readouterr().out
    if "--json" in argv:  # the other name keeps its answer
        assert [json.loads(line)["query"] for line in out.splitlines()] == ["Homs"]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["resolve", "--near", "abc", "Homs"], "argument --near: 'abc' is not LAT,LON"),
        (["resolve", "--limit", "0", "Homs"], "argument --limit: must be at least 1, got 0"),
        (["text", "--limit", "0", "-"], "argument --limit: must be at least 1, got 0"),
    ],
)
def test_an_unusable_option_is_a_usage_error(argv: list[str], says: str, capsys: pytest.CaptureFixture[str]) -> None:
    # Before, --near abc ended in a ValueError traceback and --limit 0 printed no candidate.
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2 and says in capsys.readouterr().err.splitlines()[-1]
