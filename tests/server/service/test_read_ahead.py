"""Reading the index file into memory once ready: kept up to a size, else read ahead only; skipped if memory is low."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from toponym_server.index import IndexReader
from toponym_server.service import read_ahead as read_ahead_module
from toponym_server.service.read_ahead import available_memory, read_ahead_in_background


def test_reading_ahead_asks_the_reader_to_keep_the_file_in_memory_and_logs_its_size(
    embedded_index: IndexReader, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    asked: list[IndexReader] = []
    monkeypatch.setattr(IndexReader, "keep_in_memory", lambda self: asked.append(self))
    monkeypatch.setattr(read_ahead_module, "available_memory", lambda: embedded_index.path.stat().st_size + 1)
    with caplog.at_level(logging.INFO, logger="toponym_server.service.read_ahead"):
        read_ahead_in_background(embedded_index)
    assert asked == [embedded_index]
    assert f"read the index file ahead ({embedded_index.path.stat().st_size >> 20} MiB)" in caplog.text
    assert "kept in memory" in caplog.text


@pytest.mark.parametrize("asked_the_system", [True, False], ids=["fadvise", "no-fadvise"])
def test_an_index_file_larger_than_the_keep_limit_is_only_read_ahead_into_the_page_cache(
    embedded_index: IndexReader,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    asked_the_system: bool,
) -> None:
    # A kept file counts whole in the server's resident memory: a full GeoNames index must not.
    kept: list[IndexReader] = []
    read: list[IndexReader] = []
    monkeypatch.setattr(IndexReader, "keep_in_memory", lambda self: kept.append(self))
    monkeypatch.setattr(IndexReader, "read_ahead", lambda self: read.append(self) or asked_the_system)
    size = embedded_index.path.stat().st_size
    monkeypatch.setattr(read_ahead_module, "available_memory", lambda: size + 1)
    with caplog.at_level(logging.INFO, logger="toponym_server.service.read_ahead"):
        read_ahead_in_background(embedded_index, keep_up_to=size - 1)
    assert kept == [] and read == [embedded_index]
    assert "larger than the most a server keeps in memory" in caplog.text
    assert ("read it ahead into its page cache" in caplog.text) is asked_the_system
    caplog.clear()
    read_ahead_in_background(embedded_index, keep_up_to=size)  # the limit is inclusive
    assert kept == [embedded_index] and read == [embedded_index]


def test_the_default_keep_limit_holds_a_server_within_four_gib_resident() -> None:
    from toponym_server.service.read_ahead import DEFAULT_KEEP_INDEX_BYTES
    from toponym_server.service.server import ServerConfig

    assert ServerConfig().keep_index_bytes == DEFAULT_KEEP_INDEX_BYTES
    # The server's own memory with its caches full is about 0.5 GiB (README, Memory).
    assert DEFAULT_KEEP_INDEX_BYTES + 2**29 <= 4 * 2**30


def test_an_index_file_larger_than_the_memory_available_is_not_read_ahead(
    embedded_index: IndexReader, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    asked: list[IndexReader] = []
    monkeypatch.setattr(IndexReader, "keep_in_memory", lambda self: asked.append(self))
    monkeypatch.setattr(read_ahead_module, "available_memory", lambda: embedded_index.path.stat().st_size - 1)
    with caplog.at_level(logging.INFO, logger="toponym_server.service.read_ahead"):
        read_ahead_in_background(embedded_index)
    assert asked == []
    assert "larger than the memory available" in caplog.text


def test_where_the_memory_available_cannot_be_told_nothing_is_read(
    embedded_index: IndexReader, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    asked: list[IndexReader] = []
    monkeypatch.setattr(IndexReader, "keep_in_memory", lambda self: asked.append(self))
    monkeypatch.setattr(read_ahead_module, "available_memory", lambda: None)
    with caplog.at_level(logging.INFO, logger="toponym_server.service.read_ahead"):
        read_ahead_in_background(embedded_index)
    assert asked == []
    assert "cannot tell the memory available" in caplog.text


def test_an_index_file_gone_from_its_path_is_logged_not_raised(
    embedded_index: IndexReader, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(embedded_index, "path", embedded_index.path.with_name("gone.sqlite"))
    read_ahead_in_background(embedded_index)
    assert "could not read the index file ahead" in caplog.text


@pytest.mark.parametrize(
    "error", [PermissionError("denied"), ValueError("cannot mmap an empty file")], ids=["unreadable", "empty"]
)
def test_a_file_that_cannot_be_read_ahead_is_logged_not_raised(
    embedded_index: IndexReader, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, error: Exception
) -> None:
    def fail(self: IndexReader) -> None:
        raise error

    monkeypatch.setattr(IndexReader, "keep_in_memory", fail)
    read_ahead_in_background(embedded_index)
    assert f"could not read the index file ahead ({error})" in caplog.text


def test_available_memory_is_read_from_the_system() -> None:
    available = available_memory()
    if Path("/proc/meminfo").exists():
        assert available is not None and available > 0
    else:
        assert available is None


def _cgroups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, membership: str) -> Path:
    """Point the server's cgroup lookups at a directory tree under ``tmp_path``."""
    proc = tmp_path / "cgroup"
    proc.write_text(membership)
    root = tmp_path / "sys"
    monkeypatch.setattr(read_ahead_module, "_PROC_CGROUP", proc)
    monkeypatch.setattr(
        read_ahead_module,
        "_CGROUP_MEMORY",
        (
            (str(root), "memory.max", "memory.current"),
            (str(root / "memory"), "memory.limit_in_bytes", "memory.usage_in_bytes"),
        ),
    )
    return root


def test_a_containers_memory_limit_bounds_the_memory_available(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _cgroups(tmp_path, monkeypatch, "0::/app.slice/toponym\n")
    group = root / "app.slice" / "toponym"
    group.mkdir(parents=True)
    (group / "memory.max").write_text(f"{1 << 30}\n")
    (group / "memory.current").write_text(f"{300 << 20}\n")
    assert read_ahead_module._cgroup_memory_left() == [(1 << 30) - (300 << 20)]
    available = available_memory()
    assert available is not None and 0 < available <= (1 << 30) - (300 << 20)


def test_a_cgroup_v1_limit_is_read_and_no_limit_is_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _cgroups(tmp_path, monkeypatch, "4:memory:/\n0::/\n")
    (root / "memory").mkdir(parents=True)
    (root / "memory" / "memory.limit_in_bytes").write_text("9223372036854771712\n")
    (root / "memory" / "memory.usage_in_bytes").write_text("4353994752\n")
    (root / "memory.max").write_text("max\n")
    (root / "memory.current").write_text("1\n")
    assert read_ahead_module._cgroup_memory_left() == []
    (root / "memory" / "memory.limit_in_bytes").write_text(f"{8 << 30}\n")
    assert read_ahead_module._cgroup_memory_left() == [(8 << 30) - 4353994752]



def test_unreadable_cgroup_files_mean_no_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _cgroups(tmp_path, monkeypatch, "garbage line\n0::/\n")
    root.mkdir(parents=True)
    (root / "memory.max").write_text("lots\n")
    (root / "memory.current").write_text("1\n")
    assert read_ahead_module._cgroup_memory_left() == []
    assert available_memory() is not None
