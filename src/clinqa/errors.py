"""Errors a user can act on. The CLI turns them into one line on stderr and exit code 2 (bad
input or usage) or 1 (a model or internal problem), never a traceback."""

from __future__ import annotations


class ClinqaError(Exception):
    """Base class: the message must say what was received, what is allowed, and what to do."""

    exit_code = 1


class UsageError(ClinqaError):
    """Bad arguments or options."""

    exit_code = 2


class DataError(ClinqaError):
    """A file or a text that cannot be used as given; the message names the file and place."""

    exit_code = 2

    def __init__(self, message: str, *, source: str | None = None, where: str | None = None):
        self.source = source
        self.where = where
        self.message = message
        prefix = ""
        if source:
            prefix = f"{source}"
            if where:
                prefix += f" ({where})"
            prefix += ": "
        super().__init__(prefix + message)


class ModelError(ClinqaError):
    """A model that cannot be found or loaded (unknown name, offline with a hub id, missing files)."""

    exit_code = 2
