"""Models of planning (sub-process 5.1), by sub-domain; the names are re-exported so imports stay
`from planning.models import …`."""

from .approvals import ApprovalReminder, ApprovalStep, PlanningDeadline
from .entrances import DailyEntranceCount
from .plans import (
    CouncilDecision,
    CouncilMeeting,
    FollowUp,
    ImprovementDecision,
    InnovationCard,
    OutgoingLetter,
    PlanActivity,
    StaffDevelopmentEvent,
    WorkPlan,
)
from .qualification import (
    LocalRegulation,
    QualificationPlanItem,
    RequiredTraining,
    StaffCertificate,
    TrainingProgramme,
)

__all__ = [
    "ApprovalReminder",
    "ApprovalStep",
    "CouncilDecision",
    "CouncilMeeting",
    "DailyEntranceCount",
    "FollowUp",
    "ImprovementDecision",
    "InnovationCard",
    "LocalRegulation",
    "OutgoingLetter",
    "PlanActivity",
    "PlanningDeadline",
    "QualificationPlanItem",
    "RequiredTraining",
    "StaffCertificate",
    "StaffDevelopmentEvent",
    "TrainingProgramme",
    "WorkPlan",
]
