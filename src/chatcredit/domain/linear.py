"""Linear-time regular expressions for policy patterns: RE2, which never backtracks.

A policy pattern runs on text users send; with a backtracking engine a pattern such as
``(a+)+b`` takes time that doubles with each character of a crafted message. RE2 runs
every pattern in time linear in the text, and refuses what it cannot run so
(backreferences, lookarounds): such a pattern is a policy error. In RE2 ``\\w``, ``\\d``
and ``\\b`` are ASCII; text is folded to Latin letters first (detectors/normalization.py),
and ``\\pL`` or ``\\p{Cyrillic}`` match letters of other scripts.
"""

from __future__ import annotations

from typing import Any

import re2

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # the policy error says what is wrong; no log lines on stderr

LinearPattern = Any  # re2's compiled pattern (the package ships no type information)


class NotLinear(ValueError):
    """RE2 cannot run this pattern (in linear time)."""


def compile_linear(pattern: str) -> LinearPattern:
    try:
        return re2.compile(pattern, _OPTIONS)
    except re2.error as exc:
        detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise NotLinear(detail) from None
