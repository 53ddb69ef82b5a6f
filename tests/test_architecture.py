"""The domain core imports no database, web or CLI code (functional core, imperative shell)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "chatcredit"
CORE = [
    "events.py",
    "taxonomy.py",
    "signals.py",
    "ledger.py",
    "standing.py",
    "permits.py",
    "policy",
    "detectors",
    "dueprocess",
]
FORBIDDEN = (
    "sqlite3",
    "click",
    "starlette",
    "chatcredit.api",
    "rich",
    "chatcredit.store",
    "chatcredit.engine",
    "chatcredit.cli",
    "chatcredit.demo",
    "chatcredit.terminal",
    "chatcredit.views",
)


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_modules_do_not_import_the_shell() -> None:
    files = [p for c in CORE for p in ((PACKAGE / c).rglob("*.py") if (PACKAGE / c).is_dir() else [PACKAGE / c])]
    assert len(files) > 10
    bad = {
        f"{f.relative_to(PACKAGE)} imports {name}"
        for f in files
        for name in _imports(f)
        if any(name == x or name.startswith(x + ".") for x in FORBIDDEN)
    }
    assert not bad


def test_no_module_is_a_dumping_ground() -> None:
    names = {p.stem for p in PACKAGE.rglob("*.py")}
    assert not names & {"utils", "helpers", "misc", "common"}
    too_long = [p.name for p in PACKAGE.rglob("*.py") if len(p.read_text().splitlines()) > 500]
    assert not too_long
