"""Multi-pattern matching for thousands of rules: keywords and regular expressions.

* Keywords: one Aho-Corasick automaton (pyahocorasick) over keyword skeletons, in both
  spaced and unspaced spelling, with whole-word checks; its cost hardly grows with the
  number of keywords.
* Patterns: one Hyperscan database for all regular expressions where the ``hyperscan``
  package is available (patterns it cannot compile exactly are compiled in prefilter
  mode); elsewhere, an Aho-Corasick prefilter on each pattern's required literal picks
  the few patterns worth running. Either way, a candidate is confirmed with Python's
  ``re``, so the semantics are exactly Python's. Never one big alternation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import ahocorasick

from chatcredit.detectors.normalization import skeleton
from chatcredit.domain.linear import compile_linear

hyperscan: Any
try:  # an optional accelerator: binary wheels for x86-64 Linux
    import hyperscan
except ImportError:  # pragma: no cover - depends on the platform
    hyperscan = None


class KeywordIndex:
    def __init__(self, entries: Sequence[tuple[int, str]]) -> None:
        """``entries``: (owner index, keyword)."""
        self._automaton = ahocorasick.Automaton()
        owners: dict[str, list[tuple[int, str]]] = {}
        for index, keyword in entries:
            spaced = skeleton(keyword)
            for form in {spaced, spaced.replace(" ", "")}:
                if len(form) >= 2:
                    owners.setdefault(form, []).append((index, keyword))
        for form, found in owners.items():
            self._automaton.add_word(form, (len(form), tuple(found)))
        self.size = len(owners)
        if owners:
            self._automaton.make_automaton()

    def search(self, skel: str) -> dict[int, str]:
        """Owner index → the keyword that matched (first one), whole words only."""
        hits: dict[int, str] = {}
        if not self.size:
            return hits
        last = len(skel) - 1
        for end, (length, owners) in self._automaton.iter(skel):
            start = end - length + 1
            if (start > 0 and skel[start - 1].isalnum()) or (end < last and skel[end + 1].isalnum()):
                continue
            for index, keyword in owners:
                hits.setdefault(index, keyword)
        return hits


def required_literal(pattern: str) -> str:
    """The longest run of plain characters every match must contain ("" if none of 3+)."""
    from re import _parser  # type: ignore[attr-defined]  # the standard library's own regex parser

    try:
        parsed = _parser.parse(pattern)
    except re.error:
        return ""
    ignore_case = bool(parsed.state.flags & re.IGNORECASE)
    best, run = "", []
    for op, value in parsed:
        if op is _parser.LITERAL:
            run.append(chr(value))
            continue
        best = max(best, "".join(run), key=len)
        run = []
    best = max(best, "".join(run), key=len)
    if ignore_case:
        best = best.lower()
    return best if len(best) >= 3 else ""


def _hyperscan_accepts(pattern: str, flags: int) -> bool:
    try:
        hyperscan.Database().compile(expressions=[pattern.encode()], flags=[flags])
    except hyperscan.error:
        return False
    return True


class PatternIndex:
    def __init__(self, entries: Sequence[tuple[int, str]]) -> None:
        """``entries``: (owner index, Python regular expression)."""
        self._compiled = [(index, compile_linear(p)) for index, p in entries]
        self._always: list[int] = []
        self._scan: Callable[[str], set[int]]
        self.engine = "none"
        if not self._compiled:
            self._scan = lambda text: set()
        elif hyperscan is not None:
            self._scan = self._hyperscan([p for _, p in entries])
            self.engine = "hyperscan"
        else:  # pragma: no cover - exercised where hyperscan is missing, and by a test
            self._scan = self._prefilter([p for _, p in entries])
            self.engine = "prefilter"

    def _hyperscan(self, patterns: list[str]) -> Callable[[str], set[int]]:
        # Prefilter mode accepts nearly all syntax and may over-match; `re` confirms.
        flags = hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_PREFILTER
        ids = list(range(len(patterns)))
        database = hyperscan.Database()
        try:
            database.compile(
                expressions=[p.encode() for p in patterns], ids=ids, elements=len(ids), flags=[flags] * len(ids)
            )
        except hyperscan.error:  # a pattern even prefilter mode refuses: find it, run it always
            ids = [i for i in ids if _hyperscan_accepts(patterns[i], flags)]
            self._always = [i for i in range(len(patterns)) if i not in set(ids)]
            database = hyperscan.Database()
            if ids:
                database.compile(
                    expressions=[patterns[i].encode() for i in ids],
                    ids=ids,
                    elements=len(ids),
                    flags=[flags] * len(ids),
                )

        def scan(text: str) -> set[int]:
            found: set[int] = set(self._always)

            def on_match(pid: int, start: int, end: int, flags: int, context: Any) -> None:
                found.add(pid)

            if ids:
                database.scan(text.encode("utf-8"), match_event_handler=on_match)
            return found

        return scan

    def _prefilter(self, patterns: list[str]) -> Callable[[str], set[int]]:
        automaton = ahocorasick.Automaton()
        by_literal: dict[str, list[int]] = {}
        for position, pattern in enumerate(patterns):
            literal = required_literal(pattern)
            if literal:
                by_literal.setdefault(literal, []).append(position)
            else:
                self._always.append(position)
        for literal, positions in by_literal.items():
            automaton.add_word(literal, positions)
        if by_literal:
            automaton.make_automaton()

        def scan(text: str) -> set[int]:
            found = set(self._always)
            if by_literal:
                for _, positions in automaton.iter(text):
                    found.update(positions)
            return found

        return scan

    def search(self, folded: str) -> dict[int, tuple[str, int, int]]:
        """Owner index → (matched text, start, end) in ``folded``, confirmed with RE2 (linear
        time, whatever the pattern and the text)."""
        hits: dict[int, tuple[str, int, int]] = {}
        for position in sorted(self._scan(folded)):
            index, compiled = self._compiled[position]
            if index in hits:
                continue
            m = compiled.search(folded)
            if m is not None:
                hits[index] = (m.group(0), m.start(), m.end())
        return hits
