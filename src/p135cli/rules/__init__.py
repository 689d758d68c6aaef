"""The registry: every rule p135 knows, listed explicitly, in the order they run."""

from __future__ import annotations

from typing import Any

from p135cli.model import Plan
from p135cli.rules import (
    amendments,
    bands,
    citations,
    funding,
    inferences,
    places,
    programmes,
    progress_report,
    roadmap,
    shares,
    targets,
)
from p135cli.rules.acknowledgements import STALE, UNPINNED
from p135cli.rules.base import Rule
from p135cli.rules.structure import STRUCTURE_RULES

PLAN_RULES: tuple[Rule[Plan], ...] = (
    funding.likely_wrong_figure,
    funding.sources_sum_to_total,
    funding.years_sum_to_total,
    funding.parts_sum_to_year,
    funding.categories_match_sources,
    funding.amount_not_negative,
    funding.years_in_period,
    funding.allocation_within_need,
    funding.units_convert_exactly,
    funding.rate_gives_amount,
    funding.components_sum_to_total,
    shares.share_matches_amount,
    shares.shares_make_whole,
    shares.split_adds_to_part,
    bands.bands_sum_to_whole,
    bands.band_share_matches,
    bands.average_within_bands,
    bands.subset_within_set,
    citations.date_is_real,
    citations.number_year_matches_date,
    citations.issuer_matches_code,
    citations.cited_before_plan,
    roadmap.leaves_once,
    roadmap.district_in_scope,
    roadmap.count_matches_names,
    roadmap.reaches_goal,
    roadmap.areas_add_up,
    places.place_is_official,
    places.place_changed,
    places.district_as_of_date,
    places.merger_as_recorded,
    programmes.known_programme,
    programmes.project_in_programme,
    targets.value_or_range,
    targets.known_unit,
    targets.target_year_in_period,
    targets.percent_in_range,
    targets.part_within_whole,
    targets.change_matches_levels,
    amendments.amendment_after_plan,
    inferences.inferred_value,
)

REPORT_RULES: tuple[Rule[progress_report.Pairing], ...] = (
    progress_report.percent_of_plan_holds,
    progress_report.report_names_in_plan,
    progress_report.report_matches_plan,
    progress_report.report_count_matches_names,
    progress_report.result_matches_plan_line,
    progress_report.report_sums_hold,
    progress_report.money_result_is_money,
    progress_report.report_dates_hold,
)
"""Rules of a results report; K102, K103 and K105 need its plan (`p135 progress`)."""

NEEDS_PLAN = frozenset({"K102", "K103", "K105"})
"""The report rules that run only beside the plan: `validate` of a report alone does not run
them, so an acknowledgement of one is not stale there."""

ALL_RULES: tuple[Rule[Any], ...] = (
    *STRUCTURE_RULES,
    *PLAN_RULES,
    funding.HOLDS_AS_QUALIFIED,
    funding.OPEN_LIST,
    citations.ONE_DATE,
    *(edit_rule for edit_rule, _ in amendments.EDIT_RULES),
    amendments.NOT_COMPARED,
    *REPORT_RULES,
    STALE,
    UNPINNED,
)
BY_CODE: dict[str, Rule[Any]] = {rule.code: rule for rule in ALL_RULES}
BY_NAME: dict[str, Rule[Any]] = {rule.name: rule for rule in ALL_RULES}


def find(code_or_name: str) -> Rule[Any] | None:
    """A rule by its code (`F101`, any case) or its name (`sources-sum-to-total`)."""
    return BY_CODE.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())
