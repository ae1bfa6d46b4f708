"""Generate the Python protobuf and gRPC code for the toponym API into the client package.

The generated modules have one home: ``toponym_client._proto`` inside the ``toponym-client``
distribution, which the server depends on. Run ``python proto/generate.py`` after editing a
``.proto`` file; ``python proto/generate.py --check`` exits non-zero when the committed code is
stale (CI runs it). Output is reproducible for a given ``grpcio-tools`` and ``mypy-protobuf``.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from grpc_tools import protoc

ROOT = Path(__file__).resolve().parent.parent
PROTO_ROOT = ROOT / "proto"
TARGET = ROOT / "client" / "src" / "toponym_client" / "_proto"
PACKAGE_PREFIX = "toponym_client._proto"


def _protos() -> list[Path]:
    return sorted(PROTO_ROOT.rglob("*.proto"))


def _fix_imports(out: Path) -> None:
    """Make generated cross-module imports absolute within ``toponym_client._proto``."""
    pattern = re.compile(r"^(from|import) toponym\.", re.MULTILINE)
    for path in out.rglob("*.py*"):
        text = path.read_text(encoding="utf-8")
        text = pattern.sub(lambda m: f"{m.group(1)} {PACKAGE_PREFIX}.toponym.", text)
        path.write_text(text, encoding="utf-8")


def _add_package_markers(out: Path) -> None:
    for directory in [out, *[p for p in out.rglob("*") if p.is_dir()]]:
        marker = directory / "__init__.py"
        if not marker.exists():
            marker.write_text('"""Generated protobuf code for the toponym API; do not edit."""\n', encoding="utf-8")


def generate(out: Path) -> None:
    """Run protoc for every proto file under ``proto/`` and write the modules to ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    # The mypy-protobuf plugins are console scripts beside this interpreter, maybe not on PATH.
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    args = [
        "grpc_tools.protoc",
        f"-I{PROTO_ROOT}",
        f"--python_out={out}",
        f"--grpc_python_out={out}",
        f"--mypy_out={out}",
        f"--mypy_grpc_out={out}",
        *[str(p.relative_to(PROTO_ROOT)) for p in _protos()],
    ]
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed")
    _fix_imports(out)
    _add_package_markers(out)


def _same_tree(a: Path, b: Path) -> bool:
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    if files_a != files_b:
        return False
    return all(filecmp.cmp(a / f, b / f, shallow=False) for f in files_a)


def main() -> int:
    """Generate the code, or with ``--check`` compare it against the committed copy."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed code is stale")
    args = parser.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / "_proto"
            generate(fresh)
            if not _same_tree(fresh, TARGET):
                print("generated protobuf code is stale: run `python proto/generate.py`", file=sys.stderr)
                return 1
        print("generated protobuf code is up to date")
        return 0
    if TARGET.exists():
        shutil.rmtree(TARGET)
    generate(TARGET)
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
