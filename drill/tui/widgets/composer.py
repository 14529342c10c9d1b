"""Where the facilitator types the team's message: role, channel, reply-to, text, send.

Ctrl+S (or Send) reads the text box in the order the keys arrived, so the message is exactly
what was typed before Ctrl+S; keys typed after it stay for the next message. The composer does
not send anything itself: it posts ``Composer.SendRequested`` with the text, role, channel and
reply-to it holds, and the app answers with ``sent`` (the box lets go of that text) or
``not_sent`` (the text stays, the app has said why). ``Composer.DraftChanged`` tells whoever
saves the unsent draft.

The character count is the scorer's (a link counts 23 on social), against the channel's limit.
Reply-to offers the open asks the chosen role and channel can answer, soonest due first, with
live countdowns, then the open format 2 questions the role can answer ("? triage.first"), then
recent deliveries. A seat of a served drill offers only its own role, and
after the channels its other destinations (team members), which have no length limit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Label, Select, TextArea

from drill.engine.events import Event
from drill.scenario.model import Scenario
from drill.tui.render import TYPE_LABELS, channel_options, one_line, plain, role_options
from drill.tui.support.asks import answerable, countdown
from drill.tui.support.decisions import answerable_questions
from drill.tui.support.length import message_length, too_long
from drill.tui.support.reasons import PASSED, misses, rubric_points
from drill.tui.support.sending import Pending, next_message, remove_sent
from drill.tui.widgets.choice import ChoiceSelect
from drill.tui.widgets.safe_fields import SafeTextArea

if TYPE_CHECKING:  # the play screen is painted before the engine (and its state) loads
    from drill.engine.state import Ask

REPLY_CHOICES = 25  # the most recent deliveries offered as reply-to, beside the open asks
REPLY_EVENTS = frozenset({"inject_delivered", "ask_opened", "ask_answered", "ask_missed", "question_opened",
                          "question_answered", "question_unanswered"})
NO_REPLY = "reply to: nothing"


def count_label(length: int, limit: int | None) -> Text:
    if limit is None:
        return Text(f"{length} chars", style="dim")
    over = length > limit
    return Text(f"{length}/{limit} chars" + (" — too long" if over else ""),
                style="bold red" if over else "dim")


def grade_summary(grade) -> Text:
    """'last: 58/100 · missed: States the impact, Commits to the next update' (the costliest first)."""
    line = Text(f"last: {grade.score:.0f}/100", style="bold green" if grade.score >= 70 else "bold yellow")
    missed = misses(grade.criteria)
    if missed:
        line.append(" · missed: ", style="yellow")
        line.append_text(plain(", ".join(reason.label for reason in missed), "yellow"))
    line.no_wrap, line.overflow = True, "ellipsis"
    return line


def rubric_summary(grade) -> Text:
    """'last: 50/100 · 1 of 2 points covered': an answer graded on its question's rubric."""
    points = rubric_points(grade.criteria)
    covered = sum(1 for point in points if point.verdict == PASSED)
    line = Text(f"last: {grade.score:.0f}/100", style="bold green" if covered == len(points) else "bold yellow")
    line.append(f" · {covered} of {len(points)} point{'s' if len(points) != 1 else ''} covered",
                style="green" if covered == len(points) else "yellow")
    line.no_wrap, line.overflow = True, "ellipsis"
    return line


def no_reply_prompt(hidden: int) -> str:
    """The reply-to prompt, saying how many open asks are for another role or channel."""
    if not hidden:
        return NO_REPLY
    return f"{NO_REPLY} · {hidden} ask{'s are' if hidden != 1 else ' is'} for others"


class Composer(Vertical):
    DEFAULT_CSS = """
    Composer { height: auto; border-top: solid $primary; }
    Composer > #composer-options { height: 1; }
    Composer > #composer-options > Select { width: 1fr; margin-right: 1; }
    Composer > #composer-options > #composer-reply { width: 2fr; margin-right: 0; }
    Composer > #composer-text { height: 7; min-height: 3; padding: 0 1; }
    Composer > #composer-status { height: 1; }
    Composer > #composer-status > #composer-count { width: auto; margin-right: 2; }
    Composer > #composer-status > #composer-grade { width: 1fr; }
    Composer > #composer-status > Button { width: auto; min-width: 10; }
    """

    class SendRequested(Message):
        """Ctrl+S or Send: the message exactly as the composer holds it.

        Whoever handles it answers ``composer.sent(request, grade)`` once the message is taken
        (``grade`` None in exam mode), or ``composer.not_sent(request)`` if it was refused.
        """

        def __init__(self, composer: Composer, text: str, role: str, channel: str, reply_to: str | None) -> None:
            super().__init__()
            self.composer = composer
            self.text = text
            self.role = role
            self.channel = channel
            self.reply_to = reply_to

        @property
        def control(self) -> Composer:
            return self.composer

    class DraftChanged(Message):
        """The unsent text, its role or its channel changed (the draft a resumed drill gets back)."""

        def __init__(self, composer: Composer, text: str, role: str, channel: str) -> None:
            super().__init__()
            self.composer = composer
            self.text = text
            self.role = role
            self.channel = channel

        @property
        def control(self) -> Composer:
            return self.composer

    def __init__(self, draft: tuple[str, str | None, str | None] = ("", None, None), *, id: str | None = None,
                 roles: tuple[str, ...] | None = None, destinations: Iterable[tuple[str, str]] = ()) -> None:
        super().__init__(id=id)
        self._draft = draft  # a resumed drill's unsent text, with the role and channel it was written for
        self._roles = roles  # the roles it may speak for (None: every one, as the facilitator at one keyboard)
        # Where else a message may go besides the scenario's channels, as (label, value): a seat's team members.
        self._destinations = list(destinations)
        self._pending: list[tuple[Composer.SendRequested, Pending]] = []  # handed over, not answered yet
        self._replies: list[tuple[str, str]] = []  # the reply-to choices shown: (label, value)

    @property
    def scenario(self) -> Scenario:
        return self.app.scenario

    def compose(self) -> ComposeResult:
        scenario = self.scenario
        roles, channels = role_options(scenario), channel_options(scenario)
        if self._roles is not None:
            roles = [option for option in roles if option[1] in self._roles]
        channels += [(plain(label), value) for label, value in self._destinations]
        text, role, channel = self._draft
        role = role if role in {value for _, value in roles} else roles[0][1]
        channel = channel if channel in {value for _, value in channels} else channels[0][1]
        with Horizontal(id="composer-options"):
            yield ChoiceSelect(roles, value=role, allow_blank=False, compact=True, id="composer-role")
            yield ChoiceSelect(channels, value=channel, allow_blank=False, compact=True, id="composer-channel")
            yield ChoiceSelect([], prompt=NO_REPLY, compact=True, id="composer-reply")
        text_area = SafeTextArea(text, id="composer-text", soft_wrap=True, tab_behavior="focus",
                             placeholder="Type the team's message. Ctrl+S sends.")
        text_area.border_title = "Message"
        yield text_area
        with Horizontal(id="composer-status"):
            yield Label(id="composer-count")
            yield Label(id="composer-grade")
            # The Send button (Ctrl+S does the same) joins them just after the first frame: styling a
            # button means first reading Textual's CSS for every kind of button, a tenth of that frame.

    @property
    def text_area(self) -> TextArea:
        return self.query_one("#composer-text", TextArea)

    @property
    def role(self) -> str:
        return self.query_one("#composer-role", Select).value

    @property
    def channel(self) -> str:
        return self.query_one("#composer-channel", Select).value

    @property
    def reply_to(self) -> str | None:
        value = self.query_one("#composer-reply", Select).value
        return None if value is Select.NULL else value

    def on_mount(self) -> None:
        text_area = self.text_area
        text_area.move_cursor(text_area.document.end)  # a resumed draft goes on where it stopped
        self._refresh_replies()
        self._update_count()
        self._draft_changed()
        self.app.drill_events.subscribe(self, self.show_events)
        self.watch(self.app, "clock", self._clock_moved, init=False)
        self.call_after_refresh(self._add_send_button)

    def _add_send_button(self) -> None:
        if not self.query("#composer-send"):
            self.query_one("#composer-status").mount(
                Button("Send ^S", id="composer-send", compact=True, variant="primary"))

    def show_events(self, events: list[Event]) -> None:
        if any(event.kind in REPLY_EVENTS for event in events):
            self._refresh_replies()

    def _clock_moved(self, _clock: int) -> None:
        self._refresh_replies()  # the countdowns

    # --- reply-to -------------------------------------------------------------

    def _reply_options(self) -> tuple[list[tuple[str, str]], int]:
        """The reply-to choices as (label, value), and how many open asks are left out."""
        engine = self.app.engine
        if engine is None:  # the first paint comes before the drill starts
            return [], 0
        state, clock = engine.state, engine.clock
        moves = self.scenario.in_moves
        open_asks = state.open_asks()
        offered = answerable(open_asks, self.role, self.channel)
        options = [(f"ask {one_line(ask.ask_id, 30)} · {countdown(ask.due_at, clock, moves)}", ask.ask_id)
                   for ask in offered]
        for slot in answerable_questions(state, self.role):
            question = self.scenario.question(slot.question_id)
            label = f"? {one_line(slot.question_id, 30)}"
            if slot.due_at is not None:
                label += f" · {countdown(slot.due_at, clock, moves)}"
            if question is not None:
                label += f" · {one_line(question.text, 40)}"
            options.append((label, slot.question_id))
        # An inject whose ask is open is answered through the ask, or, from another role or channel, not at all.
        seen = {ask.inject_id for ask in open_asks}
        for delivery in reversed(state.deliveries[-REPLY_CHOICES:]):
            inject_id = delivery.data["inject_id"]
            if inject_id in seen:
                continue
            seen.add(inject_id)
            kind = TYPE_LABELS.get(delivery.data["type"], delivery.data["type"]).lower()
            options.append((f"{one_line(inject_id, 30)} · {kind} · {one_line(delivery.data['from'], 30)}", inject_id))
        return options, len(open_asks) - len(offered)

    def _refresh_replies(self) -> None:
        options, hidden = self._reply_options()
        select = self.query_one("#composer-reply", ChoiceSelect)
        select.prompt = no_reply_prompt(hidden)
        if options == self._replies:
            return
        same_choices = [value for _, value in options] == [value for _, value in self._replies]
        self._replies = options
        current = select.value
        overlay = select.mounted_overlay  # None until the list is first opened
        highlighted = overlay.highlighted if overlay is not None else None
        with select.prevent(Select.Changed):
            select.set_options([(plain(label), value) for label, value in options])
            if current is not Select.NULL and any(value == current for _, value in options):
                select.value = current
        if select.expanded and same_choices and highlighted is not None:
            overlay.highlighted = highlighted  # a countdown moved: the open list keeps its place

    # --- text -----------------------------------------------------------------

    @on(TextArea.Changed, "#composer-text")
    def _text_changed(self) -> None:
        self._update_count()
        self._draft_changed()

    @on(Select.Changed, "#composer-role")
    def _role_changed(self) -> None:
        self._refresh_replies()
        self._draft_changed()

    @on(Select.Changed, "#composer-channel")
    def _channel_changed(self) -> None:
        self._refresh_replies()
        self._update_count()
        self._draft_changed()

    def _draft_changed(self) -> None:
        self.post_message(self.DraftChanged(self, self.text_area.text, self.role, self.channel))

    def _update_count(self) -> None:
        channel = self.scenario.channels.get(self.channel)
        limit = channel.max_chars if channel else None
        length = message_length(self.text_area.text, channel) if channel else len(self.text_area.text)
        self.query_one("#composer-count", Label).update(count_label(length, limit))

    def prefill(self, ask: Ask) -> None:
        """Answer ``ask``: reply to it, as one of its roles, on one of its channels."""
        if ask.roles and self.role not in ask.roles:
            self.query_one("#composer-role", Select).value = ask.roles[0]
        if ask.channels and self.channel not in ask.channels:
            self.query_one("#composer-channel", Select).value = ask.channels[0]
        self._refresh_replies()
        self.query_one("#composer-reply", Select).value = ask.ask_id
        self.text_area.focus()

    def prefill_question(self, slot) -> None:
        """Answer a format 2 question (a ``QuestionSlot``): reply to it, as its role if it names one. A
        discussion question (graded on a rubric, or not at all) is answered on an internal channel."""
        if slot.role is not None and self.role != slot.role:
            if self._roles is not None and slot.role not in self._roles:
                self.notify("That question is for another role.", severity="warning", markup=False)
                return
            self.query_one("#composer-role", Select).value = slot.role
        question = self.scenario.question(slot.question_id)
        channel = self.scenario.channels.get(self.channel)
        if question is not None and question.grade in ("rubric", "none") and channel is not None and channel.is_public:
            internal = next((other.id for other in self.scenario.channels.values() if not other.is_public), None)
            if internal is not None:
                self.query_one("#composer-channel", Select).value = internal
        self._refresh_replies()
        if any(value == slot.question_id for _, value in self._replies):
            self.query_one("#composer-reply", Select).value = slot.question_id
        self.text_area.focus()

    # --- sending --------------------------------------------------------------

    @on(Button.Pressed, "#composer-send")
    def _send_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.request_send()

    def request_send(self) -> None:
        """Send what the box holds once the keys typed before this call have reached it.

        Keys go to the text box through its own message queue; reading it from there, after
        them, sees every key typed before Ctrl+S and none typed after it.
        """
        self.text_area.call_later(self._take_message)

    def _take_message(self) -> None:
        message = next_message(self.text_area.text, [taken for _, taken in self._pending])
        if not message.text.strip():
            if not self._pending:
                self.notify("Type a message first.", severity="warning", markup=False)
            return
        channel = self.scenario.channels.get(self.channel)  # None: one of the other destinations
        if channel is not None and too_long(message.text, channel):
            self.notify(f"Too long for {channel.name}: {message_length(message.text, channel)} of "
                        f"{channel.max_chars} characters.", severity="warning", markup=False)
            return
        request = self.SendRequested(self, message.text, self.role, self.channel, self.reply_to)
        self._pending.append((request, message))
        self.post_message(request)

    def _answered(self, request: SendRequested) -> Pending | None:
        """Forget ``request`` as pending; the text it took, or None if it was not pending."""
        for index, (pending, taken) in enumerate(self._pending):
            if pending is request:
                del self._pending[index]
                return taken
        return None

    def sent(self, request: SendRequested, grade=None, note: str = "sent", rubric: bool = False) -> None:
        """The app took ``request``: let go of its text (keys typed since stay) and show its grade
        (``rubric``: a question's rubric grade), else ``note``."""
        message = self._answered(request)
        if message is None:
            return
        text_area = self.text_area
        span = remove_sent(text_area.text, message, [taken for _, taken in self._pending])
        if span is not None:
            document = text_area.document
            text_area.delete(document.get_location_from_index(span[0]), document.get_location_from_index(span[1]))
        reply = self.query_one("#composer-reply", Select)
        if request.reply_to is not None and reply.value == request.reply_to:
            reply.clear()
        self.show_result(grade, note, rubric)
        text_area.focus()

    def show_result(self, grade=None, note: str = "sent", rubric: bool = False) -> None:
        """Under the box: the last message's grade in training mode (``rubric``: the points a question's
        answer covered), else a word on where it went."""
        label = self.query_one("#composer-grade", Label)
        if self.app.training and grade is not None:
            label.update(rubric_summary(grade) if rubric else grade_summary(grade))
        else:
            label.update(Text(note, style="green"))

    def not_sent(self, request: SendRequested) -> None:
        """The app refused ``request`` (and said why): its text stays in the box."""
        self._answered(request)
