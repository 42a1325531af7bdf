"""Commands whose stage is not built yet: they exist so the CLI's shape is stable, and say
plainly that they cannot run, instead of pretending."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from clinqa.cli._common import JSON_HELP
from clinqa.errors import UsageError

PENDING = {
    "generate": "grounded answer generation with citations",
    "summarize": "radiology findings -> impression summarization",
}


def make(name: str, what: str):
    def command(
        args: Annotated[Optional[list[str]], typer.Argument(help="Arguments of the future command.")] = None,
        json_out: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
    ) -> None:
        raise UsageError(f"`clinqa {name}` ({what}) is not available in this version of clinqa yet")

    command.__doc__ = f"{what[0].upper() + what[1:]} (not available in this version yet)."
    return command


def pending_sub(name: str, what: str):
    """A sub-command (`clinqa train mlm`) whose stage is not built yet."""
    return make(name, what)
