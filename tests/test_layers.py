"""Data flows one way: data -> text -> retrieval/qa -> ... -> cli. Lower rooms never import
higher ones (checked on the source, so a stray import fails here, not in a user's stack)."""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "clinqa"
ORDER = ["types", "errors", "lexicon", "data", "models", "text", "document", "questionnaire", "synth", "retrieval", "evaluate", "qa",
         "generate", "summarize",
         "extract", "export", "train", "serve", "cli"]


def room(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "clinqa" else None


def test_every_room_has_its_place_in_the_order():
    rooms = {p.name.removesuffix(".py") for p in SRC.iterdir()
             if (p.is_dir() and (p / "__init__.py").exists()) or (p.suffix == ".py" and p.stem != "__init__")}
    assert rooms - {"runtime"} <= set(ORDER), rooms - set(ORDER)


def test_lower_rooms_never_import_higher_ones():
    bad = []
    for f in SRC.rglob("*.py"):
        rel = f.relative_to(SRC).parts
        here = rel[0].removesuffix(".py")
        if here not in ORDER:
            continue
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                target = room(name)
                if target in ORDER and ORDER.index(target) > ORDER.index(here):
                    bad.append(f"{'/'.join(rel)} imports {name}")
    assert not bad, bad
