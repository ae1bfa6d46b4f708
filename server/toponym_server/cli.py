"""The ``toponym`` command: serve, build indexes, and resolve names from the shell.

Commands:

- ``toponym serve``: serve the gRPC API (building the embedded index on first start);
- ``toponym index build``: build an index from the embedded data or from GeoNames dumps;
- ``toponym index verify``: check an index file's checksum;
- ``toponym resolve NAME...``: resolve names in-process, or through a server with ``--server``;
- ``toponym text FILE``: find and resolve the places a text mentions;
- ``toponym place ID``: show one place with all its names.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import signal
import sys
import tempfile
import threading
import zipfile
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from toponym_server import LOG_FORMAT, __version__
from toponym_server.index.stored import DEFAULT_STORED_ANSWERS
from toponym_server.service import limits
from toponym_server.stopping import exit_through_cleanup

logger = logging.getLogger("toponym")


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


class _FromEnvironment(str):
    """A setting's text read from an environment variable, so that an error about it names the variable."""

    variable: str

    def __new__(cls, text: str, variable: str) -> _FromEnvironment:
        setting = super().__new__(cls, text)
        setting.variable = variable
        return setting


def _env_number(name: str, default: str | None) -> str | None:
    """The text of a numeric setting's environment variable, else ``default``; checked by the option's type.

    argparse converts a text default only when the option's command runs and the option is not
    given, so a bad value stops only the command that reads it, with a usage error.
    """
    value = os.environ.get(name)
    return default if value is None else _FromEnvironment(value, name)


def _from(text: str) -> str:
    return f"{text.variable}: " if isinstance(text, _FromEnvironment) else ""


_OFF = ("", "0", "false", "no", "off")
_ON = ("1", "true", "yes", "on")
_SERVE_FLAGS = ("TOPONYM_VERIFY_INDEX", "TOPONYM_READ_AHEAD", "TOPONYM_WARM_UP")
"""The on/off environment settings of ``serve``: a value that is neither on nor off stops it."""


def _env_flag(name: str, default: bool) -> bool:
    """An on/off environment setting: unset takes ``default``; empty, 0, false, no and off mean off.

    Any other value means on here; ``serve`` refuses one that is not 1, true, yes or on
    (:func:`_check_serve_flags`), so that ``TOPONYM_WARM_UP=disabled`` does not leave it on.
    """
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() not in _OFF


def _check_serve_flags(args: argparse.Namespace) -> None:
    """Stop ``serve`` with a usage error naming an on/off variable whose value is neither."""
    for name in _SERVE_FLAGS:
        value = os.environ.get(name)
        if value is not None and value.strip().lower() not in _OFF + _ON:
            args.usage_error(f"{name}: {value!r} is neither on (1, true, yes, on) nor off (0, false, no, off)")


def _seconds(text: str) -> float:
    """A duration in seconds: a finite number, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{_from(text)}{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"{_from(text)}must be a finite number of seconds, 0 or more, got {text!r}")
    return value


def _whole_number(text: str, minimum: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{_from(text)}{text!r} is not a whole number") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"{_from(text)}must be at least {minimum}, got {value}")
    return value


def _port(text: str) -> int:
    """A TCP port to listen on: a whole number from 1 to 65535, or 0 for a free one."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if 0 <= port <= 65535:
        return port
    hint = ""
    if "://" in text:
        # Kubernetes sets <SERVICE>_PORT=tcp://IP:PORT in every pod of a namespace with a Service named toponym.
        hint = (
            " (a Kubernetes service link, not a setting: give --port, set TOPONYM_PORT in the container's "
            "environment, or turn service links off with enableServiceLinks: false)"
        )
    raise argparse.ArgumentTypeError(
        f"{_from(text)}{text!r} is not a port number, a whole number from 0 to 65535{hint}"
    )


def _positive_int(text: str) -> int:
    return _whole_number(text, 1)


def _point(text: str) -> tuple[float, float]:
    """``LAT,LON`` in decimal degrees; their ranges are checked as the server checks them."""
    parts = text.split(",")
    try:
        if len(parts) == 2:
            return float(parts[0]), float(parts[1])
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{text!r} is not LAT,LON in decimal degrees, such as 36.2,37.16")


def _non_negative_int(text: str) -> int:
    return _whole_number(text, 0)


# serve's limit flags: flag, environment variable, default, help
_LIMIT_FLAGS = (
    ("--max-name-length", "TOPONYM_MAX_NAME_LENGTH", limits.DEFAULT_MAX_NAME_LENGTH, "longest name, in characters"),
    ("--max-batch-size", "TOPONYM_MAX_BATCH_SIZE", limits.DEFAULT_MAX_BATCH_SIZE, "most names in one batch"),
    ("--max-message-bytes", "TOPONYM_MAX_MESSAGE_BYTES", limits.DEFAULT_MAX_MESSAGE_BYTES, "largest request message"),
    ("--max-concurrent-rpcs", "TOPONYM_MAX_CONCURRENT_RPCS", limits.DEFAULT_MAX_CONCURRENT_RPCS, "calls at once"),
    (
        "--max-streams-per-connection",
        "TOPONYM_MAX_STREAMS_PER_CONNECTION",
        limits.DEFAULT_MAX_STREAMS_PER_CONNECTION,
        "concurrent calls on one connection",
    ),
)

# index build's options that apply to GeoNames dumps only: flag, attribute (None when not given)
_DUMP_ONLY_OPTIONS = (
    ("--alternate-names", "alternate_names"),
    ("--country-info", "country_info"),
    ("--admin1", "admin1"),
    ("--admin2", "admin2"),
    ("--feature-classes", "feature_classes"),
    ("--countries", "countries"),
    ("--min-population", "min_population"),
    ("--strict", "strict"),
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="toponym",
        description="Resolve place names in any spelling, script or language to GeoNames IDs.",
    )
    parser.add_argument("--version", action="version", version=f"toponym {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser(
        "serve", help="serve the gRPC API", description="Serve the toponym gRPC API until SIGTERM or SIGINT."
    )
    serve.set_defaults(usage_error=serve.error)
    serve.add_argument(
        "--index",
        type=Path,
        default=_env("TOPONYM_INDEX", "") or None,
        help="index file to serve (env TOPONYM_INDEX; default: the embedded gazetteer, built on first start)",
    )
    serve.add_argument(
        "--host",
        default=_env("TOPONYM_HOST", "127.0.0.1"),
        help="address to listen on (env TOPONYM_HOST; default 127.0.0.1, 0.0.0.0 for all)",
    )
    serve.add_argument(
        "--port",
        type=_port,
        default=_env_number("TOPONYM_PORT", "50051"),
        help="port to listen on (env TOPONYM_PORT; default 50051; 0 picks a free port)",
    )
    serve.add_argument(
        "--health-port",
        type=_port,
        default=_env_number("TOPONYM_HEALTH_PORT", None),
        help="also answer grpc.health.v1 checks on this port, in plaintext, on threads no other call takes, "
        "so that a busy server passes its liveness probe (env TOPONYM_HEALTH_PORT; default none)",
    )
    serve.add_argument(
        "--workers",
        type=_positive_int,
        default=_env_number("TOPONYM_WORKERS", "8"),
        help="worker threads (env TOPONYM_WORKERS; default 8)",
    )
    serve.add_argument(
        "--max-open-streams",
        type=_positive_int,
        default=_env_number("TOPONYM_MAX_OPEN_STREAMS", None),
        help="StreamResolve calls open at once, each holding a worker thread while open; more get "
        "RESOURCE_EXHAUSTED (env TOPONYM_MAX_OPEN_STREAMS; default half of --workers, at least 1)",
    )
    serve.add_argument(
        "--verify-index",
        action="store_true",
        default=_env_flag("TOPONYM_VERIFY_INDEX", False),
        help="check the index file's checksum before serving: reads the whole file, so the start takes longer "
        "(env TOPONYM_VERIFY_INDEX=1)",
    )
    serve.add_argument(
        "--no-read-ahead",
        dest="read_ahead",
        action="store_false",
        default=_env_flag("TOPONYM_READ_AHEAD", True),
        help="do not read the index file into memory once ready and keep it there (env TOPONYM_READ_AHEAD=0); "
        "without it, the first queries after a reboot read the file from disk page by page, and on hosts that "
        "page out page cache left untouched for a while, queries meet the disk again",
    )
    serve.add_argument(
        "--no-warm-up",
        dest="warm_up",
        action="store_false",
        default=_env_flag("TOPONYM_WARM_UP", True),
        help="do not keep the rows of the index's warmest names once ready (env TOPONYM_WARM_UP=0); without it, "
        "the server reads them in the background (about 2 s of CPU for the embedded index, taking turns with "
        "calls) and holds them among its kept name rows (--kept-name-rows) from then on, so that its first "
        "queries read fewer rows from the index",
    )
    serve.add_argument(
        "--keep-index-mib",
        type=_non_negative_int,
        default=_env_number("TOPONYM_KEEP_INDEX_MIB", "3072"),  # read_ahead.DEFAULT_KEEP_INDEX_BYTES, not imported here
        metavar="MIB",
        help="the largest index file (MiB) kept in memory once ready, which counts in the server's resident memory; "
        "a larger one is only read ahead into the page cache (env TOPONYM_KEEP_INDEX_MIB; default 3072)",
    )
    serve.add_argument(
        "--answers-kept",
        type=_non_negative_int,
        default=_env_number("TOPONYM_ANSWERS_KEPT", "10000"),  # resolver.DEFAULT_RESULT_CACHE, not imported here
        metavar="N",
        help="distinct answers kept for names asked again, about 2 KiB each; a pipeline that sends "
        "more distinct names than this over and over finds none kept (env TOPONYM_ANSWERS_KEPT; default 10000; "
        "0 keeps none)",
    )
    serve.add_argument(
        "--kept-name-rows",
        type=_positive_int,
        default=_env_number("TOPONYM_KEPT_NAME_ROWS", "180000"),
        metavar="N",
        help="index name rows kept in memory across queries, about 0.36 KiB each "
        "(env TOPONYM_KEPT_NAME_ROWS; default 180000, about 65 MiB once full)",
    )
    serve.add_argument(
        "--grace-seconds",
        type=_seconds,
        default=_env_number("TOPONYM_GRACE_SECONDS", "10"),
        help="on SIGTERM, how long in-flight calls may take to finish (env TOPONYM_GRACE_SECONDS; default 10)",
    )
    bounds = serve.add_argument_group("limits", "a call past one is refused: INVALID_ARGUMENT or RESOURCE_EXHAUSTED")
    for flag, env, default, text in _LIMIT_FLAGS:
        bounds.add_argument(
            flag,
            type=_positive_int,
            default=_env_number(env, str(default)),
            help=f"{text} (env {env}; default {default})",
        )
    security = serve.add_argument_group("security")
    security.add_argument(
        "--tls-cert",
        type=Path,
        default=_env("TOPONYM_TLS_CERT", "") or None,
        metavar="PEM",
        help="serve TLS with this certificate chain (env TOPONYM_TLS_CERT; needs --tls-key)",
    )
    security.add_argument(
        "--tls-key",
        type=Path,
        default=_env("TOPONYM_TLS_KEY", "") or None,
        metavar="PEM",
        help="private key of --tls-cert (env TOPONYM_TLS_KEY)",
    )
    security.add_argument(
        "--tls-client-ca",
        type=Path,
        default=_env("TOPONYM_TLS_CLIENT_CA", "") or None,
        metavar="PEM",
        help="require client certificates signed by this CA: mutual TLS (env TOPONYM_TLS_CLIENT_CA)",
    )
    security.add_argument(
        "--auth-token-file",
        type=Path,
        default=_env("TOPONYM_AUTH_TOKEN_FILE", "") or None,
        metavar="FILE",
        help="require 'authorization: Bearer <token>' with a token from this file, one a line; health checks "
        "stay open (env TOPONYM_AUTH_TOKEN_FILE, or the token itself in TOPONYM_AUTH_TOKEN)",
    )

    index = commands.add_parser("index", help="build index files", description="Build index files.")
    index_commands = index.add_subparsers(dest="index_command", required=True, metavar="SUBCOMMAND")
    build = index_commands.add_parser(
        "build",
        help="build an index",
        description="Build an index file. Without --geonames, builds the embedded default gazetteer "
        "(GeoNames data from installed packages) into the data directory.",
    )
    build.add_argument(
        "--geonames",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="GeoNames dump files, .txt or .zip (allCountries, XX, citiesN)",
    )
    build.add_argument(
        "--alternate-names",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="GeoNames alternateNamesV2 files, .txt or .zip (names with languages and flags)",
    )
    build.add_argument("--country-info", type=Path, metavar="FILE", help="GeoNames countryInfo.txt")
    build.add_argument("--admin1", type=Path, metavar="FILE", help="GeoNames admin1CodesASCII.txt")
    build.add_argument("--admin2", type=Path, metavar="FILE", help="GeoNames admin2Codes.txt")
    build.add_argument(
        "--custom",
        type=Path,
        nargs="+",
        default=[],
        metavar="FILE",
        help="custom places (TSV or CSV; format in the README) added to the gazetteer or merged into it; "
        "the filters apply to them as to the dump's",
    )
    build.add_argument(
        "--crosswalk", type=Path, nargs="+", default=[], metavar="FILE", help="more curated cross-border links (TSV)"
    )
    build.add_argument(
        "--no-seeds",
        action="store_true",
        help="leave out the seed custom places, crosswalk and area abbreviations shipped in seeds/",
    )
    build.add_argument("--feature-classes", metavar="CLASSES", help="keep only these feature classes, such as PAS")
    build.add_argument("--countries", metavar="CC,CC", help="keep only places in these ISO countries")
    build.add_argument("--min-population", type=int, metavar="N", help="keep only places of N or more")
    build.add_argument("--workers", type=int, default=0, help="normalization processes (default: one per CPU)")
    build.add_argument(
        "--stored-answers",
        type=int,
        default=DEFAULT_STORED_ANSWERS,
        metavar="N",
        help="store the bare answers to up to N distinct names, the warmest first, so that a server reads them "
        f"instead of working them out (default: {DEFAULT_STORED_ANSWERS}, every name of the embedded gazetteer; "
        "0: none)",
    )
    build.add_argument(
        "--output",
        type=Path,
        metavar="PATH",
        help="index file to write (default: the embedded index in the data directory; needed with --geonames, "
        "--custom, --crosswalk or --no-seeds)",
    )
    build.add_argument("--strict", action="store_true", default=None, help="fail on the first malformed line")
    build.add_argument("--quiet", action="store_true", help="no progress bar")
    build.set_defaults(usage_error=build.error)
    verify = index_commands.add_parser(
        "verify",
        help="check an index file",
        description="Check an index file's format and its checksum (reads the whole file).",
    )
    verify.add_argument("path", type=Path, nargs="?", help="index file (default: the embedded index)")

    resolve = commands.add_parser(
        "resolve", help="resolve names", description="Resolve names, in-process or through a server."
    )
    resolve.add_argument("names", nargs="+", metavar="NAME")
    resolve.add_argument(
        "--country",
        action="append",
        default=[],
        metavar="CC",
        help="prefer places in this ISO country (repeatable)",
    )
    resolve.add_argument("--restrict", action="store_true", help="only return places in --country")
    resolve.add_argument("--lang", default="", help="language of the text the names come from (BCP 47)")
    resolve.add_argument("--near", type=_point, metavar="LAT,LON", help="prefer places near this point")
    resolve.add_argument("--limit", type=_positive_int, default=5, help="candidates per name (default 5)")
    resolve.add_argument("--context", action="store_true", help="resolve the names together as one document")
    resolve.add_argument(
        "--near-spellings",
        action="store_true",
        help="rank places spelt nearly as a name beside those named exactly as it (a wider list of alternatives)",
    )
    resolve.add_argument("--json", action="store_true", help="one JSON object per line")
    resolve.add_argument("--server", metavar="HOST:PORT", help="ask this server instead of resolving in-process")
    resolve.add_argument("--index", type=Path, help="index file for in-process resolution")

    text_command = commands.add_parser(
        "text",
        help="find and resolve the places a text mentions",
        description="Find the place names a text mentions (any script) and resolve them together.",
    )
    text_command.add_argument("file", metavar="FILE", help="UTF-8 text file, or - for standard input")
    text_command.add_argument(
        "--country", action="append", default=[], metavar="CC", help="prefer places in this country"
    )
    text_command.add_argument("--limit", type=_positive_int, default=1, help="candidates per mention (default 1)")
    text_command.add_argument(
        "--min-confidence", type=float, default=None, help="confidence a mention needs (default 0.5)"
    )
    text_command.add_argument("--json", action="store_true", help="one JSON object per mention")
    text_command.add_argument("--server", metavar="HOST:PORT", help="ask this server instead of resolving in-process")
    text_command.add_argument("--index", type=Path, help="index file for in-process resolution")

    place = commands.add_parser("place", help="show one place", description="Show a place and all its names.")
    place.add_argument("geoname_id", type=int)
    place.add_argument("--lang", default="")
    place.add_argument("--json", action="store_true")
    place.add_argument("--server", metavar="HOST:PORT")
    place.add_argument("--index", type=Path)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``toponym`` command line; return the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "index" and args.index_command == "build":
        _check_build_options(args)
    if args.command == "serve":
        _check_serve_flags(args)
        if args.health_port is not None and args.health_port == args.port != 0:
            args.usage_error(f"--health-port {args.health_port} is the port of the service: give it a port of its own")
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format=LOG_FORMAT,
        stream=sys.stderr,
    )
    # SIGTERM ends a command like Ctrl-C does, through the cleanup that removes a build's temporary
    # files (a server's first start builds the embedded index); once serving, the server's own
    # handler takes over. Signal handlers can be set only from the main thread.
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, exit_through_cleanup) if in_main_thread else None
    try:
        return _run(args)
    except KeyboardInterrupt:
        logger.error("interrupted")
        return 128 + signal.SIGINT
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    """Run the command ``args`` name; an error it expects is one line and an exit code."""
    from toponym_client import ToponymError
    from toponym_server.index.reader import IndexFileError
    from toponym_server.sources.crosswalk import CrosswalkError
    from toponym_server.sources.custom import CustomPlacesError
    from toponym_server.sources.geonames import GeoNamesFileError, MalformedLineError

    try:
        if args.command == "serve":
            return _serve(args)
        if args.command == "index":
            return _build(args)
        if args.command == "resolve":
            return _resolve(args)
        if args.command == "text":
            return _text(args)
        return _place(args)
    except IndexFileError as err:
        logger.error("%s", err)
        return 2
    except (CustomPlacesError, CrosswalkError, MalformedLineError, GeoNamesFileError) as err:
        logger.error("%s", err)
        return 1
    except zipfile.BadZipFile as err:
        logger.error("not a readable zip file: %s", err)
        return 1
    except ToponymError as err:  # through a server (--server): it refused the call, or is not there
        logger.error("%s: %s", err.code.name, err.details)
        return 1
    except OSError as err:
        logger.error("%s", _os_error_text(err))
        return 1


_FEATURE_CLASSES = frozenset("AHLPRSTUV")
"""GeoNames' feature classes: what ``--feature-classes`` may name."""


def _feature_classes(args: argparse.Namespace) -> str:
    """The letters ``--feature-classes`` gives, upper case, commas left out ("" when not given)."""
    return (args.feature_classes or "").upper().replace(",", "")


def _check_build_options(args: argparse.Namespace) -> None:
    """Stop ``index build`` with a usage error for options that cannot go together or name nothing.

    Options for GeoNames dumps need ``--geonames``; ``--feature-classes`` names classes, each
    once. A build of other inputs than the embedded gazetteer's own (dumps, custom places, a
    crosswalk, no seeds) must name its ``--output``: at the default path, the embedded index's,
    the next ``toponym serve`` would find it built from other inputs and build the embedded
    gazetteer over it.
    """
    given = [flag for flag, attribute in _DUMP_ONLY_OPTIONS if getattr(args, attribute) is not None]
    if given and not args.geonames:
        args.usage_error(
            f"{', '.join(given)} {'applies' if len(given) == 1 else 'apply'} to GeoNames dumps only: "
            "give the dumps with --geonames (without it, the build is the embedded gazetteer)"
        )
    classes = _feature_classes(args)
    if set(classes) - _FEATURE_CLASSES or len(set(classes)) < len(classes):
        # A letter twice is a feature code (PPL), which would keep its letters' classes (P and L).
        args.usage_error(
            f"--feature-classes {args.feature_classes}: give GeoNames feature classes, each once, among "
            f"{' '.join(sorted(_FEATURE_CLASSES))} (such as PAS), not feature codes"
        )
    own_inputs = [
        flag
        for flag, given in (
            ("--geonames", args.geonames),
            ("--custom", args.custom),
            ("--crosswalk", args.crosswalk),
            ("--no-seeds", args.no_seeds),
        )
        if given
    ]
    if own_inputs and args.output is None:
        args.usage_error(
            f"{', '.join(own_inputs)} need{'s' if len(own_inputs) == 1 else ''} --output: the default path is the "
            "embedded index's, which toponym serve rebuilds from the embedded gazetteer when built otherwise"
        )


def _os_error_text(err: OSError) -> str:
    """One line for an OS error, naming its file when it has one: ``FILE: No such file or directory``."""
    if err.filename is not None and err.strerror:
        return f"{err.filename}: {err.strerror}"
    return str(err)


def _open(index: Path | None, progress: bool = True) -> Any:
    from toponym_server.default_index import ensure_embedded_index
    from toponym_server.index import open_index

    return open_index(index) if index else ensure_embedded_index(progress=progress)


def _serve(args: argparse.Namespace) -> int:
    from toponym_client._config import BATCH_REQUEST_SIZE
    from toponym_server.service.security import SecurityConfigError, server_credentials
    from toponym_server.service.server import ServerConfig, serve_until_signalled

    if args.max_batch_size < BATCH_REQUEST_SIZE:
        logger.warning(
            "--max-batch-size %d is below the %d names of a request the Python client sends for a batch by "
            "default: give clients a batch_size no larger, or resolve_batch calls of more names are refused whole",
            args.max_batch_size,
            BATCH_REQUEST_SIZE,
        )
    try:
        tls = _tls_files(args)
        if tls:
            server_credentials(tls)  # read the files now: a bad one must stop the start, not the first call
        config = ServerConfig(
            host=args.host,
            port=args.port,
            workers=args.workers,
            max_open_streams=args.max_open_streams,
            grace_seconds=args.grace_seconds,
            limits=limits.Limits(
                max_name_length=args.max_name_length,
                max_batch_size=args.max_batch_size,
                max_message_bytes=args.max_message_bytes,
                max_concurrent_rpcs=args.max_concurrent_rpcs,
                max_streams_per_connection=args.max_streams_per_connection,
            ),
            tls=tls,
            auth_tokens=_auth_tokens(args),
            read_ahead=args.read_ahead,
            keep_index_bytes=args.keep_index_mib << 20,
            kept_name_rows=args.kept_name_rows,
            answers_kept=args.answers_kept,
            warm_up=args.warm_up,
            health_port=args.health_port,
        )
    except SecurityConfigError as err:
        logger.error("%s", err)
        return 2
    index = _open(args.index)
    if args.verify_index:
        index.verify()
    try:
        serve_until_signalled(index, config)
    except OSError as err:
        logger.error("cannot serve: %s", err)
        return 1
    return 0


def _tls_files(args: argparse.Namespace) -> Any:
    from toponym_server.service.security import SecurityConfigError, TlsFiles

    if args.tls_cert is None and args.tls_key is None:
        if args.tls_client_ca is not None:
            raise SecurityConfigError("--tls-client-ca needs --tls-cert and --tls-key")
        return None
    if args.tls_cert is None or args.tls_key is None:
        raise SecurityConfigError("TLS needs both --tls-cert and --tls-key")
    return TlsFiles(cert=args.tls_cert, key=args.tls_key, client_ca=args.tls_client_ca)


def _auth_tokens(args: argparse.Namespace) -> frozenset[str]:
    from toponym_server.service.auth import check_tokens, load_tokens

    tokens: set[str] = set()
    if args.auth_token_file is not None:
        tokens |= load_tokens(args.auth_token_file)
    if token := os.environ.get("TOPONYM_AUTH_TOKEN", "").strip():
        tokens |= check_tokens([token])
    return frozenset(tokens)


def _build(args: argparse.Namespace) -> int:
    if args.index_command == "verify":
        return _verify(args)
    from toponym_server.default_index import embedded_index_path
    from toponym_server.index.build import BuildOptions, build_index
    from toponym_server.resolver.stored import store_answers
    from toponym_server.sources.area_codes import read_area_abbreviations
    from toponym_server.sources.crosswalk import read_crosswalk
    from toponym_server.sources.custom import read_custom_places
    from toponym_server.sources.embedded import EmbeddedSource
    from toponym_server.sources.geonames import GeoNamesDumpSource, PlaceFilter
    from toponym_server.sources.seeds import AREA_ABBREVIATIONS_FILE, CROSSWALK_FILE, CUSTOM_PLACES_FILE, seeds_dir

    inputs = [
        *(args.geonames or ()),
        *(args.alternate_names or ()),
        *filter(None, (args.country_info, args.admin1, args.admin2)),
        *args.custom,
        *args.crosswalk,
    ]
    # A dump's alternate names or admin codes are read minutes into a build: a mistyped path must stop it now.
    # A named pipe is a file to read too (a dump streamed from a download, or a test's).
    unreadable = [path for path in inputs if not path.exists() or path.is_dir() or not os.access(path, os.R_OK)]
    for path in unreadable:
        why = "no such file" if not path.exists() else "a directory" if path.is_dir() else "not readable"
        logger.error("%s: %s", path, why)
    if unreadable:
        return 1
    output_problem = _output_problem(args.output, inputs) if args.output is not None else None
    if output_problem:
        logger.error("%s: %s", args.output, output_problem)
        return 1
    if args.geonames:
        place_filter = PlaceFilter(
            feature_classes=frozenset(_feature_classes(args)),
            countries=frozenset(c.strip().upper() for c in (args.countries or "").split(",") if c.strip()),
            min_population=args.min_population or 0,
        )
        source: Any = GeoNamesDumpSource(
            args.geonames,
            alternate_names=args.alternate_names or (),
            country_info=args.country_info,
            admin_codes=[p for p in (args.admin1, args.admin2) if p],
            place_filter=place_filter,
            strict=bool(args.strict),
        )
        source.check_files()
    else:
        source = EmbeddedSource()
    seeds = [] if args.no_seeds else [seeds_dir()]
    custom = read_custom_places(*[d / CUSTOM_PLACES_FILE for d in seeds], *args.custom)
    if args.geonames:
        custom, left_out = custom.keeping(place_filter.keeps)
        if left_out:
            shown = "; ".join(f"{p.name} ({p.feature_class}.{p.feature_code}, {p.country_code})" for p in left_out[:10])
            logger.warning(
                "the filters leave out %d custom places: %s%s", len(left_out), shown, " ..." * (len(left_out) > 10)
            )
    links, links_fingerprint = read_crosswalk(*[d / CROSSWALK_FILE for d in seeds], *args.crosswalk)
    codes, codes_fingerprint = read_area_abbreviations(*[d / AREA_ABBREVIATIONS_FILE for d in seeds])
    output = args.output or embedded_index_path()
    summary = build_index(
        source,
        output,
        custom=custom,
        crosswalk=links,
        crosswalk_fingerprint=links_fingerprint,
        area_codes=codes,
        area_codes_fingerprint=codes_fingerprint,
        options=BuildOptions(workers=args.workers),
        progress=not args.quiet,
        finish=partial(store_answers, limit=args.stored_answers, workers=args.workers, progress=not args.quiet),
    )
    print(
        f"built {summary.path}: {summary.places:,} places ({summary.custom_places} custom, "
        f"{summary.merged_custom_places} custom merged into gazetteer places), {summary.names:,} names, "
        f"{summary.languages} languages, {summary.keys:,} keys, {summary.related_links:,} cross-border links, "
        f"{summary.size_bytes / 2**20:.0f} MiB in {summary.seconds:.1f} s"
    )
    return 0




_SQLITE_HEADER = b"SQLite format 3\0"


def _output_problem(output: Path, inputs: Sequence[Path]) -> str | None:
    """Why a build must not write ``output``, checked before it starts; ``None`` when it may.

    A build replaces its output only at the end: a directory there, or one of its own inputs,
    would fail it or be lost only then. An existing file that is not an SQLite database is not
    an index an earlier build wrote, and is not replaced either. Nor is a file made in a
    directory the build cannot write in, which the build would name by its lock file.
    """
    if output.is_dir():
        return "a directory; --output names the index file to write"
    directory = output.absolute().parent
    if directory.is_dir():  # a missing one the build makes
        try:
            with tempfile.TemporaryFile(dir=directory):
                pass
        except OSError as err:
            return f"cannot write in {directory}: {err.strerror or err}"
    if not output.exists():
        return None
    if any(path.exists() and output.samefile(path) for path in inputs):
        return "one of the build's own input files; --output names the index file to write"
    if output.is_file() and output.stat().st_size > 0:
        with output.open("rb") as handle:
            if handle.read(len(_SQLITE_HEADER)) != _SQLITE_HEADER:
                return "exists and is not an index file; remove it or write the index elsewhere"
    return None


def _verify(args: argparse.Namespace) -> int:
    from toponym_server.default_index import embedded_index_path
    from toponym_server.index import open_index

    path = args.path or embedded_index_path()
    reader = open_index(path)
    reader.verify()
    print(f"{path}: format {reader.meta.get('format_version')}, {reader.place_count:,} places, checksum OK")
    return 0


def _hints(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "country": [c.upper() for c in args.country] or None,
        "restrict_to_country": args.restrict,
        "lang": args.lang or None,
        "near": args.near,
        "limit": args.limit,
        "near_spellings": args.near_spellings,
    }


def _resolve(args: argparse.Namespace) -> int:
    refused: dict[int, str] = {}
    if args.server:
        from toponym_client import BatchError, ToponymClient

        with ToponymClient(args.server) as client:
            try:
                answers: list[Any] = list(client.resolve_batch(args.names, context=args.context, **_hints(args)))
            except BatchError as err:
                # The server refused some names (an empty one, an unknown country): the others keep their answers.
                refused = {i: e.details for i, e in err.errors.items()}
                answers = [[] if i in refused else result for i, result in enumerate(err.results)]
        rows = [[_client_row(c) for c in answer] for answer in answers]
    else:
        rows, refused = _resolve_in_process(args)
    for i, (name, candidates) in enumerate(zip(args.names, rows, strict=True)):
        if i in refused:
            logger.error("%r refused: %s", name, refused[i])
        elif args.json:
            print(json.dumps({"query": name, "candidates": candidates}, ensure_ascii=False))
        else:
            _print_table(name, candidates)
    return 1 if refused else 0


def _resolve_in_process(args: argparse.Namespace) -> tuple[list[list[dict[str, Any]]], dict[int, str]]:
    """Resolve the names here, each checked as a server checks a batch's items; also return the refused ones."""
    from toponym_client import ToponymError
    from toponym_client._convert import hints_to_proto
    from toponym_client._requests import resolve_request
    from toponym_server.resolver import Query, Resolver
    from toponym_server.service.validation import InvalidRequestError, to_query

    hints = hints_to_proto(**_hints(args))
    queries: dict[int, Query] = {}
    refused: dict[int, str] = {}
    for i, name in enumerate(args.names):
        path = f"requests[{i}]"
        try:
            queries[i] = to_query(resolve_request(name, hints, f"{path}.name"), path)
        except InvalidRequestError as err:
            refused[i] = str(err)
        except ToponymError as err:  # a name no message can carry (an unpaired surrogate)
            refused[i] = err.details
    answers = Resolver(_open(args.index)).resolve_many(list(queries.values()), use_context=args.context)
    found = dict(zip(queries, answers, strict=True))
    return [[_resolver_row(c) for c in found.get(i, [])] for i in range(len(args.names))], refused


def _resolver_row(candidate: Any) -> dict[str, Any]:
    place = candidate.place
    return {
        "geoname_id": place.geoname_id,
        "name": place.name,
        "country_code": place.country_code,
        "admin1_name": candidate.admin1_name,
        "feature_code": place.feature_code,
        "lat": place.latitude,
        "lon": place.longitude,
        "population": place.population,
        "confidence": candidate.confidence,
        "match_kind": candidate.match_kind.value,
        "matched_name": candidate.matched_name,
        "custom": place.custom,
        "related": [
            {
                "geoname_id": r.place.geoname_id,
                "name": r.place.name,
                "country_code": r.place.country_code,
                "distance_km": r.distance_km,
            }
            for r in candidate.related
        ],
    }


def _client_row(candidate: Any) -> dict[str, Any]:
    return {
        "geoname_id": candidate.geoname_id,
        "name": candidate.name,
        "country_code": candidate.country_code,
        "admin1_name": candidate.admin1_name,
        "feature_code": candidate.feature_code,
        "lat": candidate.lat,
        "lon": candidate.lon,
        "population": candidate.place.population,
        "confidence": candidate.confidence,
        "match_kind": candidate.match_kind.name.lower(),
        "matched_name": candidate.matched_name,
        "custom": candidate.place.custom,
        "related": [
            {"geoname_id": r.geoname_id, "name": r.name, "country_code": r.country_code, "distance_km": r.distance_km}
            for r in candidate.place.related
        ],
    }


def _print_table(name: str, candidates: list[dict[str, Any]]) -> None:
    print(f"{name}")
    if not candidates:
        print("  (no candidate above the confidence threshold)")
    for rank, c in enumerate(candidates, start=1):
        print(
            f"  {rank}. {c['geoname_id']:>9}  {c['name'][:28]:<28} {c['country_code']:<2} {c['feature_code']:<5} "
            f"{c['admin1_name'][:20]:<20} conf {c['confidence']:.2f}  {c['match_kind']} via {c['matched_name']!r}"
            + (" (custom place)" if c["custom"] else "")
        )
        for r in c["related"]:
            where = f"{r['country_code']}, {r['distance_km']:.1f} km"
            print(f"     across the border: {r['geoname_id']} {r['name']} ({where})")


def _text(args: argparse.Namespace) -> int:
    try:
        document = sys.stdin.read() if args.file == "-" else Path(args.file).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        logger.error("%s: not UTF-8 text (%s)", "standard input" if args.file == "-" else args.file, err.reason)
        return 1
    countries = [c.upper() for c in args.country]
    rows: list[dict[str, Any]] = []
    if args.server:
        from toponym_client import ToponymClient

        with ToponymClient(args.server) as client:
            found = client.resolve_text(
                document, country=countries or None, limit=args.limit, min_confidence=args.min_confidence
            )
        rows = [
            {"text": m.text, "start": m.start, "end": m.end, "confidence": m.confidence}
            | {"candidates": [_client_row(c) for c in m.candidates]}
            for m in found
        ]
    else:
        from toponym_client import InvalidArgumentError
        from toponym_client._convert import hints_to_proto
        from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
        from toponym_server.resolver import Resolver
        from toponym_server.service.validation import InvalidRequestError, to_text_query
        from toponym_server.text import TextResolver
        from toponym_server.text.document import DEFAULT_MIN_CONFIDENCE

        hints = hints_to_proto(country=countries or None, limit=args.limit, min_confidence=args.min_confidence)
        request = pb.ResolveTextRequest(text=document, hints=hints)
        try:
            # Checked as a server checks it, but for its length: a server's limit guards it from its callers.
            text, settings = to_text_query(request, max_text_length=sys.maxsize)
        except InvalidRequestError as err:
            raise InvalidArgumentError(str(err)) from None
        index = _open(args.index)
        mentions = TextResolver(Resolver(index), index).resolve_text(
            text,
            settings.hints,
            limit=settings.limit,
            min_confidence=args.min_confidence if args.min_confidence is not None else DEFAULT_MIN_CONFIDENCE,
        )
        rows = [
            {"text": m.text, "start": m.start, "end": m.end, "confidence": m.confidence}
            | {"candidates": [_resolver_row(c) for c in m.candidates]}
            for m in mentions
        ]
    for row in rows:
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            best = row["candidates"][0]
            print(
                f"{row['start']:>6}-{row['end']:<6} {row['text'][:30]:<30} {best['geoname_id']:>13}  "
                f"{best['name'][:28]:<28} {best['country_code']:<2} {best['feature_code']:<5} "
                f"conf {row['confidence']:.2f}"
            )
    return 0


def _place(args: argparse.Namespace) -> int:
    if args.server:
        from toponym_client import NotFoundError, ToponymClient

        with ToponymClient(args.server) as client:
            try:
                details = client.get_place(args.geoname_id, lang=args.lang or None)
            except NotFoundError:
                print(f"no place with GeoNames ID {args.geoname_id}", file=sys.stderr)
                return 1
        place = {
            "geoname_id": details.place.geoname_id,
            "name": details.place.name,
            "localized_name": details.localized_name,
            "country_code": details.place.country_code,
            "feature_code": details.place.feature_code,
            "lat": details.place.lat,
            "lon": details.place.lon,
            "population": details.place.population,
        }
        names = [{"name": n.name, "language": n.language} for n in details.names]
    else:
        from toponym_client import InvalidArgumentError
        from toponym_client._proto.toponym.v1 import toponym_pb2 as pb
        from toponym_server.resolver import Resolver
        from toponym_server.service.validation import InvalidRequestError, check_place_request

        try:
            check_place_request(pb.GetPlaceRequest(geoname_id=args.geoname_id, language=args.lang))
        except InvalidRequestError as err:
            raise InvalidArgumentError(str(err)) from None
        found = Resolver(_open(args.index)).get_place(args.geoname_id, args.lang)
        if found is None:
            print(f"no place with GeoNames ID {args.geoname_id}", file=sys.stderr)
            return 1
        p = found.place
        place = {
            "geoname_id": p.geoname_id,
            "name": p.name,
            "localized_name": found.localized_name,
            "country_code": p.country_code,
            "feature_code": p.feature_code,
            "lat": p.latitude,
            "lon": p.longitude,
            "population": p.population,
        }
        names = [{"name": n.text, "language": n.lang} for n in found.names]
    if args.json:
        print(json.dumps({**place, "names": names}, ensure_ascii=False))
    else:
        localized = f" [{args.lang}: {place['localized_name']}]" if place["localized_name"] else ""
        print(
            f"{place['geoname_id']}  {place['name']}{localized} ({place['country_code']}, {place['feature_code']}) "
            f"{place['lat']:.4f}, {place['lon']:.4f}  population {place['population']:,}"
        )
        for n in names:
            print(f"  {n['name']}" + (f"  [{n['language']}]" if n["language"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
