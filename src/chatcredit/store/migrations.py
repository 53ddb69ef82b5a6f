"""The migration files of a backend: ``NNNN_name.sql`` in its ``migrations`` folder."""

from __future__ import annotations

from importlib import resources


def migration_files(package: str) -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` for every file in ``package``'s ``migrations``, in order."""
    folder = resources.files(package).joinpath("migrations")
    found = []
    for item in folder.iterdir():
        if item.name.endswith(".sql"):
            version = int(item.name.split("_", 1)[0])
            found.append((version, item.name, item.read_text("utf-8")))
    return sorted(found)


def statements(sql: str) -> list[str]:
    """The statements of a migration file (comments dropped; no ``;`` inside literals)."""
    code = "\n".join(ln for ln in sql.splitlines() if not ln.lstrip().startswith("--"))
    return [s for s in code.split(";") if s.strip()]
