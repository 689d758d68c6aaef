"""`p135 diff OLD NEW`: the edit as an auditor reads an amendment, in three formats.

`run` does the whole command: it reads both plans (files or git `REV:PATH`), compares them
(p135cli.diff), checks NEW as `validate` does, and writes it with one format's renderer
(`p135cli.formats.DIFF`): `text` (wrapped at COLUMNS or the terminal's width, else 80
columns), `markdown` (a pull-request comment, `$GITHUB_STEP_SUMMARY`) or `json` (a contract:
numbers as decimal strings in the plan's unit, lines 1-based). Exit 0 whatever changed, 1
when NEW has an error finding, 2 on a usage problem.

The text and markdown formats speak the run's language and write figures in the plan's
number style; plan text is shown through each format's escaping (`printable`, `markdown`).
"""

from __future__ import annotations

import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TextIO

from p135cli.checking import UsageProblem
from p135cli.diff import Compared, Diff, Item, Money, Place, Rename, Side, Sum, Transfer
from p135cli.diff import build as compare_plans
from p135cli.findings import Finding, RunResult, Severity
from p135cli.i18n import N_, NumberStyle, Signed, _, _n, shown
from p135cli.leaves import Change
from p135cli.render import escape
from p135cli.render.escape import cut, json_text, printable, view_text
from p135cli.render.json_format import CONTRACT, finding_dict
from p135cli.render.text import report_lines, text_width, wrap
from p135cli.settings import Limits, Settings
from p135cli.sums import Balance
from p135cli.views.common import Clean, markdown_table, money

INDENT = " " * 12


def run(
    old: str,
    new: str,
    render: Callable[[Compared, TextIO], None],
    stream: TextIO,
    *,
    settings: Settings,
    limits: Limits,
    names: tuple[str, str] | None = None,
) -> int:
    """Compare OLD and NEW and write the result to `stream` with `render` (a format of
    `p135cli.formats.DIFF`); the exit code. A usage problem is one line on stderr (exit 2)."""
    try:
        compared = compare_plans(old, new, settings, limits, names)
    except UsageProblem as problem:
        sys.stderr.write(f"p135: {printable(str(problem))}\n")
        return 2
    render(compared, stream)
    return 0 if compared.new.result.valid() else 1


# --- wording shared by text and markdown ----------------------------------------------------


def value_text(value: Decimal | str | None, style: NumberStyle | None, clean: Clean) -> str:
    """A figure in the plan's style, text quoted, nothing as a dash."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return money(value, style)
    return f"“{clean(value)}”"


def difference_text(value: Decimal | None, style: NumberStyle | None) -> str:
    """`+10`, `-0,001`, `0`."""
    if value is None:
        return ""
    return "0" if value == 0 else shown(Signed(value), style or NumberStyle.EN)


def where_text(change: Change) -> str:
    """Where a change is: its line in NEW, or in OLD for a removal."""
    if change.status == "removed":
        return _("line {line} of the old plan, removed").format(line=change.line)
    if change.status == "added":
        return _("line {line}, added").format(line=change.line)
    return _("line {line}").format(line=change.line)


def nothing_changed(diff: Diff) -> str:
    """No value changed one by one: none at all, or none besides whole items listed below."""
    if len(diff.changes) > len(diff.listed()):
        return _("No other figure or text changed.")
    return _("No figure or text changed.")


def change_text(change: Change, style: NumberStyle | None, clean: Clean) -> str:
    """`2019 · Vốn Ngân sách tỉnh: 245,159 → 235,159 (-10)`."""
    before, after = values_text(change, style, clean, TEXT_MARKS)
    text = f"{before} → {after}"
    if change.difference is not None:
        text += f" ({difference_text(change.difference, style)})"
    subject = " · ".join(clean(name) for name in change.subject if name.strip())
    return f"{subject}: {text}" if subject else text


Marks = tuple[tuple[str, str], tuple[str, str]]
"""How the words that changed are marked: in the old text, in the new one."""
TEXT_MARKS: Marks = (("⟦", "⟧"), ("⟦", "⟧"))
MARKDOWN_MARKS: Marks = (("~~", "~~"), ("**", "**"))
LONG = 60
"""A text of more characters is shown around the words that changed, marked."""
CONTEXT = 4
"""The words kept either side of those that changed."""
WORDS = re.compile(r"\s+|\S+")


def values_text(
    change: Change, style: NumberStyle | None, clean: Clean, marks: Marks
) -> tuple[str, str]:
    """The value before and after: a long text only around the words that changed, marked
    (a title's one word fixed is seen at once, whatever the text's length)."""
    old, new = change.old, change.new
    if not (isinstance(old, str) and isinstance(new, str)) or max(len(old), len(new)) <= LONG:
        return value_text(old, style, clean), value_text(new, style, clean)
    a, b = WORDS.findall(old), WORDS.findall(new)
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    head = a[max(0, start - 2 * CONTEXT) : start]
    tail = a[len(a) - end : len(a) - end + 2 * CONTEXT]
    before, after = "".join(head), "".join(tail)
    if start > len(head):
        before = "…" + before.lstrip()
    if end > len(tail):
        after = after.rstrip() + "…"
    before, after = clean(cut(before)), clean(cut(after))
    changed = ("".join(a[start : len(a) - end]), "".join(b[start : len(b) - end]))
    shown = [_marked(text, mark, clean) for text, mark in zip(changed, marks, strict=True)]
    return f"“{before}{shown[0]}{after}”", f"“{before}{shown[1]}{after}”"


def _marked(text: str, mark: tuple[str, str], clean: Clean) -> str:
    """`text` between the marks, the spaces around it outside them (markdown reads `** a**`
    as no emphasis); nothing marked when nothing is there."""
    core = text.strip()
    if not core:
        return clean(text)
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return f"{clean(lead)}{mark[0]}{clean(cut(core))}{mark[1]}{clean(trail)}"


def rename_text(rename: Rename, clean: Clean) -> str:
    names = {"old": clean(rename.old), "new": clean(rename.new), "name": clean(rename.name)}
    within = ", ".join(clean(w) for w in rename.within)
    if rename.kind == "source":
        text = _("source {old} → {new} ({name})").format(**names)
    elif rename.kind == "part":
        text = _("yearly category {old} → {new} ({name}) in {years}").format(years=within, **names)
    else:
        text = _("split {old} → {new} ({name}) of {source}").format(source=within, **names)
    return text + ", " + _("line {line}").format(line=rename.line)


def sum_label(row: Sum, clean: Clean) -> str:
    return _("Total") if row.kind == "total" else clean(row.label)


def transfer_text(move: Transfer, style: NumberStyle | None, clean: Clean) -> str:
    return _("Moved {amount} from {source} to {target}.").format(
        amount=money(move.amount, style),
        source=clean(move.source.label),
        target=clean(move.target.label),
    )


def no_sum_changed(money_: Money, style: NumberStyle | None, clean: Clean) -> str:
    if money_.total.new is None:
        return _("No sum changed.")
    return _("No sum changed; the total is {total} {unit}.").format(
        total=money(money_.total.new, style), unit=clean(money_.unit)
    )


def place_name(place: Place, clean: Clean) -> str:
    if place.district is None:  # a document dated after districts were abolished
        if place.kind == "village":
            return _("village {name} ({commune})").format(
                name=clean(place.name), commune=clean(place.commune or "")
            )
        return _("commune {name}").format(name=clean(place.name))
    if place.kind == "village":
        return _("village {name} ({commune}, {district})").format(
            name=clean(place.name),
            commune=clean(place.commune or ""),
            district=clean(place.district),
        )
    return _("commune {name} ({district})").format(
        name=clean(place.name), district=clean(place.district)
    )


def place_text(place: Place, clean: Clean) -> str:
    name = place_name(place, clean)
    if place.status == "renamed":
        return _renamed_text(place, name, clean)
    if place.status == "moved":
        template = _("{place}: moved from {old} to {new}, line {line}")
    elif place.status == "added":
        template = _("{place}: added in {new}, line {line}")
    else:
        template = _("{place}: removed from {old} (line {line} of the old plan)")
    return template.format(place=name, old=place.old_year, new=place.new_year, line=place.line)


def _renamed_text(place: Place, name: str, clean: Clean) -> str:
    """`xã Đồng Lâm (Hạ Long): trước đây thuộc Hoành Bồ; …`: what OLD called it, only the
    parts that changed."""
    assert place.was is not None
    old_name, old_commune, old_district = place.was
    within = [
        clean(old)
        for old, new in ((old_commune, place.commune), (old_district, place.district))
        if old is not None and old != new
    ]
    if old_name != place.name:
        old = clean(old_name) + (f" ({', '.join(within)})" if within else "")
        template = _("{place}: renamed from {old}; leaves in {year}, line {line}")
    else:
        old = ", ".join(within)
        template = _("{place}: formerly in {old}; leaves in {year}, line {line}")
    return template.format(place=name, old=old, year=place.new_year, line=place.line)


def item_text(item: Item, clean: Clean) -> str:
    label = clean(item.label)
    if item.status == "added":
        return _("{label}: added, line {line}").format(label=label, line=item.line)
    if item.status == "removed":
        return _("{label}: removed (line {line} of the old plan)").format(
            label=label, line=item.line
        )
    return _("{label}: changed, line {line}").format(label=label, line=item.line)


def sums_text(compared: Compared) -> str:
    """Whether every sum held before the edit, and whether it holds after it."""
    diff = compared.diff
    assert diff is not None
    before, after = len(diff.sums.failing_before), len(diff.sums.failing_after)
    if diff.money is None:
        return _("Sums: the plans state no funding.")
    if not before and not after:
        return _("Sums: every sum held before the edit and still holds.")
    if not after:
        return _n(
            "Sums: {count} sum failed before the edit; now every sum holds.",
            "Sums: {count} sums failed before the edit; now every sum holds.",
            before,
        )
    if not before:
        return _n(
            "Sums: every sum held before the edit; now {count} does not hold:",
            "Sums: every sum held before the edit; now {count} do not hold:",
            after,
        )
    return _n(
        "Sums: {before} failed before the edit; now {count} does not hold:",
        "Sums: {before} failed before the edit; now {count} do not hold:",
        after,
        before=before,
    )


def balance_text(
    balance: Balance, compared: Compared, style: NumberStyle | None, clean: Clean
) -> str:
    """A sum that does not hold after the edit, on the line of its stated whole."""
    checked = compared.new.checked
    assert checked is not None
    line = checked.loaded.mark(balance.left[0].pointer).line if balance.left else 1
    return _("{what} ({code}), line {line}").format(
        what=clean(balance.description.render(style)), code=balance.code, line=line
    )


def unreadable_text(side: Side) -> str:
    return _("{path} cannot be read as a plan, so the edit cannot be shown:").format(
        path=side.label
    )


# --- text -------------------------------------------------------------------------------------


def _wrapped(text: str, width: int, indent: str = "  ", later: str = INDENT) -> list[str]:
    return textwrap.wrap(
        text, width, initial_indent=indent, subsequent_indent=later, break_on_hyphens=False
    )


def _changes_text(diff: Diff, style: NumberStyle | None, width: int) -> list[str]:
    listed = diff.listed()
    if not listed:
        return [nothing_changed(diff)]
    lines = [_n("{count} change:", "{count} changes:", len(listed))]
    for change in listed:
        where = f"  {where_text(change)}  {view_text(change.pointer)}"
        if len(where) > width:  # a pointer has no space to break at: its own line
            where = f"  {where_text(change)}\n{INDENT}{view_text(change.pointer)}"
        lines.append(where)
        lines += _wrapped(change_text(change, style, view_text), width, INDENT)
    return lines


def _money_text(money_: Money, style: NumberStyle | None) -> list[str]:
    title = _("Money ({unit}):").format(unit=view_text(money_.unit))
    changed = money_.changed()
    if not changed:
        return [f"{title} {no_sum_changed(money_, style, view_text)}"]
    header = (_("Sum"), _("Before"), _("After"), _("Difference"))
    lines = [title, _money_row(header)]
    for row in [money_.total, *(r for r in changed if r.kind != "total")]:
        figures = (money(row.old, style), money(row.new, style))
        cells = (sum_label(row, view_text), *figures, difference_text(row.difference, style))
        lines.append(_money_row(cells))
    lines += [f"  {transfer_text(move, style, view_text)}" for move in money_.moved]
    return lines


def _money_row(cells: Sequence[str]) -> str:
    label = textwrap.wrap(cells[0], 30) or [""]
    first = f"  {label[0]:<30}" + "".join(f"{cell:>15}" for cell in cells[1:])
    return "\n".join([first.rstrip(), *(f"  {more}" for more in label[1:])])


def _listed_text(title: str, texts: Sequence[str], width: int) -> list[str]:
    if not texts:
        return []
    return [title, *(line for text in texts for line in _wrapped(text, width, "  ", "    "))]


def _sections_text(compared: Compared, diff: Diff, width: int) -> list[str]:
    style = compared.style
    sections = [
        _changes_text(diff, style, width),
        _listed_text(
            _("Renamed keys (compared under the new key):"),
            [rename_text(r, view_text) for r in diff.renamed],
            width,
        ),
        _money_text(diff.money, style) if diff.money else [],
        _listed_text(_("Roadmap:"), [place_text(p, view_text) for p in diff.roadmap], width),
        _listed_text(_("Targets:"), [item_text(i, view_text) for i in diff.targets], width),
        _listed_text(_("Citations:"), [item_text(i, view_text) for i in diff.citations], width),
        _listed_text(_("Amendments:"), [item_text(i, view_text) for i in diff.amendments], width),
        _listed_text(
            _("Acknowledgements:"),
            [item_text(i, view_text) for i in diff.acknowledgements],
            width,
        ),
        _wrapped(sums_text(compared), width, "", "  ")
        + [
            line
            for b in diff.sums.failing_after
            for line in _wrapped(balance_text(b, compared, style, view_text), width)
        ],
    ]
    return [line for section in sections if section for line in ["", *section]]


FULL_COMMIT = re.compile(r"^([0-9a-f]{12})[0-9a-f]{28}(?=:)")
"""A full commit id before `:PATH`, as CI names a pull request's base."""


def short(label: str) -> str:
    """`REV:PATH` with a full commit id shortened to 12 digits, as git's own short ids."""
    return FULL_COMMIT.sub(r"\1", label)


def _title(compared: Compared, clean: Clean) -> str:
    return _("Changes from {old} to {new}").format(
        old=clean(short(compared.old.label)), new=clean(short(compared.new.label))
    )


def _checked_text(side: Side, width: int) -> list[str]:
    """What checking found, as `validate` lists it (without its summary line), at the width."""
    lines = report_lines(RunResult([side.result]))[:-1]
    return [
        "".join(text for text, _style in wrapped) for line in lines for wrapped in wrap(line, width)
    ]


def render_text(compared: Compared, stream: TextIO) -> None:
    width = text_width(stream)
    lines = _wrapped(_title(compared, view_text), width, "", "  ")
    if compared.heading:
        lines += _wrapped(" · ".join(view_text(part) for part in compared.heading), width, "", "  ")
    if compared.diff is None:
        unread = compared.old if compared.old.checked is None else compared.new
        lines += ["", unreadable_text(unread)]
        if unread is compared.old:
            lines += _checked_text(compared.old, width)
    else:
        lines += _sections_text(compared, compared.diff, width)
    lines += ["", *_checked_text(compared.new, width)]
    stream.write("\n".join(lines) + "\n")


# --- markdown ---------------------------------------------------------------------------------


def _changes_markdown(diff: Diff, style: NumberStyle | None) -> list[str]:
    listed = diff.listed()
    if not listed:
        return [nothing_changed(diff)]
    header = [_("Line"), _("Where"), _("Before"), _("After"), _("Difference")]
    rows = [_change_row(change, style) for change in listed]
    title = _n("{count} change:", "{count} changes:", len(listed))
    return [f"**{title}**", "", *markdown_table(header, rows, right={0, 2, 3, 4})]


STATUS = {"added": N_("added"), "removed": N_("removed: the line is the old plan's")}


def _change_row(change: Change, style: NumberStyle | None) -> list[str]:
    """A row whose Line column is a number (sortable, aligned); an added or removed value
    says so beside its place."""
    clean = escape.markdown
    where = escape.view_markdown(change.pointer)
    subject = " · ".join(clean(name) for name in change.subject if name.strip())
    if subject:
        where += f" ({subject})"
    if change.status in STATUS:
        where += f" — {_(STATUS[change.status])}"
    before, after = values_text(change, style, clean, MARKDOWN_MARKS)
    return [str(change.line), where, before, after, difference_text(change.difference, style)]


def _money_markdown(money_: Money, style: NumberStyle | None) -> list[str]:
    clean = escape.markdown
    title = "**" + _("Money ({unit}):").format(unit=clean(money_.unit)) + "**"
    changed = money_.changed()
    if not changed:
        return [f"{title} {no_sum_changed(money_, style, clean)}"]
    header = [_("Sum"), _("Before"), _("After"), _("Difference")]
    rows = [
        [
            sum_label(row, clean),
            money(row.old, style),
            money(row.new, style),
            difference_text(row.difference, style),
        ]
        for row in [money_.total, *(r for r in changed if r.kind != "total")]
    ]
    moved = [f"- {transfer_text(move, style, clean)}" for move in money_.moved]
    return [
        title,
        "",
        *markdown_table(header, rows, right={1, 2, 3}),
        *(["", *moved] if moved else []),
    ]


def _listed_markdown(title: str, texts: Sequence[str]) -> list[str]:
    return [f"**{title}**", "", *(f"- {text}" for text in texts)] if texts else []


def _sections_markdown(compared: Compared, diff: Diff) -> list[str]:
    style, clean = compared.style, escape.markdown
    sections = [
        _changes_markdown(diff, style),
        _listed_markdown(
            _("Renamed keys (compared under the new key):"),
            [rename_text(r, clean) for r in diff.renamed],
        ),
        _money_markdown(diff.money, style) if diff.money else [],
        _listed_markdown(_("Roadmap:"), [place_text(p, clean) for p in diff.roadmap]),
        _listed_markdown(_("Targets:"), [item_text(i, clean) for i in diff.targets]),
        _listed_markdown(_("Citations:"), [item_text(i, clean) for i in diff.citations]),
        _listed_markdown(_("Amendments:"), [item_text(i, clean) for i in diff.amendments]),
        _listed_markdown(
            _("Acknowledgements:"), [item_text(i, clean) for i in diff.acknowledgements]
        ),
        [sums_text(compared)]
        + [
            f"- {balance_text(b, compared, style, escape.markdown)}"
            for b in diff.sums.failing_after
        ],
    ]
    return [line for section in sections if section for line in ["", *section]]


def _checked_markdown(side: Side) -> list[str]:
    result, path = side.result, escape.markdown(side.label)
    errors, warnings, _acknowledged = result.counts()
    counted = [_n("{count} error", "{count} errors", errors)] if errors else []
    counted += [_n("{count} warning", "{count} warnings", warnings)] if warnings else []
    if not counted:
        return [_("{path}: ✓ valid").format(path=path)]
    lines = [_("{path}: ✗ {counts}").format(path=path, counts=", ".join(counted)), ""]
    standing = [f for f in result.findings if not f.acknowledged]
    for finding in (f for f in standing if f.severity is not Severity.INFO):
        place = f"{path}:{finding.location.line}" if finding.location else path
        message = escape.markdown(finding.message)
        lines.append(f"- {finding.severity.label} `{finding.code}` {place}: {message}")
    return lines + _information_markdown(path, standing)


def _information_markdown(path: str, findings: Sequence[Finding]) -> list[str]:
    """Information once for each rule, with its lines: a job summary lists what needs
    action, and I101 on every inferred figure would bury it."""
    from p135cli.rules import BY_CODE

    places: dict[str, list[str]] = {}
    for finding in findings:
        if finding.severity is Severity.INFO:
            line = str(finding.location.line) if finding.location else ""
            places.setdefault(finding.code, []).append(line)
    return [
        f"- {Severity.INFO.label} `{code}` {path}:{', '.join(filter(None, lines))}: "
        + escape.markdown(_(BY_CODE[code].summary) if code in BY_CODE else code)
        for code, lines in places.items()
    ]


def render_markdown(compared: Compared, stream: TextIO) -> None:
    lines = [f"### {_title(compared, escape.markdown)}"]
    if compared.heading:
        lines += ["", " · ".join(escape.view_markdown(part) for part in compared.heading)]
    if compared.diff is None:
        unread = compared.old if compared.old.checked is None else compared.new
        lines += ["", escape.markdown(unreadable_text(unread))]
        if unread is compared.old:
            lines += ["", *_checked_markdown(compared.old)]
    else:
        lines += _sections_markdown(compared, compared.diff)
    lines += ["", *_checked_markdown(compared.new)]
    stream.write("\n".join(lines) + "\n")


# --- json -------------------------------------------------------------------------------------


def _decimal(value: Decimal | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return f"{value:f}"


def _change_json(change: Change) -> dict[str, Any]:
    return {
        "pointer": change.pointer,
        "line": change.line,
        "old": _decimal(change.old),
        "new": _decimal(change.new),
        "difference": _decimal(change.difference),
        "status": change.status,
        "old_pointer": change.old_pointer,
        "old_line": change.old_line,
        "subject": list(change.subject),
    }


def _rename_json(rename: Rename) -> dict[str, Any]:
    return {
        "kind": rename.kind,
        "old": rename.old,
        "new": rename.new,
        "name": rename.name,
        "within": list(rename.within),
        "line": rename.line,
        "old_line": rename.old_line,
    }


def _sum_json(row: Sum) -> dict[str, Any]:
    return {
        "old": _decimal(row.old),
        "new": _decimal(row.new),
        "difference": _decimal(row.difference),
    }


def _key(row: Sum) -> int | str:
    return int(row.key) if row.kind == "year" else row.key


def _money_json(money_: Money | None) -> dict[str, Any] | None:
    if money_ is None:
        return None
    moved = {
        kind: [
            {"from": _key(m.source), "to": _key(m.target), "amount": _decimal(m.amount)}
            for m in money_.moved
            if m.kind == kind
        ]
        for kind in ("source", "year")
    }
    return {
        "unit": money_.unit,
        "total": _sum_json(money_.total),
        "sources": [{"key": s.key, "name": s.label, **_sum_json(s)} for s in money_.sources],
        "years": [{"year": int(y.key), **_sum_json(y)} for y in money_.years],
        "moved": {"sources": moved["source"], "years": moved["year"]},
    }


def _place_json(place: Place) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": place.kind, "name": place.name}
    if place.commune is not None:
        data["commune"] = place.commune
    data["district"] = place.district
    if place.status == "moved":
        data.update({"from": place.old_year, "to": place.new_year})
    else:
        data["year"] = place.new_year if place.status != "removed" else place.old_year
    if place.status == "renamed" and place.was is not None:
        old_name, old_commune, old_district = place.was
        data["old_name"] = old_name
        if old_commune is not None:
            data["old_commune"] = old_commune
        data["old_district"] = old_district
        data["old_line"] = place.old_line
    data["line"] = place.line
    return data


def _roadmap_json(places: Sequence[Place]) -> dict[str, list[dict[str, Any]]]:
    return {
        status: [_place_json(p) for p in places if p.status == status]
        for status in ("moved", "added", "removed", "renamed")
    }


def _item_json(item: Item, name: str) -> dict[str, Any]:
    data: dict[str, Any] = {name: item.label, "status": item.status, "line": item.line}
    if name == "citation":
        data["list"] = item.section
    return data


def _balances_json(balances: Sequence[Balance], side: Side, style: NumberStyle | None) -> list[Any]:
    loaded = side.checked.loaded if side.checked else None
    return [
        {
            "code": b.code,
            "description": b.description.render(style),
            "pointer": b.left[0].pointer if b.left else "",
            "line": loaded.mark(b.left[0].pointer).line if loaded and b.left else None,
        }
        for b in balances
    ]


def _diff_json(compared: Compared) -> dict[str, Any]:
    diff = compared.diff
    if diff is None:
        return {
            "changes": [],
            "renamed": [],
            "money": None,
            "roadmap": _roadmap_json(()),
            "targets": [],
            "citations": [],
            "amendments": [],
            "acknowledgements": [],
            "sums": {
                "held_before": None,
                "hold_after": None,
                "failing_before": [],
                "failing_after": [],
            },
        }
    style = compared.style
    return {
        "changes": [_change_json(c) for c in diff.changes],
        "renamed": [_rename_json(r) for r in diff.renamed],
        "money": _money_json(diff.money),
        "roadmap": _roadmap_json(diff.roadmap),
        "targets": [_item_json(i, "id") for i in diff.targets],
        "citations": [_item_json(i, "citation") for i in diff.citations],
        "amendments": [_item_json(i, "amendment") for i in diff.amendments],
        "acknowledgements": [_item_json(i, "acknowledgement") for i in diff.acknowledgements],
        "sums": {
            "held_before": diff.sums.held_before,
            "hold_after": diff.sums.hold_after,
            "failing_before": _balances_json(diff.sums.failing_before, compared.old, style),
            "failing_after": _balances_json(diff.sums.failing_after, compared.new, style),
        },
    }


def render_json(compared: Compared, stream: TextIO) -> None:
    data = {
        "version": 1,
        "contract": CONTRACT,
        "old": compared.old.label,
        "new": compared.new.label,
        "compared": compared.diff is not None,
        **_diff_json(compared),
        "valid": compared.new.result.valid(),
        "findings": [finding_dict(f) for f in compared.new.result.findings],
        "old_findings": [finding_dict(f) for f in compared.old.result.findings],
    }
    stream.write(json_text(data) + "\n")
