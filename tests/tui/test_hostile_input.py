"""Nothing typed, pasted or restored into a text field reaches the terminal as an escape code."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from drill.engine import InjectAdHoc
from hostile import ALL, UNSAFE
from tui_helpers import notifications, pilot_test, running

PASTE = "We are investigating\x1b]0;pwned\x07 errors\x1b[2J \u202eod\u200b now."


@pilot_test
async def test_a_paste_carrying_escape_codes_leaves_only_text_in_the_composer(build):
    app = build()
    async with running(app) as pilot:
        box = app.screen.query_one("#composer-text", TextArea)
        box.focus()
        app.post_message(events.Paste(PASTE))  # as the terminal delivers a bracketed paste
        await pilot.pause()
        assert box.text == "We are investigating]0;pwned errors[2J od now."
        assert not UNSAFE.search(box.text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        sent = app.engine.state.responses[-1].data["text"]
        assert sent == "We are investigating]0;pwned errors[2J od now."


@pilot_test
async def test_a_restored_draft_is_cleaned_before_it_is_shown_or_saved_again(build):
    app = build()
    app.draft = ALL
    async with running(app) as pilot:
        box = app.screen.query_one("#composer-text", TextArea)
        assert box.text and not UNSAFE.search(box.text)
        box.insert("\x1b[31m")
        await pilot.pause()
        assert not UNSAFE.search(box.text) and not UNSAFE.search(app.draft)


@pilot_test
async def test_the_ad_hoc_inject_form_cleans_what_is_pasted_into_it(build):
    app = build()
    async with running(app) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        sender = app.screen.query_one("#adhoc-from", Input)
        sender.value = ""
        sender.focus()
        app.post_message(events.Paste("Ops\x1b]0;x\x07 desk"))
        await pilot.pause()
        text = app.screen.query_one("#adhoc-text", TextArea)
        text.focus()
        app.post_message(events.Paste("Errors\x1b[2J rising\u2028again"))
        await pilot.pause()
        assert sender.value == "Ops]0;x desk"
        assert text.text == "Errors[2J rising\nagain"


@pilot_test
async def test_a_notification_quoting_typed_text_shows_it_as_text(build):
    app = build()
    async with running(app) as pilot:
        app.send(InjectAdHoc("chat", "desk\x1b]0;x\x07", ("nobody\x1b[2J",), "hello"))
        await pilot.pause()
        shown = " ".join(notifications(pilot))
        assert shown and "\x1b" not in shown
