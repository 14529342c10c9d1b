"""A drop-down that costs two widgets until it is first opened: the play screen's five selects.

Textual's ``Select`` is six widgets from the start: the line showing the choice (a row of three
statics) and the option list that drops down, hidden until opened. On the play screen, five of
them were 30 of its 71 widgets, and about a quarter of the work before its first frame. ``ChoiceSelect`` is a ``Select`` (same keys, messages, values and looks) whose
line draws its label and arrow itself, and whose option list is mounted the first time it is
needed (opened, or asked for through ``overlay``).
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual.content import Content
from textual.css.query import NoMatches
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual, visualize
from textual.widgets import Select
from textual.widgets._select import NoSelection, SelectCurrent, SelectOverlay

ARROW_DOWN, ARROW_UP = "▼", "▲"


def _dim(prompt: str) -> Text:
    """The blank choice's line in the list: the prompt, dimmed (as ``Select`` shows it)."""
    return Text(prompt, style="dim")


class _CurrentLine(Visual):
    """The label, then a blank and the arrow (the box of ``SelectCurrent``'s arrow: one cell of padding
    and one of arrow), drawn on one line as its statics were."""

    def __init__(self, widget: ChoiceCurrent, label: Visual, label_style: Style, arrow: str,
                 arrow_style: Style) -> None:
        self.widget = widget
        self.label = label
        self.label_style = label_style
        self.arrow = arrow
        self.arrow_style = arrow_style

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        label_width = max(width - 2, 0)
        strips = []
        if label_width:  # what a static leaves blank has only its background
            blank = RichStyle(bgcolor=self.label_style.background.rich_color)
            label = Visual.to_strips(self.widget, self.label, label_width, 1, self.label_style)
            strips.append((label[0] if label else Strip([])).crop_extend(0, label_width, blank))
        arrow = self.arrow_style
        strips.append(Strip([Segment(" ", RichStyle(bgcolor=arrow.background.rich_color)),
                             Segment(self.arrow, arrow.rich_style)], 2))
        return [Strip.join(strips).crop(0, width)]

    def get_optimal_width(self, rules, container_width: int) -> int:
        return container_width

    def get_height(self, rules, width: int) -> int:
        return 1


class ChoiceCurrent(SelectCurrent):
    """``SelectCurrent`` without its three statics: one widget drawing the same line."""

    COMPONENT_CLASSES = {"choice-current--placeholder", "choice-current--value", "choice-current--arrow"}
    DEFAULT_CSS = """
    ChoiceCurrent {
        height: 1;
        & > .choice-current--placeholder { color: $foreground 50%; background: transparent; }
        & > .choice-current--value { color: $foreground; background: transparent; }
        & > .choice-current--arrow { color: $foreground 50%; background: transparent; }
    }
    """

    def compose(self):
        return iter(())

    def update(self, label) -> None:
        self.label = label
        self.has_value = not isinstance(label, NoSelection)
        self.refresh()

    def _watch_has_value(self, has_value: bool) -> None:
        self.refresh()  # the label's colour: no class to restyle the widget by

    def render(self) -> Visual:
        shown = self.placeholder if isinstance(self.label, NoSelection) else self.label
        label = visualize(self, Content.from_markup(shown) if isinstance(shown, str) else shown)
        expanded = isinstance(self.parent, Select) and self.parent.expanded
        return _CurrentLine(self, label,
                            self.get_visual_style("choice-current--value" if self.has_value
                                                  else "choice-current--placeholder"),
                            ARROW_UP if expanded else ARROW_DOWN, self.get_visual_style("choice-current--arrow"))


class ChoiceSelect(Select):
    """A ``Select`` whose option list is mounted the first time it is opened (or ``overlay`` is read)."""

    def __init__(self, *args, compact: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Made compact as it is made: ``Select`` sets its compact class after, which styles it at once,
        # before it is mounted (and styled again then).
        self.set_reactive(Select.compact, compact)
        self.set_class(compact, "-textual-compact", update=False)

    def compose(self):
        yield ChoiceCurrent(self.prompt)

    @property
    def mounted_overlay(self) -> SelectOverlay | None:
        """The drop-down list if it has been mounted, else None."""
        try:
            return self.query_one(SelectOverlay)
        except NoMatches:
            return None

    @property
    def overlay(self) -> SelectOverlay:
        """The drop-down list, mounted now if it was not yet."""
        overlay = self.mounted_overlay
        if overlay is None:
            overlay = SelectOverlay(type_to_search=self._type_to_search)
            overlay.compact = self.compact
            self.mount(overlay)
            self._fill(overlay)
            self._highlight(overlay, self.value)
        return overlay

    def _fill(self, overlay: SelectOverlay) -> None:
        overlay.clear_options()
        overlay.add_options([_dim(self.prompt) if value == self.NULL else prompt for prompt, value in self._options])

    def _highlight(self, overlay: SelectOverlay, value) -> None:
        for index, (_prompt, option_value) in enumerate(self._options):
            if option_value == value and value != self.NULL:
                overlay.highlighted = index
                return

    def _setup_options_renderables(self) -> None:
        overlay = self.mounted_overlay
        if overlay is not None:
            self._fill(overlay)

    def _watch_value(self, value) -> None:
        self._value = value
        try:
            current = self.query_one(SelectCurrent)
        except NoMatches:
            return
        if value == self.NULL:
            current.update(self.NULL)
        else:
            for index, (prompt, option_value) in enumerate(self._options):
                if option_value == value:
                    overlay = self.mounted_overlay
                    if overlay is not None:
                        overlay.highlighted = index
                    current.update(prompt)
                    break
        self.post_message(self.Changed(self, value))

    def _watch_expanded(self, expanded: bool) -> None:
        if expanded:
            self.overlay  # mounted on first opening
        try:
            self.query_one(SelectCurrent).refresh()  # its arrow
        except NoMatches:
            return
        super()._watch_expanded(expanded)

    def _watch_prompt(self, prompt: str) -> None:
        if not self.is_mounted:
            return
        current = self.query_one(SelectCurrent)
        current.placeholder = prompt
        if not self._allow_blank:
            return
        if self.value == self.NULL:
            current.update(self.NULL)
        overlay = self.mounted_overlay
        if overlay is not None:
            overlay.replace_option_prompt_at_index(0, _dim(prompt))
