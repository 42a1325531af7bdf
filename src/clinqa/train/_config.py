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
    from clinqa.data._io import read_yaml_mapping

    data: dict[str, Any] = {}
    if path:
        data = read_yaml_mapping(path, missing=f"config file {str(Path(path))!r} does not exist",
                                 invalid="config is not valid YAML",
                                 mapping="config must be a YAML mapping")
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
