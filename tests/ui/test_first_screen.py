"""The desk's first screen as a person sees it: the sign-in card in the middle of the window
with its button at its right, the header's keys and the banner.

They are set up without naming PySide6's ``Qt`` namespace (its Python enum types are built
at the first use, after the desk is usable: tests/ui/test_desk_start.py), through Qt's
property system and stretches: here, that they come out as Qt's own values would.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QMainWindow, QWidget

from ui import theme
from ui.views.header_view import NAV, HeaderView
from ui.views.sign_in_view import SignInView
from ui.widgets.common import set_by_name
from ui.widgets.feedback_banner import FeedbackBanner, SoundPlayer

SIZES = [(1280, 720), (1366, 768), (1920, 1080)]


def _shown(qtbot, view: QWidget, size: tuple[int, int]) -> QMainWindow:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app)  # as the desk is (ui.desk_app.build_window)
    win = QMainWindow()
    win.setCentralWidget(view)
    qtbot.addWidget(win)
    win.resize(*size)
    win.show()
    qtbot.waitExposed(win)
    QApplication.processEvents()
    return win


def _box(view: QWidget, w: QWidget) -> tuple[int, int, int, int]:
    """``w``'s left, top, right and bottom in ``view``'s coordinates."""
    top_left = w.mapTo(view, w.rect().topLeft())
    return top_left.x(), top_left.y(), top_left.x() + w.width(), top_left.y() + w.height()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mode", ["sign in", "first admin", "demo", "refused", "new PIN"])
def test_the_sign_in_card_is_centred_with_its_button_at_its_right(qtbot, size, mode) -> None:  # type: ignore[no-untyped-def]
    view = SignInView()
    if mode == "first admin":
        view.set_mode(creating=True)
    elif mode == "demo":
        view.show_demo("demo", "123456")
    elif mode == "refused":
        view.show_message("That username and PIN do not match a technician. " * 3)
    elif mode == "new PIN":
        view.ask_new_pin("alice")
    win = _shown(qtbot, view, size)  # noqa: F841 - kept: the window owns the view
    card = view._box
    left, top, right, bottom = _box(view, card)
    assert abs(left - (view.width() - right)) <= 1  # in the middle, across
    assert card.minimumWidth() <= card.width() <= card.maximumWidth()
    assert top > 0 and bottom < view.height()
    margins = card.layout().contentsMargins()
    b_left, b_top, b_right, b_bottom = _box(view, view.submit)
    assert abs(b_right - (right - margins.right())) <= 1  # the button at the card's right
    assert b_left > left + margins.left() + view.submit.width() // 2
    assert view.submit.width() == view.submit.sizeHint().width()
    # the card is as tall as its contents ask: the fields shown keep the form's spacing
    fields = [f for f in (view.username, view.display_name, view.pin, view.pin2)
              if f.isVisibleTo(view)]
    for above, below in zip(fields, fields[1:], strict=False):
        assert _box(view, below)[1] - _box(view, above)[3] >= view._form.verticalSpacing()
    assert _box(view, fields[-1])[3] <= b_top
    assert b_bottom <= bottom - margins.bottom()
    for field in fields:
        assert field.height() >= field.sizeHint().height()


def test_the_header_keys_and_the_banner_are_what_qt_names(qtbot) -> None:  # type: ignore[no-untyped-def]
    header = HeaderView("Hillside Academy")
    banner = FeedbackBanner(SoundPlayer(enabled=False))
    for key, text, shortcut in NAV:
        button = header.nav[key]
        assert button.shortcut() == QKeySequence(shortcut), text
        assert button.focusPolicy() == Qt.FocusPolicy.TabFocus
    assert header.lock.shortcut() == QKeySequence(Qt.Key.Key_F12)
    assert header.lock.focusPolicy() == Qt.FocusPolicy.TabFocus
    assert header.technician.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert banner.text.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
    assert banner.close_button.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_a_name_qt_does_not_know_is_refused() -> None:
    field = QLineEdit()
    with pytest.raises(ValueError, match="focusPolicy has no value 'TabFokus'"):
        set_by_name(field, "focusPolicy", "TabFocus".replace("c", "k"))
    with pytest.raises(ValueError, match="no value"):
        set_by_name(field, "noSuchProperty", "TabFocus")
    set_by_name(field, "alignment", "AlignHCenter|AlignTop")
    assert field.alignment() == Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
