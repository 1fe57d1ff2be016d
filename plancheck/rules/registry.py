"""The one table of rules. Add a rule by adding its class here, in code order."""

from __future__ import annotations

from plancheck.rules.base import Rule
from plancheck.rules.consistency.plan_year import MismatchedPlanYear
from plancheck.rules.content.aims import MissingAims
from plancheck.rules.content.comparison_with_others import MissingComparisonWithOthers
from plancheck.rules.content.cpa_scores import MissingCpaScores
from plancheck.rules.content.efficiency import MissingEfficiencyStatement
from plancheck.rules.content.finance_summary import MissingFinanceSummary
from plancheck.rules.content.function_assessment import MissingFunctionAssessment
from plancheck.rules.content.identified import UnidentifiedPlan
from plancheck.rules.content.improvement import MissingImprovementArrangements
from plancheck.rules.content.lpsa import MissingLpsaProgress
from plancheck.rules.content.objectives import MissingStrategicObjectives
from plancheck.rules.content.past_progress import MissingPastProgress
from plancheck.rules.content.performance_comparison import MissingPerformanceComparison
from plancheck.rules.content.publication import LatePublication
from plancheck.rules.content.review_period import MissingReviewPeriod
from plancheck.rules.content.review_timetable import MissingReviewTimetable
from plancheck.rules.content.standards_performance import MissingStandardsPerformance
from plancheck.rules.content.standards_progress import MissingStandardsProgress
from plancheck.rules.content.target_actions import MissingTargetActions
from plancheck.rules.content.target_basis import MissingTargetBasis
from plancheck.rules.content.target_progress import MissingTargetProgress
from plancheck.rules.content.workforce import MissingWorkforceStatement
from plancheck.rules.document.not_a_plan import NotAPlan
from plancheck.rules.document.partly_read import PartlyReadDocument
from plancheck.rules.document.rule_crashed import RuleCrashed
from plancheck.rules.document.unreadable import UnreadableDocument
from plancheck.rules.document.unused_suppression import UnusedSuppression
from plancheck.rules.indicators.estimated_outturn import EstimatedOutturn
from plancheck.rules.indicators.explained_missing_value import ExplainedMissingValue
from plancheck.rules.indicators.missing_audit_commission_results import MissingAuditCommissionResults
from plancheck.rules.indicators.missing_bvpi_outturn import MissingBvpiOutturn
from plancheck.rules.indicators.missing_bvpi_targets import MissingBvpiTargets
from plancheck.rules.indicators.missing_earlier_year_comparison import MissingEarlierYearComparison
from plancheck.rules.indicators.missing_indicator_targets_article import MissingIndicatorTargetsArticle
from plancheck.rules.indicators.missing_previous_year_performance import MissingPreviousYearPerformance
from plancheck.rules.indicators.omitted_catalogue_indicator import OmittedCatalogueIndicator
from plancheck.rules.indicators.stale_indicator_years import StaleIndicatorYears

ALL_RULES: tuple[type[Rule], ...] = (
    # PC0xx the document
    UnreadableDocument,  # PC001
    NotAPlan,  # PC002
    RuleCrashed,  # PC003
    PartlyReadDocument,  # PC004
    # PC1xx required content
    UnidentifiedPlan,  # PC101
    MissingStrategicObjectives,  # PC102
    MissingImprovementArrangements,  # PC103
    MissingWorkforceStatement,  # PC104
    LatePublication,  # PC105
    MissingEfficiencyStatement,  # PC106
    MissingCpaScores,  # PC110
    MissingPastProgress,  # PC111
    MissingFinanceSummary,  # PC112
    MissingLpsaProgress,  # PC113
    MissingAims,  # PC120
    MissingFunctionAssessment,  # PC121
    MissingReviewPeriod,  # PC122
    MissingReviewTimetable,  # PC123
    MissingPerformanceComparison,  # PC124
    MissingComparisonWithOthers,  # PC125
    MissingStandardsPerformance,  # PC126
    MissingStandardsProgress,  # PC127
    MissingTargetProgress,  # PC128
    MissingTargetActions,  # PC129
    MissingTargetBasis,  # PC130
    # PC2xx indicator tables: appended by the indicators issue
    MissingBvpiOutturn,  # PC201
    MissingBvpiTargets,  # PC202
    ExplainedMissingValue,  # PC203
    StaleIndicatorYears,  # PC204
    EstimatedOutturn,  # PC205
    OmittedCatalogueIndicator,  # PC206
    MissingPreviousYearPerformance,  # PC207
    MissingIndicatorTargetsArticle,  # PC208
    MissingEarlierYearComparison,  # PC209
    MissingAuditCommissionResults,  # PC210
    # PC3xx consistency
    MismatchedPlanYear,  # PC301
    # PC9xx configuration
    UnusedSuppression,  # PC900 (emitted by the engine after suppressions are applied)
)


def reads_tables(rule: type[Rule] | str) -> bool:
    """An indicator-table rule (PC2xx): its evidence is table data, which a paper may also hold."""
    return (rule if isinstance(rule, str) else rule.code).startswith("PC2")


def about_the_file(rule: type[Rule] | str) -> bool:
    """A rule about the file itself (PC0xx, PC9xx), not advice to a plan's author."""
    return (rule if isinstance(rule, str) else rule.code).startswith(("PC0", "PC9"))


def by_code() -> dict[str, type[Rule]]:
    """Rules keyed by code and by name."""
    out: dict[str, type[Rule]] = {}
    for r in ALL_RULES:
        out[r.code] = r
        out[r.name] = r
    return out


def select(select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> list[type[Rule]]:
    """The rules a run uses: ``select`` (codes, names or code prefixes; empty = all) minus ``ignore``."""

    def hit(rule: type[Rule], keys: tuple[str, ...]) -> bool:
        return any(rule.code.startswith(k) or rule.name == k for k in keys)

    return [r for r in ALL_RULES if (not select or hit(r, select)) and not hit(r, ignore)]
