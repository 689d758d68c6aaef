"""`validate --format sarif` and `--format junit`: the reports CI uploads (docs/ci.md).

SARIF is checked against the published SARIF 2.1.0 schema (OASIS, errata 01), kept in
tests/schemas/sarif-schema-2.1.0.json, with the validator of the schema's own draft; what that
schema cannot say (every result's rule is the rule at its index, a URI is a URI reference that
names the very file) is checked here. JUnit is parsed back with ElementTree and its structure
and counts checked against what the run found.
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote_to_bytes

import pytest

from p135cli.checking import check_paths
from p135cli.findings import FileResult, Finding, Location, Related, RunResult, Severity
from p135cli.formats import VALIDATE
from p135cli.i18n import Message, _, speak
from p135cli.render import Detail, is_history, is_inference, renderer
from p135cli.render.escape import printable
from p135cli.render.junit import xml_text
from p135cli.render.sarif import uri
from p135cli.rules import ALL_RULES
from p135cli.settings import Settings
from tests.conftest import PLANS, ROOT, run_cli

CASES = ROOT / "tests" / "rules" / "cases"
SCHEMA_FILE = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}

HOSTILE = b'plan \x1b[31m<&>"\n%3A:\xff \xe2\x80\xae]](0).yaml'
"""A file name with a terminal escape, XML and JSON syntax, a line break, a `%`, a `:`, a
byte that is not UTF-8, a right-to-left override and a would-be SARIF link."""

_URI_REFERENCE = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-F]{2})*")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


@pytest.fixture(scope="module")
def validator() -> Any:
    """A validator of the SARIF 2.1.0 schema, of the draft the schema itself names."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    cls = jsonschema.validators.validator_for(schema)
    assert cls is jsonschema.Draft4Validator
    cls.check_schema(schema)
    return cls(schema)


@pytest.fixture
def vietnamese() -> Iterator[None]:
    speak("vi")
    yield
    speak("en", None)


def rendered(run: RunResult, name: str, detail: Detail = Detail.NORMAL) -> str:
    stream = io.StringIO()
    renderer(name)(run, stream, color=False, detail=detail)
    return stream.getvalue()


def sarif(run: RunResult, validator: Any) -> dict[str, Any]:
    """The run as SARIF, checked against the schema and the rules the schema cannot state."""
    text = rendered(run, "sarif")
    text.encode("utf-8")  # valid UTF-8: no lone surrogate written as itself
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text), "raw control character"
    log: dict[str, Any] = json.loads(text)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    (sarif_run,) = log["runs"]
    rules = sarif_run["tool"]["driver"]["rules"]
    for result in sarif_run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        places = result["locations"] + result.get("relatedLocations", [])
        for place in places:
            assert_uri(place["physicalLocation"]["artifactLocation"]["uri"])
        assert "](" not in result["message"]["text"].replace("\\](", "")
    return log


def assert_uri(address: str) -> None:
    """An RFC 3986 URI reference: only the characters a URI holds, the rest percent-encoded;
    either a `file:` URI or a relative reference that no reader takes for a scheme."""
    assert _URI_REFERENCE.fullmatch(address), address
    if _SCHEME.match(address):
        assert address.startswith("file:///"), address


def junit(run: RunResult, detail: Detail = Detail.NORMAL) -> ET.Element:
    """The run as JUnit XML, parsed back (expat refuses XML that is not well-formed)."""
    text = rendered(run, "junit", detail)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(text.encode("utf-8"))
    assert_counts(root, run)
    return root


def assert_counts(root: ET.Element, run: RunResult) -> None:
    """One suite, one case a file in order, a failure per error left standing, and counts
    that agree with the cases (`failures`: the files that fail)."""
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "p135 validate"
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == [xml_text(f.path) for f in run.files]
    assert {case.get("classname") for case in cases} <= {"p135"}
    for case, result in zip(cases, run.files, strict=True):
        assert [f.get("type") for f in case.findall("failure")] == [
            f.code for f in result.findings if not f.acknowledged and f.severity is Severity.ERROR
        ]
        assert not case.findall("error") and not case.findall("skipped")
        assert [child.tag for child in case] == sorted(
            (child.tag for child in case), key=["failure", "system-out"].index
        )
    failing = sum(1 for result in run.files if not result.valid())
    for element in (root, suite):
        assert element.get("tests") == str(len(run.files))
        assert element.get("failures") == str(failing)
        assert element.get("errors") == "0"
        assert element.get("time") == "0"
    assert root.get("skipped") is None and suite.get("skipped") == "0"
    junit_4().validate(root)


@functools.cache
def junit_4() -> Any:
    """The common junit-4 schema (tests/schemas/junit-4.xsd), as CI test views read JUnit."""
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(str(ROOT / "tests" / "schemas" / "junit-4.xsd"))


def results_of(log: dict[str, Any]) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = log["runs"][0]["results"]
    return results


def findings_of(run: RunResult) -> list[tuple[str, Finding]]:
    """Every finding of a run, less the information the plans carry (`inferred`)."""
    return [
        (result.path, finding)
        for result in run.files
        for finding in result.findings
        if not (is_inference(finding) or is_history(finding))
    ]


def inferred(log: dict[str, Any]) -> list[dict[str, Any]]:
    """The results that are information the plans carry, never suppressed: inferences
    (I101) and Quảng Ninh's places changed after its date (R106)."""
    return [result for result in results_of(log) if result["ruleId"] in ("I101", "R106")]


# --- the registry ---------------------------------------------------------------------------------


def test_both_formats_are_registered() -> None:
    assert VALIDATE["sarif"].where == "p135cli.render.sarif:render"
    assert VALIDATE["junit"].where == "p135cli.render.junit:render"


def test_the_driver_lists_every_rule(validator: Any) -> None:
    import p135cli

    log = sarif(RunResult([]), validator)
    assert log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("p135", p135cli.__version__)
    assert "informationUri" not in driver  # the project has no home page yet
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in ALL_RULES]
    for described, rule in zip(driver["rules"], ALL_RULES, strict=True):
        assert described["name"] == rule.name
        assert described["shortDescription"]["text"] == rule.summary
        assert described["help"]["text"] == rule.doc
        assert described["fullDescription"]["text"] in " ".join(rule.doc.split())
        assert described["defaultConfiguration"]["level"] == LEVELS[rule.severity.value]
    levels = {r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels == {"error", "warning", "note"}  # note: the inferences (I101)
    assert log["runs"][0]["results"] == []


# --- the shipped plans: acknowledged findings -----------------------------------------------------


def test_acknowledged_findings_are_suppressed_results(validator: Any) -> None:
    run = check_paths([PLANS])
    assert run.ok and run.totals()[2] == 11
    log = sarif(run, validator)
    assert {(r["kind"], r["level"], "suppressions" in r) for r in inferred(log)} == {
        ("informational", "none", False)
    }
    results = [result for result in results_of(log) if result not in inferred(log)]
    assert len(results) == len(findings_of(run))
    for result, (path, finding) in zip(results, findings_of(run), strict=True):
        assert finding.acknowledged
        assert result["suppressions"] == [{"kind": "inSource", "justification": finding.reason}]
        assert result["ruleId"] == finding.code
        assert (result["kind"], result["level"]) == ("fail", LEVELS[finding.severity.value])
        assert result["message"]["text"] == finding.message
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == Path(path).as_uri()  # absolute
        assert finding.location is not None
        region = {"startLine": finding.location.line, "startColumn": finding.location.column}
        assert physical["region"] == region
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert log["runs"][0]["properties"]["acknowledged"] == 11


def test_acknowledged_findings_never_fail_a_test_case() -> None:
    run = check_paths([PLANS])
    root = junit(run)
    assert root.get("tests") == "4" and root.get("failures") == "0"
    assert all(case.find("system-out") is None for case in root.iter("testcase"))
    shown = junit(run, Detail.ALL)  # --show-acknowledged: with their reasons, as output
    outputs = [case.findtext("system-out") or "" for case in shown.iter("testcase")]
    lang_son = next(text for text in outputs if "C102" in text)
    assert "acknowledged: Kế hoạch in 100/2005/QH13 ngày 12/11/2015" in lang_son


def test_relative_paths_are_relative_uris(validator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    run = check_paths([Path("data/plans/lang-son-2017-2020.yaml")])
    (first, *_rest) = results_of(sarif(run, validator))
    location = first["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "data/plans/lang-son-2017-2020.yaml", "uriBaseId": "%SRCROOT%"}


# --- errors and a warning -------------------------------------------------------------------------


def test_errors_are_results_and_failures(validator: Any) -> None:
    run = check_paths([CASES / "F100-fail.yaml", CASES / "F101-fail.yaml"])
    log = sarif(run, validator)
    results = results_of(log)
    assert [r["ruleId"] for r in results] == ["F100", "F101"]
    for result, (_path, finding) in zip(results, findings_of(run), strict=True):
        assert result["level"] == "error" and "suppressions" not in result
        assert result["message"]["text"] == finding.message
        assert finding.expected is not None and finding.actual is not None
        assert finding.difference is not None
        properties = result["properties"]
        assert properties["expected"] == f"{finding.expected:f}"
        assert properties["actual"] == f"{finding.actual:f}"
        assert properties["difference"] == f"{finding.difference:f}"
        related = result["relatedLocations"]
        assert [place["message"]["text"] for place in related] == [r.role for r in finding.related]
        assert [place["id"] for place in related] == list(range(len(finding.related)))
        lines = [place["physicalLocation"]["region"]["startLine"] for place in related]
        assert lines == [r.location.line for r in finding.related]
    f100 = results[0]
    assert f100["ruleIndex"] == [rule.code for rule in ALL_RULES].index("F100")
    assert f100["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 11,
        "startColumn": 26,
    }
    assert f100["properties"] | {"rule": ""} == {
        "rule": "",
        "expected": "6.0",
        "actual": "6.1",
        "difference": "0.1",
        "suggestedAcknowledgement": (
            '{rule: F100, pointer: /funding/sources/b/amount, expected: "6,0", found: "6,1"}'
        ),
    }

    root = junit(run)
    assert (root.get("tests"), root.get("failures")) == ("2", "2")
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("type") == "F100"
    assert failure.get("message") == run.files[0].findings[0].message
    text = failure.text or ""
    assert text.startswith(f"{CASES / 'F100-fail.yaml'}:11:26  error  F100 likely-wrong-figure\n")
    assert "expected 6,0, found 6,1, difference +0,1" in text
    assert f"sum: {CASES / 'F100-fail.yaml'}:8:19" in text


def test_a_hint_is_in_the_failure_and_the_result(validator: Any, tmp_path: Path) -> None:
    plan = tmp_path / "unknown-key.yaml"
    plan.write_text(
        (CASES / "F100-fail.yaml").read_text(encoding="utf-8") + '"k<&>[x](0)]]>": 1\n',
        encoding="utf-8",
    )
    run = check_paths([plan])
    (finding,) = run.files[0].findings
    assert finding.code == "S001" and finding.hint_text
    (result,) = results_of(sarif(run, validator))
    assert result["properties"]["hint"] == finding.hint_text
    # plan text cannot make an embedded link (SARIF 3.11.6) to a place or a page
    assert result["message"]["text"] == finding.message.replace("](", "\\](")
    failure = junit(run).find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "unknown key 'k<&>[x](0)]]>' in the plan"
    assert f"\nhint: {finding.hint_text}" in (failure.text or "")


def test_a_warning_goes_to_the_output_unless_strict(validator: Any) -> None:
    case = CASES / "F107-fail.yaml"
    run = check_paths([case])
    (result,) = results_of(sarif(run, validator))
    assert (result["ruleId"], result["level"]) == ("F107", "warning")
    root = junit(run)
    assert root.get("failures") == "0"
    output = root.findtext("testsuite/testcase/system-out") or ""
    assert output.startswith(f"{case}:19:21  warning  F107 allocation-within-need\n")
    assert junit(run, Detail.QUIET).find("testsuite/testcase/system-out") is None

    strict = check_paths([case], Settings(strict=True))  # the engine made it an error
    (result,) = results_of(sarif(strict, validator))
    assert result["level"] == "error"
    root = junit(strict)
    assert root.get("failures") == "1"
    assert root.find("testsuite/testcase/system-out") is None


def test_information_is_no_open_alert(validator: Any) -> None:
    """SARIF 3.27.9-10: a result whose kind is not `fail` has the level `none`."""
    finding = Finding("F107", "allocation-within-need", Severity.INFO, Message("look"))
    (result,) = results_of(sarif(RunResult([FileResult("a.yaml", [finding])]), validator))
    assert (result["kind"], result["level"]) == ("informational", "none")
    assert result["locations"] == [
        {"physicalLocation": {"artifactLocation": {"uri": "a.yaml", "uriBaseId": "%SRCROOT%"}}}
    ]


def test_the_configuration_is_the_invocations(validator: Any) -> None:
    run = check_paths([CASES / "F107-fail.yaml"], Settings(severities={"F107": Severity.INFO}))
    run = replace(
        run,
        config={
            "file": "p135.toml",
            "tolerance": "0.001",
            "strict": False,
            "rules": {"F101": "warning", "F107": "info", "R104": "off"},
        },
    )
    log = sarif(run, validator)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["properties"]["config"] == run.config
    codes = [rule.code for rule in ALL_RULES]
    overrides = [
        ("F101", {"level": "warning"}),
        ("F107", {"level": "note"}),
        ("R104", {"enabled": False}),
    ]
    assert invocation["ruleConfigurationOverrides"] == [
        {"descriptor": {"id": code, "index": codes.index(code)}, "configuration": configuration}
        for code, configuration in overrides
    ]
    assert results_of(log)[0]["kind"] == "informational"
    properties = junit(run).find("testsuite/properties")
    assert properties is not None
    assert {p.get("name"): p.get("value") for p in properties} == {
        "config": "p135.toml",
        "tolerance": "0.001",
        "strict": "false",
        "rule.F101": "warning",
        "rule.F107": "info",
        "rule.R104": "off",
    }


# --- untrusted names ------------------------------------------------------------------------------


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """F100-fail.yaml under the hostile name (skipped where the file system refuses it)."""
    try:
        path = tmp_path / os.fsdecode(HOSTILE)
        shutil.copyfile(CASES / "F100-fail.yaml", path)
    except (OSError, UnicodeError):  # pragma: no cover - macOS and Windows refuse the name
        pytest.skip("the file system refuses a name that is not UTF-8")
    return path


def test_a_hostile_file_name_is_a_uri_naming_the_file(
    validator: Any, hostile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile.parent)
    run = check_paths([Path(hostile.name)])
    (result,) = results_of(sarif(run, validator))
    places = [result["locations"][0], *result["relatedLocations"]]
    for place in places:
        artifact = place["physicalLocation"]["artifactLocation"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert unquote_to_bytes(artifact["uri"]) == HOSTILE
        assert not _SCHEME.match(artifact["uri"])  # `%3A:` stays in the path
    assert uri(hostile.name)[0] == (
        "plan%20%1B%5B31m%3C%26%3E%22%0A%253A%3A%FF%20%E2%80%AE%5D%5D%280%29.yaml"
    )

    absolute = check_paths([hostile])
    (result,) = results_of(sarif(absolute, validator))
    address = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert address.startswith("file:///")
    assert unquote_to_bytes(address.removeprefix("file://")) == os.fsencode(hostile)


def test_a_hostile_file_name_keeps_junit_well_formed(hostile: Path) -> None:
    run = check_paths([hostile])
    text = rendered(run, "junit")
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202e\ud800-\udfff]", text)
    root = junit(run)
    case = root.find("testsuite/testcase")
    assert case is not None
    assert case.get("name") == printable(str(hostile))
    assert '\\x1b[31m<&>"\\n%3A:\\udcff \\u202e]](0).yaml' in (case.get("name") or "")
    failure = case.find("failure")
    assert failure is not None
    assert (failure.text or "").startswith(printable(str(hostile)) + ":11:26  error  F100")


def test_xml_text_escapes_what_xml_cannot_hold() -> None:
    assert xml_text("a\x00b\x1bc\ufffe\uffffd\ud800") == "a\\x00b\\x1bc\\ufffe\\uffffd\\ud800"
    assert xml_text("Quảng Ninh <&> 😀") == "Quảng Ninh <&> 😀"
    finding = Finding(
        "S001",
        "unknown-key",
        Severity.ERROR,
        Message("bad {x}", {"x": "\ufffe\x07"}),
        Location(1, 1),
        related=(Related(Location(2, 3), "part", path="other\ufffe.yaml"),),
    )
    root = junit(RunResult([FileResult("x\uffff.yaml", [finding])]))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "bad \\ufffe\\x07"
    assert "part: other\\ufffe.yaml:2:3" in (failure.text or "")


def test_a_stream_that_is_not_utf8_gets_character_references() -> None:
    run = check_paths([CASES / "F107-fail.yaml"])
    stream = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    renderer("junit")(run, stream, color=False)
    stream.flush()
    data = stream.buffer.getvalue()
    assert data.isascii()
    root = ET.fromstring(data)
    assert "Ngân sách tỉnh" in (root.findtext("testsuite/testcase/system-out") or "")


# --- Vietnamese -----------------------------------------------------------------------------------


@pytest.mark.usefixtures("vietnamese")
def test_vietnamese_messages(validator: Any) -> None:
    run = check_paths([CASES / "F101-fail.yaml", CASES / "F107-fail.yaml"])
    log = sarif(run, validator)
    sarif_run = log["runs"][0]
    assert sarif_run["language"] == "vi"
    f101 = next(rule for rule in ALL_RULES if rule.code == "F101")
    described = sarif_run["tool"]["driver"]["rules"][ALL_RULES.index(f101)]
    assert described["shortDescription"]["text"] == _(f101.summary) != f101.summary
    results = results_of(log)
    for result, (_path, finding) in zip(results, findings_of(run), strict=True):
        assert result["message"]["text"] == finding.message
    assert results[0]["message"]["text"].startswith("tổng các nguồn")
    assert [p["message"]["text"] for p in results[0]["relatedLocations"]] == [
        "thành phần",
        "thành phần",
    ]

    root = junit(run)
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert "  lỗi  F101 sources-sum-to-total\n" in (failure.text or "")
    assert "phải là 10,0, thực tế là 10,1, chênh lệch +0,1" in (failure.text or "")
    output = root.findtext("testsuite/testcase[2]/system-out") or ""
    assert "  cảnh báo  F107 allocation-within-need\n" in output

    speak("en", None)
    assert run.files[0].findings[0].message.startswith("the sum of the sources")


# --- the command line -----------------------------------------------------------------------------


def test_the_command_line_writes_both(validator: Any, tmp_path: Path) -> None:
    failing = run_cli("validate", "--format", "sarif", CASES / "F100-fail.yaml")
    assert failing.code == 1, failing
    errors = list(validator.iter_errors(json.loads(failing.out)))
    assert not errors
    passing = run_cli("validate", "--format", "sarif", PLANS)
    assert passing.code == 0, passing
    log = json.loads(passing.out)
    assert len(results_of(log)) - len(inferred(log)) == 11
    assert log["runs"][0]["invocations"][0]["properties"]["config"]["strict"] is False

    report = tmp_path / "p135.xml"
    ran = run_cli("validate", "--format", "junit", "-o", report, CASES / "F101-fail.yaml", PLANS)
    assert ran.code == 1, ran
    root = ET.parse(report).getroot()
    assert (root.get("tests"), root.get("failures")) == ("5", "1")


def test_the_schema_check_is_live(validator: Any) -> None:
    """The schema catches what a slip in the renderer would write."""
    run = check_paths([PLANS / "lang-son-2017-2020.yaml"])
    log = sarif(run, validator)
    result = results_of(log)[0]
    result["level"] = "info"  # SARIF says "note"
    result["suppressions"][0]["kind"] = "acknowledged"
    result["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    log["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["level"] = "info"
    del log["runs"][0]["invocations"][0]["executionSuccessful"]
    log["generator"] = "Generated by p135"  # the log itself takes no other keys
    found = {"/".join(map(str, error.absolute_path)) for error in validator.iter_errors(log)}
    assert found == {
        "",
        "runs/0/tool/driver/rules/0/defaultConfiguration/level",
        "runs/0/invocations/0",
        "runs/0/results/0/level",
        "runs/0/results/0/locations/0/physicalLocation/region/startLine",
        "runs/0/results/0/suppressions/0/kind",
    }
