"""PostgreSQL, for platforms that outgrow one SQLite file and for several engine
processes sharing one database (``pip install chatcredit[postgres]``)."""

from chatcredit.store.postgres.store import PostgresStore

__all__ = ["PostgresStore"]
