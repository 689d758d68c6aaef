"""The JSON Schema of a plan, generated from the models, for editors and other validators."""

from __future__ import annotations

import json
from pathlib import Path

from p135cli.model import Plan

SCHEMA_PATH = Path("data/schemas/plan.schema.json")
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def plan_schema_text() -> str:
    schema = Plan.model_json_schema(mode="validation")
    schema = {"$schema": DIALECT, "title": "p135 plan", **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def is_current(path: Path) -> bool:
    try:
        return path.read_text(encoding="utf-8") == plan_schema_text()
    except OSError:
        return False
