"""The shape of the tree: the functional core imports no shell, the store no service,
modules stay small. Whole packages are checked, not a hand-kept list of files."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "chatcredit"
#: the pure core: no database, web, CLI, terminal or other I/O library
CORE = ("domain", "policy", "detectors", "dueprocess", "governance", "records")
IO_LIBRARIES = ("sqlite3", "psycopg", "click", "rich", "starlette", "uvicorn", "httpx", "urllib", "socket")
SHELL = ("chatcredit.store", "chatcredit.service", "chatcredit.api", "chatcredit.cli", "chatcredit.views")
MAX_LINES = 300


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _violations(packages: tuple[str, ...], forbidden: tuple[str, ...]) -> set[str]:
    files = [p for pkg in packages for p in (PACKAGE / pkg).rglob("*.py")]
    assert files, packages
    return {
        f"{f.relative_to(PACKAGE)} imports {name}"
        for f in files
        for name in _imports(f)
        if any(name == x or name.startswith(x + ".") for x in forbidden)
    }


def test_every_package_is_classified() -> None:
    """A new package must be placed in the architecture (core or shell) by this test."""
    known = {*CORE, "store", "service", "api", "cli", "ml", "data", "importers", "web"}
    found = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert found <= known, found - known


@pytest.mark.parametrize("package", CORE)
def test_the_core_imports_no_shell_and_no_io_library(package: str) -> None:
    assert not _violations((package,), SHELL + IO_LIBRARIES)


def test_the_store_never_imports_the_service_api_or_cli() -> None:
    assert not _violations(("store",), ("chatcredit.service", "chatcredit.api", "chatcredit.cli", "chatcredit.views"))


def test_no_module_is_a_dumping_ground() -> None:
    names = {p.stem for p in PACKAGE.rglob("*.py")}
    assert not names & {"utils", "helpers", "misc", "common"}


def test_modules_stay_small() -> None:
    too_long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert not too_long
