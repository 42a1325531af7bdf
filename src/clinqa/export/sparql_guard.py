"""What `clinqa graph query` lets through to the embedded store: read-only queries that touch
nothing but the local store.

pyoxigraph executes a `SERVICE <http://host/...>` clause by POSTing the query to that host (a
federated query), so a query pasted from elsewhere could send note text out of the hospital.
Queries are checked before they run, with a SPARQL lexer rather than a substring search: string
literals, comments, IRIs, variables, prefixed names and language tags are whole tokens, so the
word "service" inside `"..."`, `<http://x/service>`, `?service` or `ex:service` is no keyword,
while the keyword in any letter case is. Refused (UsageError, exit 2), before the store opens:

- SERVICE anywhere (federation is the only way a query reaches the network);
- updates (INSERT, DELETE, LOAD <url>, CLEAR, DROP, CREATE, ADD, MOVE, COPY): `query` only runs
  SELECT, ASK, CONSTRUCT and DESCRIBE; data comes in with `clinqa graph load`.

`FROM <iri>` and `FROM NAMED <iri>` only name graphs of the store (pyoxigraph does not dereference
them), and DESCRIBE describes from the store: both stay allowed.
"""

from __future__ import annotations

import re

from clinqa.errors import UsageError

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})

# SPARQL 1.1 terminals, in the order they must be tried (long strings before short ones, blank
# nodes before prefixed names). IRIREF excludes spaces, so `?a < ?b` is no IRI.
_TOKEN = re.compile(r"""
  (?P<ws>\s+)
| (?P<comment>\#[^\n\r]*)
| (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
             |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
| (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
| (?P<var>[?$]\w+)
| (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
| (?P<bnode>_:[\w.-]*)
| (?P<pname>(?:[^\W\d][\w.-]*)?:(?:[\w.:%-]|\\.)*)
| (?P<word>[^\W\d][\w-]*)
| (?P<other>.)
""", re.X | re.S)


def _tokens(sparql: str) -> list[tuple[str, str]]:
    out = []
    for m in _TOKEN.finditer(sparql):
        kind = m.lastgroup
        if kind not in ("ws", "comment"):
            out.append((kind, m.group()))
    return out


def check_read_only_local(sparql: str) -> str:
    """The query form (SELECT, ASK, CONSTRUCT or DESCRIBE) of a query that may run; a UsageError
    saying what was found otherwise. A query that is no SPARQL at all is left to the store's
    parser, whose syntax error names the position."""
    tokens = _tokens(sparql)
    words = [(i, v.upper()) for i, (k, v) in enumerate(tokens) if k == "word"]
    for i, w in words:
        if w == "SERVICE":
            target = next((v for k, v in tokens[i + 1:i + 3] if k in ("iri", "var", "pname")), "?")
            raise UsageError(f"the query has a SERVICE clause ({target}): a federated query would send it to another "
                             "machine, and `clinqa graph query` never leaves this one; query the local store only "
                             "(load other data with `clinqa graph load FILE`)")
    form = next((w for _, w in words if w not in ("BASE", "PREFIX")), None)
    update = next((w for _, w in words if w in UPDATE_WORDS), None)
    if update is not None:
        raise UsageError(f"SPARQL updates are refused (found {update}): `clinqa graph query` runs only "
                         f"{', '.join(QUERY_FORMS[:-1])} or {QUERY_FORMS[-1]} queries and never changes the store; "
                         "add data with `clinqa graph load FILE`")
    return form or ""
