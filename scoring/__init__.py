"""Message-quality scoring for incident-communication drills.

Pure and offline: no network, no language model, and no dependency on the
``drill`` application, so grades can be computed anywhere from plain data.
"""

from typing import TYPE_CHECKING

# Exports are loaded on first use, so that importing a light submodule such as
# ``scoring.criteria`` does not compile every detector's patterns.
_EXPORTS = {
    "QUALITY_CRITERIA": "criteria",
    "QUALITY_WEIGHTS": "weights",
    "grade_message": "message",
    "INTERNAL": "types",
    "PUBLIC": "types",
    "ChannelInfo": "types",
    "CriterionResult": "types",
    "Evidence": "types",
    "MessageContext": "types",
    "MessageGrade": "types",
    "PriorMessage": "types",
    "Promise": "types",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from .criteria import QUALITY_CRITERIA
    from .message import grade_message
    from .types import (INTERNAL, PUBLIC, ChannelInfo, CriterionResult, Evidence, MessageContext, MessageGrade,
                        PriorMessage, Promise)
    from .weights import QUALITY_WEIGHTS


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'scoring' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
