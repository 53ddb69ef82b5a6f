"""The errors chatcredit raises.

    ChatcreditError
     ├── InvalidEvent      one input record failed validation (line, field, reason)
     ├── PolicyError       a policy file is invalid (path, line, key, message)
     ├── ConflictError     a write would contradict what is stored (duplicate ledger sequence)
     │    ├── StoreConflict  a unique key another writer took first (retried by the writer)
     │    └── StoreBusy      another process held the write lock too long
     ├── NotFound          a user, entry or other record does not exist
     └── InvalidRequest    a command or call got arguments it cannot act on

Errors carry data, not HTTP statuses or exit codes; the CLI and the API map them.
"""

from __future__ import annotations


class ChatcreditError(Exception):
    """Base class of every error chatcredit raises on purpose."""


class InvalidEvent(ChatcreditError):
    def __init__(self, line: int | None, field: str | None, reason: str) -> None:
        self.line = line
        self.field = field
        self.reason = reason
        where = f"line {line}" if line is not None else "event"
        at = f" at {field}" if field else ""
        super().__init__(f"{where}{at}: {reason}")

    def __reduce__(self) -> tuple[type, tuple[int | None, str | None, str]]:
        return (InvalidEvent, (self.line, self.field, self.reason))


class PolicyError(ChatcreditError):
    def __init__(self, path: str, line: int | None, key: str | None, message: str) -> None:
        self.path = path
        self.line = line
        self.key = key
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        at = f" [{key}]" if key else ""
        super().__init__(f"{where}:{at} {message}")
        #: every error found in the file (this one first)
        self.errors: list[PolicyError] = [self]

    def __reduce__(self) -> tuple[type, tuple[str, int | None, str | None, str]]:
        return (PolicyError, (self.path, self.line, self.key, self.message))


class ConflictError(ChatcreditError):
    """A write would contradict what is stored (for example a duplicate ledger sequence)."""


class StoreConflict(ConflictError):
    """The store refused a write that collides with a stored record (a unique key)."""


class StoreBusy(ConflictError):
    """Another process held the store's write lock for longer than a writer waits."""


class NotFound(ChatcreditError):
    """The record asked for does not exist."""


class InvalidRequest(ChatcreditError):
    """A call got arguments it cannot act on (unknown action, bad points, ...)."""
