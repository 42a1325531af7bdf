"""One way to read a training config: YAML file, then command-line overrides, then checks."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

from clinqa.errors import DataError

T = TypeVar("T")


def load_config(cls: type[T], path: str | Path | None, overrides: dict[str, Any] | None,
                list_keys: tuple[str, ...] = ()) -> T:
    """`cls` (a dataclass) from the YAML mapping at `path` updated with the non-None
    `overrides`; unknown keys are errors; a plain string for a `list_keys` key becomes a list."""
    import yaml

    data: dict[str, Any] = {}
    if path:
        p = Path(path)
        if not p.is_file():
            raise DataError(f"config file {str(p)!r} does not exist", source=str(p))
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise DataError(f"config is not valid YAML: {str(exc).splitlines()[0]}", source=str(p)) from exc
        if not isinstance(data, dict):
            raise DataError("config must be a YAML mapping", source=str(p))
    data.update({k: v for k, v in (overrides or {}).items() if v is not None})
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise DataError(f"unknown config keys: {', '.join(unknown)} (known: {', '.join(sorted(known))})",
                        source=str(path or "flags"))
    for key in list_keys:
        if isinstance(data.get(key), str):
            data[key] = [data[key]]
    return cls(**data)
