"""Find the line of a key in TOML text, so policy errors can say where they are."""

from __future__ import annotations

import re

_ARRAY_TABLE = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]")
_TABLE = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\.\"']+)\s*=")
_MSGSPEC_PATH = re.compile(r"`\$((?:\.[A-Za-z0-9_\-]+|\[\d+\])*)`")


def path_from_msgspec(message: str) -> list[str | int]:
    """``... - at `$.rules[0].category``` → ``["rules", 0, "category"]``."""
    m = _MSGSPEC_PATH.search(message)
    if not m:
        return []
    keys: list[str | int] = []
    for part in re.findall(r"\.([A-Za-z0-9_\-]+)|\[(\d+)\]", m.group(1)):
        keys.append(part[0] if part[0] else int(part[1]))
    return keys


def _split(name: str) -> list[str | int]:
    return [p.strip().strip("\"'") for p in name.split(".")]


def line_of(text: str, keys: list[str | int]) -> int | None:
    """The 1-based line that best matches ``keys``: the key itself, else its table header."""
    if not keys:
        return None
    best_line: int | None = None
    best_len = 0
    table: list[str | int] = []
    counts: dict[tuple[str | int, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if m := _ARRAY_TABLE.match(line):
            name = tuple(_split(m.group(1)))
            counts[name] = counts.get(name, -1) + 1
            table = [*name, counts[name]]
            here = table
        elif m := _TABLE.match(line):
            table = _split(m.group(1))
            here = table
        elif m := _KEY.match(line):
            here = [*table, *_split(m.group(1))]
        else:
            continue
        common = _common_prefix(here, keys)
        if common == len(here) and common > best_len:
            best_line, best_len = number, common
    return best_line


def _common_prefix(a: list[str | int], b: list[str | int]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
