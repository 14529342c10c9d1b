"""Message-quality scoring for incident-communication drills.

Pure and offline: no network, no language model, and no dependency on the
``drill`` application, so grades can be computed anywhere from plain data.
"""

from .criteria import QUALITY_CRITERIA
from .message import grade_message
from .types import (
    INTERNAL,
    PUBLIC,
    ChannelInfo,
    CriterionResult,
    Evidence,
    MessageContext,
    MessageGrade,
    PriorMessage,
    Promise,
)
from .weights import QUALITY_WEIGHTS

__all__ = [
    "INTERNAL",
    "PUBLIC",
    "QUALITY_CRITERIA",
    "QUALITY_WEIGHTS",
    "ChannelInfo",
    "CriterionResult",
    "Evidence",
    "MessageContext",
    "MessageGrade",
    "PriorMessage",
    "Promise",
    "grade_message",
]
