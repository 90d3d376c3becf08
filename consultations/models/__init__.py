"""Models of the consultations app, one module per concept, re-exported here."""

from .pages import ConsultationDocument, ConsultationIndexPage, ConsultationPage
from .submissions import RefusalReason, Submission

__all__ = [
    "ConsultationDocument",
    "ConsultationIndexPage",
    "ConsultationPage",
    "RefusalReason",
    "Submission",
]
