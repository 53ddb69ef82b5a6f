"""Other people in what is handed to a person: replaced by pseudonyms that are the same
throughout one export and unlinkable across exports (a fresh key each time). Pure but
for the key, which is drawn at random."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Collection
from typing import Any


def scrub(data: Any, people: Collection[str]) -> Any:
    """``data`` with every id of ``people`` replaced wherever it stands alone in a string."""
    if not people:
        return data
    key = secrets.token_bytes(16)
    names = {p: "person-" + hashlib.blake2b(p.encode(), key=key, digest_size=6).hexdigest() for p in people}
    alternatives = "|".join(re.escape(p) for p in sorted(people, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])({alternatives})(?![\w-])")

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(lambda m: names[m.group(1)], value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    return walk(data)
