"""Inferences: what a plan records that its document does not state, with the reason.

A plan records what its document states. Where it must record more (which sources a yearly
category stands for, when the document never says; a target's "bình quân" that a sentence
carries over to the next), the value carries `inferred: <reason>`. Validation lists each one
as information, so that a reader never takes an inference for the document's word, and every
view marks it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from p135cli.findings import Finding, Severity
from p135cli.loading import pointer_of
from p135cli.model import Plan
from p135cli.rules.base import Context, rule

LEAVES = (str, int, Decimal, bool, type(None))
"""Values that hold no model, so the walk does not go into them: most of a plan."""


def inferences(
    node: Any, pointer: str = "", within: frozenset[str] | None = None
) -> list[tuple[str, str]]:
    """(pointer, reason) of every inferred value under `node`, in the file's order; each value
    is visited once, so the walk is linear in the plan. With `within`, only the values at
    those pointers are visited (and their own values only where they are in it too)."""
    found: list[tuple[str, str]] = []
    _walk(node, pointer, found, within)
    return found


def _walk(node: Any, pointer: str, found: list[tuple[str, str]], within: Within) -> None:
    """`inferences`, into `found`: one call a model, mapping or list (the walk visits every
    value of a plan that infers anything)."""
    if isinstance(node, BaseModel):
        _walk_model(node, pointer, found, within)
    elif isinstance(node, dict):
        for key, value in node.items():
            if not isinstance(value, LEAVES):
                _next(value, pointer + pointer_of(key), found, within)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if not isinstance(value, LEAVES):
                _next(value, f"{pointer}/{index}", found, within)


def _walk_model(
    node: BaseModel, pointer: str, found: list[tuple[str, str]], within: Within
) -> None:
    """A model's reason, then its fields', read from its dict: `getattr` of a field a model
    lacks goes through pydantic's `__getattr__` and an AttributeError."""
    fields = node.__dict__
    reason = fields.get("inferred")
    if isinstance(reason, str):
        found.append((pointer, reason))
    for name in _names(type(node)):  # a field name is an identifier: it needs no escape
        value = fields.get(name)
        if not isinstance(value, LEAVES):
            _next(value, f"{pointer}/{name}", found, within)


Within = frozenset[str] | None


def _next(node: Any, pointer: str, found: list[tuple[str, str]], within: Within) -> None:
    if within is None or pointer in within:
        _walk(node, pointer, found, within)


def _written(keys: Iterable[str]) -> list[str]:
    """Where the file writes `inferred:`: the pointers of the values holding it."""
    return [key[: -len("/inferred")] for key in keys if key.endswith("/inferred")]


def _above(pointers: list[str]) -> frozenset[str]:
    """`pointers` and every pointer above them."""
    found = set()
    for written in pointers:
        pointer = written
        while pointer and pointer not in found:
            found.add(pointer)
            pointer = pointer.rsplit("/", 1)[0]
    return frozenset(found)


@functools.cache
def _names(model: type[BaseModel]) -> tuple[str, ...]:
    """A model's fields but `inferred`, in order: asked of the class once, not per value."""
    return tuple(name for name in model.model_fields if name != "inferred")


@rule(
    "I101",
    "inferred-value",
    "Every value the document does not state is marked inferred, with the reason",
    "inferences",
    {"inferred": "{what} is inferred, not stated by the document: {reason}"},
    severity=Severity.INFO,
)
def inferred_value(plan: Plan, context: Context) -> Iterator[Finding]:
    """Lists, as information, every value the plan marks `inferred`, with its reason, at the
    line of the reason. Nothing here is an error: the finding says what a reader must not take
    for the document's word.

    Passing (nothing is inferred): every category's sources are stated.

        categories: {provincial: {stands_for: [provincial]}}

    Failing (listed as information, never an error): the decision names its yearly
    categories but not the sources each stands for.

        categories:
          provincial:
            stands_for: [provincial]
            inferred: the decision does not say which sources each category holds
    """
    written = _written(context.loaded.keys)
    if context.loaded.keys and not written:
        return  # the file writes no `inferred:` key: nothing to walk the plan for
    # Most of a plan holds no inference: the walk goes only where the file writes one. The
    # model mirrors the file's keys, so it finds each there; if it finds fewer (a key the
    # model reads differently, an `inferred: null`), the whole plan is walked instead.
    found = inferences(plan, within=_above(written)) if written else []
    if len(found) != len(written) or not written:
        found = inferences(plan)
    for pointer, reason in found:
        yield inferred_value.finding(
            context, "inferred", pointer + "/inferred", what=pointer or "/", reason=reason
        )
