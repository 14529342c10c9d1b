"""Messages about the asks the team must answer."""

from __future__ import annotations

from textual.message import Message


class AnswerAsk(Message):
    """The facilitator chose to answer an ask: the composer should reply to it."""

    def __init__(self, ask_id: str) -> None:
        super().__init__()
        self.ask_id = ask_id


class AnswerQuestion(Message):
    """The facilitator chose to answer a format 2 question: the composer should reply to it."""

    def __init__(self, question_id: str) -> None:
        super().__init__()
        self.question_id = question_id
