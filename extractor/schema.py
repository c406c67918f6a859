"""JSON Schema of the document JSON, generated from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path

from extractor.model import Document

SCHEMA_FILE = "document.schema.json"


def build_schema() -> dict:
    schema = Document.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://polex.local/schemas/document.schema.json"
    return schema


def dump_schema(folder: str | Path) -> Path:
    path = Path(folder) / SCHEMA_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
