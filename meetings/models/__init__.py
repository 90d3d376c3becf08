"""Models of the meetings app, one module per concept, re-exported here."""

from .committees import CommitteeIndexPage, CommitteeMembership, CommitteePage
from .decisions import Decision
from .forward_plan import ForwardPlanEntry
from .meetings import AgendaItem, MeetingPage, MinutesPage
from .people import CouncillorIndexPage, CouncillorPage
from .plans import PlanIndexPage, PlanPage
from .registers import DecisionIndexPage, ForwardPlanPage
from .rules import ClosureDay, DemocracySettings, ParticipationRule
from .subscriptions import AlertSent, CommitteeFollow, ConsultationFollow, PersonalCalendar
from .venues import Venue

__all__ = [
    "AgendaItem",
    "AlertSent",
    "ClosureDay",
    "CommitteeFollow",
    "CommitteeIndexPage",
    "CommitteeMembership",
    "CommitteePage",
    "ConsultationFollow",
    "CouncillorIndexPage",
    "CouncillorPage",
    "Decision",
    "DecisionIndexPage",
    "DemocracySettings",
    "ForwardPlanEntry",
    "ForwardPlanPage",
    "MeetingPage",
    "MinutesPage",
    "ParticipationRule",
    "PersonalCalendar",
    "PlanIndexPage",
    "PlanPage",
    "Venue",
]
