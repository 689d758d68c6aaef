"""Pydantic's validation errors, turned into findings on the file's own lines.

A raw library error never reaches the user: each becomes S001 (unknown key, with the
closest valid key), S002 (missing key) or S003 (invalid value), placed where it was written.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from p135cli.findings import Finding
from p135cli.i18n import N_, Message
from p135cli.loading import Loaded, pointer_of
from p135cli.model import Plan
from p135cli.rules.base import Context
from p135cli.rules.structure import INVALID_VALUE, MISSING_KEY, UNKNOWN_KEY


def schema_findings(
    error: ValidationError, loaded: Loaded, model: type[BaseModel] = Plan
) -> list[Finding]:
    """The findings of `error`, raised validating `loaded` as `model` (a plan or a report)."""
    context = Context(loaded)
    return sorted(
        (_finding(detail, context, model) for detail in error.errors()), key=lambda f: f.sort_key
    )


def _finding(detail: ErrorDetails, context: Context, model: type[BaseModel]) -> Finding:
    loc = [token for token in detail["loc"] if token != "[key]"]
    is_key = len(loc) != len(detail["loc"])
    at = (detail.get("ctx") or {}).get("at")
    if isinstance(at, str):  # a model's check of one of its keys (`refused(..., at=key)`)
        loc.append(at)
    pointer = pointer_of(*loc)
    where: Message | str = ".".join(map(str, loc)) or Message(N_("the top"))
    whole = N_("the plan") if model is Plan else N_("the report")
    parent: Message | str = ".".join(map(str, loc[:-1])) or Message(whole)
    kind = detail["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        valid = _keys_at(model, loc[:-1])
        close = difflib.get_close_matches(key, valid, n=1, cutoff=0.6)
        hint = _said(N_("did you mean '{key}'?"), key=close[0]) if close else _valid_list(valid)
        text = _said(N_("unknown key '{key}' in {parent}"), key=key, parent=parent)
        return UNKNOWN_KEY.finding(context, "text", pointer, key=True, hint=hint, text=text)
    if kind == "missing":
        text = _said(N_("missing key '{key}' in {parent}"), key=loc[-1], parent=parent)
        return MISSING_KEY.finding(context, "text", pointer_of(*loc[:-1]), key=True, text=text)
    text = _said(N_("{where}: {problem}"), where=where, problem=_message(detail))
    return INVALID_VALUE.finding(context, "text", pointer, key=is_key, text=text)


def _said(template: str, **args: object) -> Message:
    return Message(template, args)


def _message(detail: ErrorDetails) -> Message:
    """The problem in the run's language: ours are kept as messages in pydantic's context;
    pydantic's own are named by their type."""
    context = detail.get("ctx") or {}
    ours = context.get("message")
    if isinstance(ours, Message):
        return ours
    kind = detail["type"]
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _said(N_("expected a mapping of keys"))
    if kind == "list_type":
        return _said(N_("expected a list"))
    if kind in ("literal_error", "enum"):
        return _said(N_("expected one of {expected}"), expected=context.get("expected", ""))
    return _said(N_("this value is not valid here ({detail})"), detail=detail["msg"])


def _valid_list(valid: list[str]) -> Message | None:
    return _said(N_("valid keys: {keys}"), keys=", ".join(valid)) if valid else None


def _keys_at(model: type[BaseModel], loc: list[int | str]) -> list[str]:
    """The keys `model` expects at `loc`, for suggesting the closest to a misspelt one."""
    current: Any = model
    for token in loc:
        current = _step(current, token)
        if current is None:
            return []
    found = _model_in(current)
    return list(found.model_fields) if found else []


def _step(annotation: Any, token: int | str) -> Any:
    model = _model_in(annotation)
    if model is not None:
        field = model.model_fields.get(str(token))
        return field.annotation if field else None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is dict and len(args) == 2:
        return args[1]
    if origin is list and args:
        return args[0]
    return None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside `Model`, `Model | None` or `Annotated[Model, ...]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            model = _model_in(arg)
            if model is not None:
                return model
    return None
