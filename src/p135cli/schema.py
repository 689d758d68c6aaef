"""The JSON Schemas of a plan and of a results report, generated from the models, for editors
and other validators.

Each scalar type carries its own schema (`WithJsonSchema` in `p135cli.scalars`); the generator
adds what the models read beyond their fields' types: a mapping's keys (a year, an id), a
money unit written inside an amount (`'500 triệu đồng'`), and a unit in any spelling that the
loader's Unicode normalisation makes equal.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Collection
from pathlib import Path
from typing import Any

from pydantic import BaseModel, WithJsonSchema
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, JsonSchemaValue
from pydantic_core import core_schema

from p135cli import scalars
from p135cli.model import UNIT_SCHEMA, Plan, _Amounted
from p135cli.numbers import QUALIFIER_ENDINGS, QUALIFIER_WORDS, UNIT_SPELLINGS, UNIT_WORDS
from p135cli.scalars import JSON_SPACE, describe, json_number, json_spellings, json_words

REPORT_SCHEMA_NAME = "report.schema.json"
"""The report schema's file name: it is written beside the plan schema."""
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _words(text: str, space: str) -> str:
    return space.join(json_spellings(word) for word in text.split(" "))


def _spellings(units: Collection[str]) -> str:
    """Every spelling of the units, its words written together or apart (split_unit reads
    `tỷđồng` and `tỷ  đồng` as `tỷ đồng`), the longest first."""
    return "|".join(json_words(unit, f"{JSON_SPACE}*") for unit in UNIT_WORDS if unit in units)


_ENDING = "|".join(json_words(word, f"{JSON_SPACE}+") for word in QUALIFIER_ENDINGS)
_OPENING = "|".join(
    json_words(spelling, f"{JSON_SPACE}+")
    for word in sorted(QUALIFIER_WORDS, key=len, reverse=True)
    for spelling in (word, word[:1].upper() + word[1:])  # `Hơn 29,2`, as a title writes it
)


def _amount_with(units: str) -> str:
    """An amount as `_Amounted` reads it: a qualifier word or none (`hơn`, `gần`), a number
    in the document's form, or one followed by a unit in any spelling (split_unit turns every
    run of whitespace into one space, then the number's spaces go), and a closing qualifier
    or none (`trở lên`)."""
    s = JSON_SPACE
    number = f"(?:{json_number()}|{json_number(f'{s}*')}{s}*(?:{units}))"
    return f"^{s}*(?:(?:{_OPENING}){s}+)?{number}(?:{s}+(?:{_ENDING}))?{s}*$"


def _unit_agrees(unit: str) -> JsonSchemaValue:
    """An amount written with a spelling of `unit` (`'500 tr.đ'`) needs `unit:` absent, null
    or a spelling of the same unit. The amount's own pattern checks it whole, so this looks
    at its end only: the unit comes straight after the number's last digit."""
    s = JSON_SPACE
    mine = [spelling for spelling, canonical in UNIT_SPELLINGS.items() if canonical == unit]
    ending = f"[0-9][,.]?{s}*(?:{_spellings(mine)})(?:{s}+(?:{_ENDING}))?"
    return {
        "if": {
            "properties": {"amount": {"type": "string", "pattern": f"{ending}{s}*$"}},
            "required": ["amount"],
        },
        "then": {
            "properties": {
                "unit": {
                    "anyOf": [
                        {"type": "null"},
                        {
                            "type": "string",
                            "pattern": f"^(?:{'|'.join(json_words(m) for m in mine)})$",
                        },
                    ]
                }
            }
        },
    }


def _spelt(json_schema: JsonSchemaValue, values: list[Any]) -> JsonSchemaValue:
    """A fixed set of words, also in each spelling the loader's NFC normalisation joins."""
    if all(not isinstance(v, str) or unicodedata.normalize("NFD", v) == v for v in values):
        return json_schema
    spellings = "|".join(_words(v, " ") for v in values if isinstance(v, str))
    return {"anyOf": [json_schema, {"type": "string", "pattern": f"^(?:{spellings})$"}]}


def _type_schema(annotated: Any) -> JsonSchemaValue:
    """The `WithJsonSchema` of one of `p135cli.scalars`' annotated types."""
    (found,) = (m.json_schema for m in annotated.__metadata__ if isinstance(m, WithJsonSchema))
    assert found is not None
    return found


def _qualified_with(number: str) -> JsonSchemaValue:
    """A figure with the document's qualifier word before or after it, or none: `trên 390`,
    `55%`, `90 trở lên`."""
    s = JSON_SPACE
    pattern = f"^{s}*(?:(?:{_OPENING}){s}+)?{number}(?:{s}+(?:{_ENDING}))?{s}*$"
    return {"anyOf": [{"type": "number"}, {"type": "string", "pattern": pattern}]}


_QUALIFIED = {
    "number": _qualified_with(json_number()),
    "percent": _qualified_with(f"{json_number()}(?:{JSON_SPACE}*%)?"),
}
_AMOUNT = {
    "anyOf": [
        {"type": "number"},
        {
            "type": "string",
            "pattern": _amount_with(_spellings(UNIT_SPELLINGS)),
        },
    ]
}
SHARED: dict[str, tuple[JsonSchemaValue, str]] = {
    "Number": (
        _type_schema(scalars.Number),
        describe(
            "A number: plain (1342.439), or quoted in the document's form, '1.342,439' (vi) or "
            "'1,342.439' (en)",
            "Số",
        ),
    ),
    "Amount": (
        _AMOUNT,
        describe(
            "A number, or quoted with its unit and the document's qualifier: '500 triệu đồng', "
            "'hơn 29,2'",
            "Số tiền",
        ),
    ),
    "QualifiedNumber": (
        _QUALIFIED["number"],
        describe(
            "A number, or quoted in the document's form with its qualifier: 'trên 390'",
            "Số (có thể kèm trên, gần...)",
        ),
    ),
    "QualifiedPercent": (
        _QUALIFIED["percent"],
        describe(
            "A percentage, or quoted with its qualifier: 'trên 55%'", "Tỷ lệ (có thể kèm trên...)"
        ),
    ),
    "Percent": (_type_schema(scalars.Percent), describe("A percentage: 17.5 or '17,5%'", "Tỷ lệ")),
    "Count": (_type_schema(scalars.Count), describe("A whole number such as 13", "Số lượng")),
    "Year": (_type_schema(scalars.Year), describe("A year such as 2019", "Năm")),
    "Text": (_type_schema(scalars.Text), describe("Text as written, not blank", "Văn bản")),
    "DateText": (
        _type_schema(scalars.DateText),
        describe("A date as written: 02/9/2016 or (ngày) 02 tháng 9 năm 2015", "Ngày tháng"),
    ),
    "Ident": (
        _type_schema(scalars.Ident),
        describe("A short id: a-z, then a-z, 0-9 or _", "Mã"),
    ),
    "Unit": (
        UNIT_SCHEMA,
        describe("A money unit: tỷ đồng (tỷ, tỉ), triệu đồng (triệu, tr.đ), ...", "Đơn vị tiền"),
    ),
}
"""Scalar types written once under `$defs` and referred to: name -> (schema, description)."""
_ANNOTATIONS = ("title", "description", "default")


def _share(node: Any, used: set[str]) -> Any:
    """`node` with each scalar type's schema replaced by a reference to it, also where
    pydantic has merged its `anyOf` into an optional field's (`[number, string, null]`)."""
    if isinstance(node, list):
        return [_share(value, used) for value in node]
    if not isinstance(node, dict):
        return node
    notes = {k: v for k, v in node.items() if k in _ANNOTATIONS}
    core = {k: v for k, v in node.items() if k not in _ANNOTATIONS}
    for name, (shared, _) in SHARED.items():
        ref = {"$ref": f"#/$defs/{name}"}
        if core == shared:
            used.add(name)
            return {**ref, **notes}
        members = shared.get("anyOf", [])
        if list(core) == ["anyOf"] and members and all(m in core["anyOf"] for m in members):
            used.add(name)
            rest = [_share(m, used) for m in core["anyOf"] if m not in members]
            return {"anyOf": [ref, *rest], **notes}
    return {key: _share(value, used) for key, value in node.items()}


class _Generator(GenerateJsonSchema):
    def generate(
        self, schema: core_schema.CoreSchema, mode: JsonSchemaMode = "validation"
    ) -> JsonSchemaValue:
        used: set[str] = set()
        json_schema: JsonSchemaValue = _share(super().generate(schema, mode), used)
        defs = json_schema.setdefault("$defs", {})
        assert not used & set(defs), "a model is named like a scalar type"
        defs.update({name: {**SHARED[name][0], "description": SHARED[name][1]} for name in used})
        json_schema["$defs"] = dict(sorted(defs.items()))
        return json_schema

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        """Every key read as the key type reads it (`propertyNames`), not only matching ones."""
        json_schema = super().dict_schema(schema)
        keys = dict(self.generate_inner(schema["keys_schema"])) if "keys_schema" in schema else {}
        keys.pop("title", None)
        if keys and keys != {"type": "string"}:
            pattern_properties = json_schema.pop("patternProperties", {})
            if pattern_properties:
                json_schema["additionalProperties"] = next(iter(pattern_properties.values()))
            json_schema["propertyNames"] = keys
        return json_schema

    def literal_schema(self, schema: core_schema.LiteralSchema) -> JsonSchemaValue:
        return _spelt(super().literal_schema(schema), list(schema["expected"]))

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        if issubclass(schema["cls"], _Amounted):
            _amounts_carry_units(json_schema)
        for field in getattr(schema["cls"], "QUALIFIED", ()):
            _may_be_qualified(json_schema["properties"], field)
        return json_schema


def _may_be_qualified(properties: dict[str, Any], field: str) -> None:
    """A figure that may carry its qualifier (`value: "trên 390"`): a number or a percentage
    with a qualifier word, or null where the field is optional."""
    notes = {k: v for k, v in properties[field].items() if k in _ANNOTATIONS}
    members = properties[field].get("anyOf", [])
    percent = _type_schema(scalars.Percent)["anyOf"][1] in members
    qualified = _QUALIFIED["percent" if percent else "number"]
    if {"type": "null"} in members:  # optional: pydantic merged the null into its anyOf
        qualified = {"anyOf": [*qualified["anyOf"], {"type": "null"}]}
    properties[field] = {**qualified, **notes}


def _amounts_carry_units(json_schema: JsonSchemaValue) -> None:
    """The amount of an `_Amounted` model is an `Amount`, whose unit agrees with `unit:`."""
    number = SHARED["Number"][0]["anyOf"][1]

    def retype(node: Any) -> Any:
        if node == number:
            return _AMOUNT["anyOf"][1]
        if isinstance(node, dict):
            return {key: retype(value) for key, value in node.items()}
        if isinstance(node, list):
            return [retype(value) for value in node]
        return node

    json_schema["properties"]["amount"] = retype(json_schema["properties"]["amount"])
    if "unit" in json_schema["properties"]:
        json_schema["allOf"] = [
            _unit_agrees(unit) for unit in dict.fromkeys(UNIT_SPELLINGS.values())
        ]


def _schema_text(model: type[BaseModel], what: str) -> str:
    schema = model.model_json_schema(mode="validation", schema_generator=_Generator)
    comment = f"Generated by p135 schema from the {what} models: edit them, not this file."
    schema = {"$schema": DIALECT, "$comment": comment, **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def plan_schema_text() -> str:
    return _schema_text(Plan, "plan")


def report_schema_text() -> str:
    from p135cli.progress_report import ProgressReport

    return _schema_text(ProgressReport, "results-report")


def report_schema_path(plan_schema: Path) -> Path:
    """Where the report schema goes: beside the plan schema."""
    return plan_schema.with_name(REPORT_SCHEMA_NAME)


def is_current(path: Path, text: str | None = None) -> bool:
    """Does `path` hold `text` (by default the plan schema) exactly?"""
    try:
        return path.read_text(encoding="utf-8") == (plan_schema_text() if text is None else text)
    except OSError:
        return False
