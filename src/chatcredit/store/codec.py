"""Row <-> object conversion shared by the store implementations."""

from __future__ import annotations

from typing import Any

import msgspec

from chatcredit.domain.keys import ApiKey
from chatcredit.domain.ledger import LedgerEntry
from chatcredit.dueprocess.notices import Notice
from chatcredit.dueprocess.review import ReviewItem

#: struct field -> column, where the column name differs (``user`` and ``group`` are SQL words)
_RENAMED = {"user": "user_id", "group": "group_id"}
_FIELDS = LedgerEntry.__struct_fields__
LEDGER_COLUMNS: tuple[str, ...] = tuple(_RENAMED.get(f, f) for f in _FIELDS)
_BOOLS = tuple(i for i, f in enumerate(_FIELDS) if f.startswith("automated_"))

_encoder = msgspec.json.Encoder()
_notice = msgspec.json.Decoder(Notice)
_review = msgspec.json.Decoder(ReviewItem)


def ledger_row(e: LedgerEntry) -> tuple[Any, ...]:
    return msgspec.structs.astuple(e)


def ledger_entry(row: tuple[Any, ...] | list[Any]) -> LedgerEntry:
    values = list(row)
    for i in _BOOLS:
        values[i] = bool(values[i])
    return LedgerEntry(*values)


def encode(obj: Notice | ReviewItem) -> bytes:
    return _encoder.encode(obj)


def decode_notice(body: bytes) -> Notice:
    return _notice.decode(body)


def decode_review(body: bytes) -> ReviewItem:
    return _review.decode(body)


def api_key_row(key: ApiKey) -> tuple[Any, ...]:
    return (key.id, key.name, " ".join(key.scopes), key.secret_hash, key.created, key.revoked)


def api_key(row: tuple[Any, ...] | list[Any]) -> ApiKey:
    key_id, name, scopes, secret_hash, created, revoked = row
    return ApiKey(key_id, name, tuple(scopes.split()), secret_hash, created, revoked)
