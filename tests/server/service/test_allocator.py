"""The C allocator of a long-running server gives large blocks back to the system."""

from __future__ import annotations

import platform
import sys

import pytest

from toponym_server.service.allocator import return_large_blocks

glibc_only = pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc", reason="a setting of glibc's malloc"
)


@glibc_only
def test_glibc_takes_the_threshold_for_large_blocks() -> None:
    assert return_large_blocks() is True


@pytest.mark.skipif(sys.platform.startswith("linux"), reason="other systems only")
def test_elsewhere_nothing_changes() -> None:
    assert return_large_blocks() is False
