"""A project's stage, from its facts' current statuses: where it stands on
the way from rumour to screen.

Checked in order, the first that holds wins. Dates are compared with the
latest article about the project (not today's clock), so a stage never
changes unless an article says something.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

STAGES = ("rumored", "in_talks", "attached", "filming", "released")
STAGE_LABELS = {"rumored": "Rumored", "in_talks": "In talks", "attached": "Attached", "filming": "Filming",
                "released": "Released"}
# a credit's current status -> the stage it alone shows
STATUS_STAGE = {"credited": "released", "confirmed": "attached", "attached": "attached",
                "in_talks": "in_talks", "rumored": "rumored"}
RELEASE_FACTS = ("streaming_on",)  # a fact that only a released work has
DATED_STAGES = {"release_date": "released", "filming_start": "filming"}  # once the date is past


@dataclass
class CurrentFact:
    predicate: str
    status: str | None
    value: str | None
    published: str | None
    is_credit: bool


def project_stage(facts: Iterable[CurrentFact]) -> str:
    facts = list(facts)
    as_of = max((f.published for f in facts if f.published), default=None)
    reached = {"rumored"}
    for fact in facts:
        if fact.status == "exited":
            continue
        if fact.is_credit and fact.status in STATUS_STAGE:
            reached.add(STATUS_STAGE[fact.status])
        if fact.predicate in RELEASE_FACTS:
            reached.add("released")
        if fact.predicate in DATED_STAGES and fact.value and as_of and fact.value[:len(as_of)] <= as_of \
                and fact.status != "rumored":
            reached.add(DATED_STAGES[fact.predicate])
    return max(reached, key=STAGES.index)
