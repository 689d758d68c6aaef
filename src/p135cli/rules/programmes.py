"""Programmes: a plan names one p135 knows (`programme_id`), its period lies in the
programme's, and every project it refers to (`project: "5.1"`) is one of the programme's."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from p135cli.findings import Finding, Severity
from p135cli.i18n import N_, Message
from p135cli.loading import escape, pointer_of
from p135cli.model import Plan, SplitPart
from p135cli.programmes import PROGRAMMES, Programme, missing_project, project_numbers
from p135cli.rules.base import Context, rule


@rule(
    "G101",
    "known-programme",
    "A plan's programme_id is a programme p135 knows, and its period lies in the programme's",
    "programme",
    {
        "unknown": "programme_id '{id}' is no programme p135 knows ({known})",
        "period": "the plan runs {start}-{end}, outside {name}'s {first}-{last}",
    },
)
def known_programme(plan: Plan, context: Context) -> Iterator[Finding]:
    """`programme_id` names a programme of p135's list (`mtqg-1719`, `giam-ngheo-2021-2025`,
    `p135-2016-2020`, ...), and the plan's period lies inside the programme's years.

    Passing: `programme_id: mtqg-1719` on a plan for 2025.

    Failing: `programme_id: mtqg-1791` (did you mean mtqg-1719?), or `mtqg-1719` on a plan
    for 2017-2020.
    """
    if plan.programme_id is None:
        return
    programme = PROGRAMMES.get(plan.programme_id)
    if programme is None:
        near = difflib.get_close_matches(plan.programme_id, PROGRAMMES, n=2, cutoff=0.6)
        hint = Message(N_("did you mean {names}?"), {"names": ", ".join(near)}) if near else None
        yield known_programme.finding(
            context, "unknown", "/programme_id", hint=hint, id=plan.programme_id,
            known=", ".join(PROGRAMMES),
        )  # fmt: skip
        return
    period = plan.period
    if not programme.start <= period.start <= period.end <= programme.end:
        yield known_programme.finding(
            context, "period", "/period", start=period.start, end=period.end,
            name=programme.id, first=programme.start, last=programme.end,
        )  # fmt: skip


@rule(
    "G102",
    "project-in-programme",
    "A project a plan refers to is one of its programme's projects",
    "programme",
    {
        "project": "'{project}': {name} has no Dự án {number} (it has {count})",
        "sub_project": "'{project}': Dự án {number} of {name} has no tiểu dự án {sub} ({count})",
        "unnumbered": "'{project}' is not a project number such as 4 or 5.1",
        "unknown": "'{project}' cannot be checked: the plan names no programme p135 knows "
        "(programme_id)",
        "unstructured": "'{project}' cannot be checked: p135 knows no projects of {name}",
        "parent": "'{project}' lies under '{parent}', which is another project",
        "content": "'{project}': p135 knows {name}'s projects and sub-projects, not the "
        "contents below them: only {known} is checked",
    },
)
def project_in_programme(plan: Plan, context: Context) -> Iterator[Finding]:
    """Each `project` (a split's part, a year's part, a component) names a project of the
    plan's programme by number, `4` for Dự án 4 and `5.1` for its tiểu dự án 1, and the
    programme has it. A project the plan cannot have checked (no `programme_id`, or one p135
    knows no projects of) is a warning, never passed in silence.

    Passing: `project: "5.1"` in a plan of `mtqg-1719` (Dự án 5 has 4 tiểu dự án).

    Failing: `project: "11"` or `"3.3"` in a plan of `mtqg-1719` (10 dự án; Dự án 3 has 2).
    """
    programme = PROGRAMMES.get(plan.programme_id or "")
    for pointer, project, parent in _projects(plan):
        yield from _check_project(context, programme, pointer, project)
        yield from _check_parent(context, pointer, project, parent)


def _check_parent(
    context: Context, pointer: str, project: str, parent: str | None
) -> Iterator[Finding]:
    """A part split from a project's money belongs to that project: `5.1` under `5`."""
    numbers, above = project_numbers(project), project_numbers(parent or "")
    if numbers is None or above is None or numbers[: len(above)] == above:
        return
    yield project_in_programme.finding(
        context, "parent", pointer + "/project", project=project, parent=parent
    )


def _check_project(
    context: Context, programme: Programme | None, pointer: str, project: str
) -> Iterator[Finding]:
    rule_ = project_in_programme
    at = pointer + "/project"
    numbers = project_numbers(project)
    if numbers is None:
        yield rule_.finding(context, "unnumbered", at, project=project)
    elif programme is None:
        yield rule_.finding(context, "unknown", at, severity=Severity.WARNING, project=project)
    elif not programme.projects:
        yield rule_.finding(
            context, "unstructured", at, severity=Severity.WARNING, project=project,
            name=programme.id,
        )  # fmt: skip
    elif (missing := missing_project(programme, numbers)) is not None:
        yield rule_.finding(
            context, missing, at, project=project, name=programme.id, number=numbers[0],
            sub=numbers[1] if len(numbers) > 1 else None, count=_counted(programme, numbers),
        )  # fmt: skip
    elif len(numbers) > 2:
        known = ".".join(str(n) for n in numbers[:2])
        yield rule_.finding(
            context, "content", at, severity=Severity.WARNING, project=project,
            name=programme.id, known=known,
        )  # fmt: skip


def _counted(programme: Programme, numbers: tuple[int, ...]) -> Message:
    project = programme.projects.get(numbers[0])
    if project is None:
        return Message(N_("Dự án 1 to {last}"), {"last": max(programme.projects)})
    if not project.sub_projects:
        return Message(N_("it has none"))
    return Message(N_("it has tiểu dự án 1 to {last}"), {"last": project.sub_projects})


def _projects(plan: Plan) -> Iterator[tuple[str, str, str | None]]:
    """(pointer, project, the project of what it is split from) of every part and component
    that names its project."""
    funding = plan.funding
    if funding is not None:
        for key, source in funding.sources.items():
            yield from _split_projects(pointer_of("funding", "sources", key), source.split, None)
        for year, stated in funding.years.items():
            for key, part in stated.parts.items():
                at = pointer_of("funding", "years", year, "parts", key)
                if part.project is not None:
                    yield at, part.project, None
                yield from _split_projects(at, part.split, part.project)
    for index, component in enumerate(plan.components):
        at = pointer_of("components", index)
        if component.project is not None:
            yield at, component.project, None
        yield from _split_projects(at, component.split, component.project)


def _split_projects(
    pointer: str, split: dict[str, SplitPart], parent: str | None
) -> Iterator[tuple[str, str, str | None]]:
    """The parts of a split that name their project, as deep as it is split, each with the
    nearest project above it."""
    for key, part in split.items():
        at = f"{pointer}/split/{escape(key)}"
        if part.project is not None:
            yield at, part.project, parent
        yield from _split_projects(at, part.split, part.project or parent)
