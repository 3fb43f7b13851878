"""Admin → Audit anchor with the demo school: today's anchor with Print, Save as PDF… and
Email, nothing cut off at 1280×720, 1366×768 and 1920×1080; and the page it prints.

Run with ``LOAN_KIOSK_SCREENSHOTS=1`` to (re)write ``docs/screenshots/screen-admin-audit-anchor-*``
and ``docs/screenshots/audit-anchor.png`` (the page, through Poppler's ``pdftoppm``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.demo_identity import DEMO_ACTOR
from app.services.anchor_sheet import anchor_pdf
from tests.e2e.desk_shots import SIZES, demo_desk, shots_dir, sign_in_demo
from tests.ui.desk import wait_idle


@pytest.mark.slow
def test_audit_anchor_tab_and_its_page(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.layout_check import look_at_sizes

    out = shots_dir(tmp_path)
    win, ctx = demo_desk(qtbot, tmp_path)
    sign_in_demo(qtbot, win)
    view = win.controller("admin").view

    def anchor_tab() -> None:
        win._navigate("admin")
        view.tabs.setCurrentWidget(view.audit)
        view.audit.address.setText("dpo@example-academy.sch.uk")
        wait_idle(qtbot, win)

    cut = look_at_sizes(win, "audit anchor", SIZES, lambda: wait_idle(qtbot, win), anchor_tab,
                        lambda w, h: out / f"screen-admin-audit-anchor-{w}x{h}.png")
    assert cut == []
    assert view.audit.status.text().startswith("✓ Audit log intact (")
    assert view.audit.print.isEnabled() and view.audit.save.isEnabled()

    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is needed to look at the page")
    pdf = tmp_path / "anchor.pdf"
    pdf.write_bytes(anchor_pdf(ctx, DEMO_ACTOR).pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf),
                    str(out / "audit-anchor")], check=True)
    assert Path(out / "audit-anchor.png").stat().st_size > 5000
