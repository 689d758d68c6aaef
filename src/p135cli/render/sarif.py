"""`--format sarif`: a SARIF 2.1.0 log for code scanning (GitHub's upload-sarif, and others).

One run: the tool with every rule p135 knows (its code, name, summary, doc and default level),
and a result for every finding, whatever the detail: an acknowledged finding is a result with
an in-source suppression carrying the plan's reason, and information (I101, F110, D104, D105)
is an `informational` result, never an open alert. Levels are the engine's (under --strict a
warning is already an error); figures are decimal strings, as in JSON.

A file is named by a URI reference: a relative path stays relative (forward slashes, relative
to where p135 ran, which in CI is the checkout: `%SRCROOT%`), an absolute one is a `file:`
URI, and what a URI cannot hold (spaces, `%`, `:` in a first segment, bytes of a name that is
not UTF-8) is percent-encoded. Text is written as `json_text` writes it: valid UTF-8, control
characters as escapes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

import p135cli
from p135cli.findings import Finding, Location, Related, RunResult, Severity
from p135cli.i18n import SPEAKING, _
from p135cli.render import Detail, offer
from p135cli.render.escape import json_text
from p135cli.rules import ALL_RULES
from p135cli.rules.base import Rule

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
CONFIGURED = {"error": "error", "warning": "warning", "info": "note"}
INDEX = {rule.code: index for index, rule in enumerate(ALL_RULES)}


def _bytes(text: str) -> bytes:
    """A file name's bytes: those of the system (a name that is not UTF-8 is held as lone
    surrogates, which give back its bytes), else UTF-8."""
    try:
        return os.fsencode(text)
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def uri(path: str) -> tuple[str, str | None]:
    """The URI reference of a file as the run named it, and its base id (`%SRCROOT%` for a
    relative one). Every byte a URI cannot hold as it is, is percent-encoded, so the URI
    names the very file."""
    given = PurePath(path)
    if not given.is_absolute():
        return quote(_bytes(given.as_posix()), safe="/"), SRCROOT
    if os.name == "nt":  # pragma: no cover - a drive or a share: file:///C:/plans/x.yaml
        return Path(path).as_uri(), None
    return "file://" + quote(_bytes(given.as_posix()), safe="/"), None


def _text(text: str) -> dict[str, str]:
    return {"text": text}


def _message(text: str) -> dict[str, str]:
    """A plain-text message. `[words](target)` in one is an embedded link (SARIF 3.11.6), and
    messages quote plan text: `](` is written `\\](`, so no plan can make a link."""
    return _text(text.replace("](", "\\]("))


def _physical(path: str, location: Location | None) -> dict[str, Any]:
    address, base = uri(path)
    artifact: dict[str, Any] = {"uri": address}
    if base is not None:
        artifact["uriBaseId"] = base
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if location is not None and location.line >= 1:
        region: dict[str, Any] = {"startLine": location.line}
        if location.column >= 1:
            region["startColumn"] = location.column
        physical["region"] = region
    return physical


def _location(path: str, location: Location | None) -> dict[str, Any]:
    place: dict[str, Any] = {"physicalLocation": _physical(path, location)}
    if location is not None and location.pointer:
        place["logicalLocations"] = [{"fullyQualifiedName": location.pointer, "kind": "element"}]
    return place


def _related(index: int, path: str, item: Related) -> dict[str, Any]:
    place = _location(item.path or path, item.location)
    return {"id": index, **place, "message": _message(_(item.role))}


def _number(value: Decimal) -> str:
    return f"{value:f}"


def _properties(finding: Finding) -> dict[str, Any]:
    properties: dict[str, Any] = {"rule": finding.rule}
    figures = (finding.expected, finding.actual, finding.difference)
    for name, value in zip(("expected", "actual", "difference"), figures, strict=True):
        if value is not None:
            properties[name] = _number(value)
    if finding.hint is not None:
        properties["hint"] = finding.hint_text
    entry = offer(finding)
    if entry is not None:  # to paste under `acknowledged:`, if the document prints it
        properties["suggestedAcknowledgement"] = entry
    return properties


def _verdict(severity: Severity) -> dict[str, str]:
    """Information asks for no action: an `informational` result, which SARIF gives the level
    `none` (3.27.9, 3.27.10), so code scanning opens no alert for it; errors and warnings are
    failures at their level."""
    if severity is Severity.INFO:
        return {"kind": "informational", "level": "none"}
    return {"kind": "fail", "level": LEVEL[severity]}


def result(path: str, finding: Finding) -> dict[str, Any]:
    """One finding as a SARIF result, at the severity the engine concluded."""
    data: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in INDEX:
        data["ruleIndex"] = INDEX[finding.code]
    data |= _verdict(finding.severity)
    data |= {
        "message": _message(finding.message),
        "locations": [_location(path, finding.location)],
    }
    if finding.related:
        data["relatedLocations"] = [
            _related(index, path, item) for index, item in enumerate(finding.related)
        ]
    if finding.acknowledged:
        data["suppressions"] = [{"kind": "inSource", "justification": finding.reason or ""}]
    data["properties"] = _properties(finding)
    return data


def descriptor(rule: Rule[Any]) -> dict[str, Any]:
    """A rule as SARIF describes it, in the run's language: its summary, the doc's first
    paragraph, and the whole doc (what it checks, an example that passes and one that fails;
    its examples are indented, as markdown writes code) as the help."""
    summary = _(rule.summary)
    doc = _(rule.doc) if rule.doc else summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": _text(summary),
        "fullDescription": _text(" ".join(doc.split("\n\n", 1)[0].split())),
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": [rule.family]},
    }


def _overrides(rules: Mapping[str, str]) -> list[dict[str, Any]]:
    """The configuration's levels, and the rules it turned off, as SARIF overrides."""
    overrides = []
    for code, level in rules.items():
        reference: dict[str, Any] = {"id": code}
        if code in INDEX:
            reference["index"] = INDEX[code]
        if level == "off":
            configuration: dict[str, Any] = {"enabled": False}
        elif level in CONFIGURED:
            configuration = {"level": CONFIGURED[level]}
        else:
            continue
        overrides.append({"descriptor": reference, "configuration": configuration})
    return overrides


def invocation(run: RunResult) -> dict[str, Any]:
    """How p135 ran: the effective configuration (as JSON's `config` gives it). Whether the
    run found errors is in the results; the exit code is the command line's."""
    data: dict[str, Any] = {"executionSuccessful": True}
    overrides = _overrides(run.config.get("rules") or {})
    if overrides:
        data["ruleConfigurationOverrides"] = overrides
    data["properties"] = {"config": dict(run.config)}
    return data


def sarif_log(run: RunResult) -> dict[str, Any]:
    errors, warnings, acknowledged = run.totals()
    results = [result(file.path, finding) for file in run.files for finding in file.findings]
    driver = {
        "name": "p135",
        "version": p135cli.__version__,
        "semanticVersion": p135cli.__version__,
        "rules": [descriptor(rule) for rule in ALL_RULES],
    }
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "invocations": [invocation(run)],
                "language": SPEAKING.lang,
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "files": len(run.files),
                    "errors": errors,
                    "warnings": warnings,
                    "acknowledged": acknowledged,
                },
            }
        ],
        "properties": {"generator": "Generated by p135"},
    }


def render(
    run: RunResult,
    stream: TextIO,
    *,
    color: bool,
    width: int | None = None,
    detail: Detail = Detail.NORMAL,
) -> None:
    """Every finding, whatever the detail: code scanning shows acknowledged ones as
    suppressed."""
    stream.write(json_text(sarif_log(run)) + "\n")
