"""The ``chatcredit`` command: a thin shell over the Engine.

Each command opens the engine, calls one method and prints the result (``--json`` for
machines). Library errors become a one-line message on stderr and a non-zero exit.
"""

from chatcredit.cli import commands
from chatcredit.cli.base import main, parse_when

__all__ = ["commands", "main", "parse_when"]
