"""`--format json`: the fixed contract of design.md (numbers as decimal strings, lines 1-based).

Always valid UTF-8: a file name that is not (Python holds its bytes as lone surrogates) and
control characters are written as `\\uXXXX` escapes (`json_text`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TextIO

from p135cli.findings import FileResult, Finding, Related, RunResult
from p135cli.render import Detail
from p135cli.render.escape import json_text


def _number(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def _related(item: Related) -> dict[str, Any]:
    data: dict[str, Any] = {
        "line": item.location.line,
        "column": item.location.column,
        "pointer": item.location.pointer,
        "role": item.role,
    }
    if item.path is not None:
        data["path"] = item.path
    return data


def finding_dict(finding: Finding) -> dict[str, Any]:
    location = finding.location
    return {
        "code": finding.code,
        "rule": finding.rule,
        "severity": str(finding.severity),
        "message": finding.message,
        "line": location.line if location else None,
        "column": location.column if location else None,
        "pointer": location.pointer if location else None,
        "expected": _number(finding.expected),
        "actual": _number(finding.actual),
        "difference": _number(finding.difference),
        "related": [_related(item) for item in finding.related],
        "acknowledged": finding.acknowledged,
    }


def file_dict(result: FileResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "valid": result.valid(),
        "findings": [finding_dict(finding) for finding in result.findings],
    }


def run_dict(run: RunResult) -> dict[str, Any]:
    errors, warnings, acknowledged = run.totals()
    return {
        "version": 1,
        "files": [file_dict(result) for result in run.files],
        "summary": {
            "files": len(run.files),
            "errors": errors,
            "warnings": warnings,
            "acknowledged": acknowledged,
        },
        "config": dict(run.config),
    }


def render(
    run: RunResult,
    stream: TextIO,
    *,
    color: bool,
    width: int | None = None,
    detail: Detail = Detail.NORMAL,
) -> None:
    stream.write(json_text(run_dict(run)) + "\n")
