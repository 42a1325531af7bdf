"""Deciding before reading: `AnswerPolicy.decide` is first given `Unread` candidates, and a
decision the note's structure gives completes without a reader pass (qa/policy/batch.py)."""

from __future__ import annotations


class NeedsReader(Exception):
    """`decide` was given `Unread` candidates and its decision depends on the reader's."""


class Unread:
    """Candidates not read yet: `decide` on these either completes, then its decision does not
    depend on the reader at all (the concept does not apply to this kind of note; a yes/no
    verdict from the concept's mentions; the one value of the asked lab, or the one the question's
    time picks; the list under the question's header; the drugs the note says were changed), or
    raises NeedsReader at its first look at them. `method` is what the reader's answers would be
    named."""

    __slots__ = ("method",)

    def __init__(self, method: str):
        self.method = method

    def _needs_reader(self, *_):
        raise NeedsReader

    __iter__ = __len__ = __bool__ = __getitem__ = __contains__ = _needs_reader
