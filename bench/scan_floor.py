"""The floor of scan-to-screen: the plainest PySide6 code doing the desk's visible work.

Run inside the desk's probe process, in the desk's own window (same header, same
style sheet, same size, same database): a page of plain ``QLabel`` s added to the
window's ``QStackedWidget``. One scan, from the scan screen: the same service call
(:func:`app.services.cards.describe_scan` in a read-only unit of work),
synchronously on the GUI thread; the stack switched to the label page; the fields
the check-in screen shows set on the labels (tag and title, encryption, facts,
holder and due date, the checklist, the overdue notice); the layout settled and what
changed painted (:func:`settle_and_paint`, as the desk's side ends too).

What it leaves out is what the desk adds on purpose: the wedge-scanner filter, the
answer coming back through the event loop (and, on PostgreSQL or a slow file, the
hand-off to the worker thread: see ``ui.ops.OpRunner.read``), the banner, the cards,
check boxes and radio buttons a technician ticks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from app.bootstrap import AppContext
    from app.uow import Actor

FIELDS = ("title", "encryption", "facts", "holder", "checklist", "notice")


def settle_and_paint() -> None:
    """What both sides do last: lay out what changed, then paint what changed, now — as Qt
    does at its next turn (an explicit ``repaint()`` on the desk's side would paint its
    screen twice: Qt has often painted it already, in the turn that delivered the answer)."""
    QApplication.sendPostedEvents(None, int(QEvent.Type.LayoutRequest))
    QApplication.sendPostedEvents(None, int(QEvent.Type.UpdateRequest))


class FloorPage(QWidget):
    """A page of plain labels in the desk window's own stack."""

    def __init__(self, window: Any, ctx: AppContext, actor: Actor) -> None:
        super().__init__()
        self.window_ = window
        self.ctx = ctx
        self.actor = actor
        lay = QVBoxLayout(self)
        self.labels = {name: QLabel() for name in FIELDS}
        for w in self.labels.values():
            lay.addWidget(w)
        lay.addStretch(1)
        window.stack.addWidget(self)

    def scan(self, tag: str) -> str:
        """One scan, start to painted; returns the title shown."""
        from app.services.cards import describe_scan

        with self.ctx.uow(self.actor, readonly=True) as uow:
            info = describe_scan(uow, tag)
        a = info.asset
        assert a is not None, tag
        self.window_.stack.setCurrentWidget(self)
        shown = self.labels
        shown["title"].setText(f"{a.tag} — {a.title}")
        shown["encryption"].setText(a.encryption_label)
        shown["facts"].setText(f"{a.kind_word} · Status: {a.status_word} · Serial {a.serial} · "
                               f"Condition: {a.last_condition or 'ok'} · Accessories: "
                               + (", ".join(a.accessories) or "none"))
        shown["holder"].setText(f"On loan to {a.holder_name} ({a.holder_code}) since "
                                f"{_date(a.out_at)} — due {_date(a.due_on)}")
        shown["checklist"].setText("\n".join([f"{x} returned" for x in a.accessories]
                                             + ["Screen and body undamaged"]))
        shown["notice"].setText(f"{a.tag} is overdue" if a.overdue else "")
        settle_and_paint()
        return shown["title"].text()


def _date(value: Any) -> str:
    return value.strftime("%a %-d %b %Y") if value is not None else ""
