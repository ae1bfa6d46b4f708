"""The command line meets unusual settings and damaged input with one clear line, never a traceback."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from toponym_server.cli import _parser, main

from .index.conftest import dump_row

ROWS = [
    dump_row(170654, "Damascus", "Damascus", "Dimashq", 33.51, 36.29, "P.PPLC", "SY", "13", 1569394),
    dump_row(170063, "Aleppo", "Aleppo", "Halab", 36.20, 37.16, "P.PPLA", "SY", "09", 1602264),
]
SERVICE_LINK = "tcp://10.96.0.12:50051"  # what Kubernetes sets in every pod beside a Service named toponym


@pytest.fixture()
def no_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any build that starts fail the test at once (the embedded one takes minutes)."""

    def build_index(*args: object, **kwargs: object) -> None:
        raise AssertionError("the build started")

    monkeypatch.setattr("toponym_server.index.build.build_index", build_index)


def build(tmp_path: Path, *args: object) -> int:
    options = ["--no-seeds", "--stored-answers", "0", "--workers", "1", "--quiet"]
    return main(["index", "build", *map(str, args), *options, "--output", str(tmp_path / "index.sqlite")])


@pytest.fixture()
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "SY.txt"
    path.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    return path


# --- TOPONYM_PORT ----------------------------------------------------------------------


@pytest.mark.parametrize("value", [SERVICE_LINK, "", "70000", "-1", "fifty"])
def test_an_unusable_port_setting_leaves_other_commands_alone(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path, value: str
) -> None:
    monkeypatch.setenv("TOPONYM_PORT", value)
    assert main(["index", "verify", str(tmp_path / "missing.sqlite")]) == 2
    assert "does not exist" in caplog.text
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("TOPONYM_GRACE_SECONDS", "-5", "must be a finite number of seconds"),
        ("TOPONYM_GRACE_SECONDS", "nan", "must be a finite number of seconds"),
        ("TOPONYM_GRACE_SECONDS", "soon", "is not a number of seconds"),
        ("TOPONYM_WARM_UP", "disabled", "is neither on"),
        ("TOPONYM_READ_AHEAD", "never", "is neither on"),
    ],
)
def test_serve_refuses_a_setting_it_cannot_use_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], variable: str, value: str, says: str
) -> None:
    # Before, a grace of -5 or nan s was taken as it came, and warm-up stayed on when "disabled".
    monkeypatch.setenv(variable, value)
    monkeypatch.setattr("toponym_server.cli._serve", lambda args: pytest.fail("the server started"))
    with pytest.raises(SystemExit) as exited:
        main(["serve"])
    assert exited.value.code == 2
    error = capsys.readouterr().err.splitlines()[-1]
    assert error.startswith("toponym serve: error: ") and f"{variable}: " in error and says in error


@pytest.mark.parametrize(("flag", "variable"), [("--port", "TOPONYM_PORT"), ("--health-port", "TOPONYM_HEALTH_PORT")])
@pytest.mark.parametrize("value", [SERVICE_LINK, "", "70000", "fifty"])
def test_serve_refuses_an_unusable_port_setting_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], value: str, flag: str, variable: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SystemExit) as exited:
        _parser().parse_args(["serve"])
    assert exited.value.code == 2
    error = capsys.readouterr().err.splitlines()[-1]
    assert error.startswith(f"toponym serve: error: argument {flag}: {variable}: ")
    assert "not a port number" in error


def test_a_service_link_in_the_port_setting_is_explained(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TOPONYM_PORT", SERVICE_LINK)
    with pytest.raises(SystemExit):
        _parser().parse_args(["serve"])
    assert "Kubernetes service link" in capsys.readouterr().err


def test_the_port_comes_from_the_flag_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _parser().parse_args(["serve"]).port == 50051
    monkeypatch.setenv("TOPONYM_PORT", "0")  # a free port
    assert _parser().parse_args(["serve"]).port == 0
    monkeypatch.setenv("TOPONYM_PORT", "8443")
    assert _parser().parse_args(["serve"]).port == 8443
    monkeypatch.setenv("TOPONYM_PORT", SERVICE_LINK)
    assert _parser().parse_args(["serve", "--port", "50052"]).port == 50052


def test_the_health_port_comes_from_the_flag_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _parser().parse_args(["serve"]).health_port is None  # none unless asked for
    monkeypatch.setenv("TOPONYM_HEALTH_PORT", "8081")
    assert _parser().parse_args(["serve"]).health_port == 8081
    assert _parser().parse_args(["serve", "--health-port", "0"]).health_port == 0


@pytest.mark.parametrize(("port", "refused"), [("50051", True), ("0", False)])
def test_serve_refuses_a_health_port_that_is_the_service_port(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], port: str, refused: bool
) -> None:
    started: list[int] = []
    monkeypatch.setattr("toponym_server.cli._serve", lambda args: started.append(args.health_port) or 0)
    argv = ["serve", "--port", port, "--health-port", port]
    if not refused:  # port 0 twice is two free ports
        assert main(argv) == 0 and started == [0]
        return
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2 and not started
    assert "--health-port 50051 is the port of the service" in capsys.readouterr().err.splitlines()[-1]


def test_serve_passes_the_health_port_to_the_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from toponym_server.service import server

    configs: list[server.ServerConfig] = []
    monkeypatch.setattr(server, "serve_until_signalled", lambda index, config: configs.append(config))
    monkeypatch.setattr("toponym_server.cli._open", lambda index: None)
    assert main(["serve", "--index", str(tmp_path / "index.sqlite"), "--health-port", "8081"]) == 0
    assert [config.health_port for config in configs] == [8081]


def test_serve_passes_the_bound_on_open_streams_from_the_flag_or_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from toponym_server.service import server

    configs: list[server.ServerConfig] = []
    monkeypatch.setattr(server, "serve_until_signalled", lambda index, config: configs.append(config))
    monkeypatch.setattr("toponym_server.cli._open", lambda index: None)
    serve = ["serve", "--index", str(tmp_path / "index.sqlite")]
    assert main(serve) == 0
    monkeypatch.setenv("TOPONYM_MAX_OPEN_STREAMS", "6")
    assert main(serve) == 0
    assert main([*serve, "--max-open-streams", "2"]) == 0
    assert [config.max_open_streams for config in configs] == [None, 6, 2]  # None: half the workers


@pytest.mark.parametrize(("size", "warned"), [("100", True), ("1000", False)])
def test_serve_warns_of_a_batch_limit_below_the_client_s_requests(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture, size: str, warned: bool
) -> None:
    # The Python client sends a batch as requests of up to 1,000 names: a lower limit refuses them whole.
    from toponym_server.service import server

    monkeypatch.setattr(server, "serve_until_signalled", lambda index, config: None)
    monkeypatch.setattr("toponym_server.cli._open", lambda index: None)
    assert main(["serve", "--index", str(tmp_path / "index.sqlite"), "--max-batch-size", size]) == 0
    assert ("refused whole" in caplog.text) is warned


# --- options for dumps without dumps ---------------------------------------------------


@pytest.mark.parametrize(
    "option",
    [
        ["--alternate-names", "alternateNamesV2.zip"],
        ["--country-info", "countryInfo.txt"],
        ["--admin1", "admin1CodesASCII.txt"],
        ["--admin2", "admin2Codes.txt"],
        ["--feature-classes", "PS"],
        ["--countries", "SY"],
        ["--min-population", "1000"],
        ["--strict"],
    ],
)
def test_an_option_for_dumps_without_geonames_is_a_usage_error(
    no_build: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], option: list[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        build(tmp_path, *option)
    assert exited.value.code == 2
    error = capsys.readouterr().err.splitlines()[-1]
    assert error.startswith(f"toponym index build: error: {option[0]} applies to GeoNames dumps only")
    assert "--geonames" in error


# --- files missing, damaged or wrongly encoded -----------------------------------------


def test_a_mistyped_dump_path_is_one_line_naming_it(
    no_build: None, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert build(tmp_path, "--geonames", tmp_path / "SY.tx") == 1
    assert f"{tmp_path / 'SY.tx'}: no such file" in caplog.text


@pytest.mark.parametrize(
    "option", ["--alternate-names", "--country-info", "--admin1", "--admin2", "--custom", "--crosswalk"]
)
def test_a_missing_input_file_stops_the_build_before_it_starts(
    no_build: None, tmp_path: Path, dump: Path, caplog: pytest.LogCaptureFixture, option: str
) -> None:
    missing = tmp_path / "missing.txt"
    assert build(tmp_path, "--geonames", dump, option, missing) == 1
    assert f"{missing}: no such file" in caplog.text


def test_a_directory_given_as_a_dump_is_refused(
    no_build: None, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    assert build(tmp_path, "--geonames", tmp_path) == 1
    assert f"{tmp_path}: a directory" in caplog.text


@pytest.mark.parametrize("feature_classes", ["PPL", "ADM1", "P,X"])
def test_feature_classes_that_are_no_classes_are_a_usage_error(
    no_build: None, tmp_path: Path, dump: Path, capsys: pytest.CaptureFixture[str], feature_classes: str
) -> None:
    # PPL is a feature code: read as classes, it would keep every populated place and park.
    with pytest.raises(SystemExit) as exited:
        build(tmp_path, "--geonames", dump, "--feature-classes", feature_classes)
    assert exited.value.code == 2
    assert "not feature codes" in capsys.readouterr().err


@pytest.mark.parametrize("inputs", [["--geonames", "SY.txt"], ["--custom", "mine.tsv"], ["--no-seeds"]])
def test_a_build_of_other_inputs_than_the_embedded_gazetteer_needs_an_output(
    no_build: None, tmp_path: Path, dump: Path, capsys: pytest.CaptureFixture[str], inputs: list[str]
) -> None:
    # At the default path, the embedded index's, the next plain start would build the embedded
    # gazetteer over an hour's import.
    (tmp_path / "mine.tsv").write_text("")
    args = [str(tmp_path / arg) if arg.endswith((".txt", ".tsv")) else arg for arg in inputs]
    with pytest.raises(SystemExit) as exited:
        main(["index", "build", *args, "--quiet"])
    assert exited.value.code == 2
    error = capsys.readouterr().err.splitlines()[-1]
    assert f"{inputs[0]} needs --output" in error


def test_an_output_that_is_a_directory_stops_the_build_before_it_starts(
    no_build: None, tmp_path: Path, dump: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "index.sqlite").mkdir()
    assert build(tmp_path, "--geonames", dump) == 1
    assert f"{tmp_path / 'index.sqlite'}: a directory" in caplog.text


@pytest.mark.parametrize("same_as", ["dump", "country info"])
def test_an_output_that_is_one_of_the_inputs_is_refused_and_left_as_it_is(
    no_build: None, tmp_path: Path, dump: Path, caplog: pytest.LogCaptureFixture, same_as: str
) -> None:
    info = tmp_path / "countryInfo.txt"
    info.write_text("#ISO\n")
    output = dump if same_as == "dump" else info
    before = output.read_bytes()
    options = ["index", "build", "--geonames", str(dump), "--country-info", str(info), "--no-seeds", "--quiet"]
    assert main([*options, "--output", str(output)]) == 1
    assert "one of the build's own input files" in caplog.text
    assert output.read_bytes() == before


def test_an_output_that_exists_and_is_no_index_is_not_replaced(
    no_build: None, tmp_path: Path, dump: Path, caplog: pytest.LogCaptureFixture
) -> None:
    notes = tmp_path / "index.sqlite"
    notes.write_text("my notes\n")
    assert build(tmp_path, "--geonames", dump) == 1
    assert "exists and is not an index file" in caplog.text
    assert notes.read_text() == "my notes\n"


def test_an_output_directory_the_build_cannot_write_in_is_named_before_it_starts(
    no_build: None, tmp_path: Path, dump: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The build named its hidden lock file instead (/proc/.x.sqlite.build-lock: ...).
    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.TemporaryFile", refused)
    assert build(tmp_path, "--geonames", dump) == 1
    assert f"{tmp_path / 'index.sqlite'}: cannot write in {tmp_path}: Permission denied" in caplog.text


def test_an_index_is_built_over_an_earlier_one(tmp_path: Path, dump: Path) -> None:
    assert build(tmp_path, "--geonames", dump) == 0
    assert build(tmp_path, "--geonames", dump) == 0


@pytest.mark.parametrize("option", ["--alternate-names", "--admin1", "--admin2"])
def test_a_dump_given_for_another_option_stops_the_build_before_it_starts(
    no_build: None, tmp_path: Path, dump: Path, caplog: pytest.LogCaptureFixture, option: str
) -> None:
    # Those files are read after the whole dump: on allCountries, many minutes into the build.
    assert build(tmp_path, "--geonames", dump, option, dump) == 1
    assert "is it the right file for its option?" in caplog.text


def test_a_truncated_zip_is_one_line_naming_it(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("allCountries.txt", "\n".join(ROWS * 200) + "\n")
    truncated = tmp_path / "allCountries.zip"
    truncated.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert build(tmp_path, "--geonames", truncated) == 1
    assert f"{truncated}: not a readable zip file" in caplog.text
    assert not (tmp_path / "index.sqlite").exists()


def test_a_custom_file_with_a_latin1_line_is_one_line_naming_it(
    tmp_path: Path, dump: Path, caplog: pytest.LogCaptureFixture
) -> None:
    custom = tmp_path / "custom.tsv"
    custom.write_bytes(
        b"id\tname\tlatitude\tlongitude\tfeature\tcountry_code\n"
        b"1\tAl-Tanf\t33.5\t38.62\tS.PSTB\tSY\n"
        b"2\tCamp \xe9l\xe9phant\t33.6\t38.7\tS.CMPRF\tSY\n"
    )
    assert build(tmp_path, "--geonames", dump, "--custom", custom) == 1
    assert f"{custom}:3: not UTF-8" in caplog.text


def test_a_dump_row_with_a_huge_number_is_skipped_and_the_build_goes_on(
    tmp_path: Path, dump: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    with dump.open("a", encoding="utf-8") as handle:
        handle.write(dump_row(9000001, "Tell Abyad", "Tell Abyad", "", 36.69, 38.95, "P.PPL", "SY", population=10**20))
        handle.write("\n" + dump_row(10**20, "Tell Abyad", "Tell Abyad", "", 36.69, 38.95, "P.PPL", "SY") + "\n")
    assert build(tmp_path, "--geonames", dump) == 0
    assert "2 places" in capsys.readouterr().out
    assert f"{dump}:3: population out of range" in caplog.text
    assert f"{dump}:4: geonameid out of range" in caplog.text


def test_a_custom_id_past_the_range_is_one_line_naming_it(
    tmp_path: Path, dump: Path, caplog: pytest.LogCaptureFixture
) -> None:
    custom = tmp_path / "custom.tsv"
    custom.write_text(
        "id\tname\tlatitude\tlongitude\tfeature\tcountry_code\n99999999999999999999\tCamp\t33.3\t38.7\tS.CMPRF\tSY\n",
        encoding="utf-8",
    )
    assert build(tmp_path, "--geonames", dump, "--custom", custom) == 1
    assert f"{custom}:2: id must be a positive integer below" in caplog.text


def test_a_text_file_that_is_missing_or_not_utf8_is_one_line_naming_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(b"Clashes near Ra\xefs al-Ayn\n")
    index = tmp_path / "unused.sqlite"  # neither command gets as far as opening an index
    assert main(["text", "--index", str(index), str(article)]) == 1
    assert f"{article}: not UTF-8 text" in caplog.text
    assert main(["text", "--index", str(index), str(tmp_path / "missing.txt")]) == 1
    assert f"{tmp_path / 'missing.txt'}: No such file or directory" in caplog.text
