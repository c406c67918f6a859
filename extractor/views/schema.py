"""JSON Schemas of what polex writes, generated from the pydantic models.

``document.schema.json`` for ``polex extract``/``run``; ``diff.schema.json`` for
``polex diff --format json``.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from extractor.model import DiffReport, Document

SCHEMA_FILE = "document.schema.json"
SCHEMAS: dict[str, type[BaseModel]] = {SCHEMA_FILE: Document, "diff.schema.json": DiffReport}


def build_schema(name: str = SCHEMA_FILE) -> dict:
    schema = SCHEMAS[name].model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://polex.local/schemas/{name}"
    return schema


def dump_schema(folder: str | Path) -> list[Path]:
    paths = []
    for name in SCHEMAS:
        path = Path(folder) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(build_schema(name), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        paths.append(path)
    return paths
