"""Admin: imports (dry-run preview, then apply), labels, settings with a live pad test, technicians."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog

from app.config import Settings
from app.imports import ImportReport, import_assets, import_staff
from app.services.settings import RANGES, range_problems, update_settings
from app.services.technician_views import technician_rows
from app.services.technicians import add_technician
from app.uow import UnitOfWork
from printing.label_stock import TEMPLATES
from ui.controllers.base import ScreenController
from ui.controllers.desk_documents import open_file
from ui.controllers.record_editing import AssetEditing, PersonEditing
from ui.views.admin_view import AdminView

if TYPE_CHECKING:
    from app.devices.pad import SignaturePad
    from app.services.cards import ScanInfo
    from ui.controllers.desk import Desk


def _templates() -> list[tuple[str, str, int, int]]:
    return [(t.key, t.name, t.columns, t.rows) for t in TEMPLATES.values()]


class AdminController(ScreenController):
    name = "admin"
    title = "Admin"

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)
        from app.notices.preview import KINDS, LABELS
        from ui.controllers.anchor_admin import AnchorAdmin
        from ui.controllers.notices_admin import NoticesAdmin
        from ui.controllers.places_admin import PlacesAdmin

        self._view = AdminView(_templates(), [(k, LABELS[k]) for k in KINDS])
        self.previewed: tuple[str, str] | None = None
        self.test_pad: SignaturePad | None = None
        v = self._view
        v.imports.preview_clicked.connect(lambda: self.run_import(dry_run=True))
        v.imports.apply_clicked.connect(lambda: self.run_import(dry_run=False))
        v.imports.browse_clicked.connect(self._browse)
        v.labels.preview_changed.connect(self._label_preview)
        v.labels.save_clicked.connect(lambda: self._labels(print_them=False))
        v.labels.print_clicked.connect(lambda: self._labels(print_them=True))
        v.settings.save_clicked.connect(self.save)
        v.settings.number_changed.connect(lambda _k, _v: self.check_settings())
        v.settings.test_pad_clicked.connect(self.toggle_pad_test)
        v.technicians.add_clicked.connect(self.add_tech)
        self.notices = NoticesAdmin(desk, v.outbox, v.notice_templates, self)
        self.places = PlacesAdmin(desk, v.places, self)
        self.anchor = AnchorAdmin(desk, v.audit, self)
        self.asset_editing = AssetEditing(desk, self._view)
        self.asset_editing.saved.connect(desk.open_asset)
        self.person_editing = PersonEditing(desk, self._view)
        self.person_editing.saved.connect(desk.open_person)
        v.records.add_asset_clicked.connect(self.asset_editing.add)
        v.records.add_person_clicked.connect(self.person_editing.add)

    @property
    def view(self) -> AdminView:
        return self._view

    def activated(self) -> None:
        if not self.desk.session.is_admin:
            self.desk.notify("error", "Only an admin technician can use the admin screen.")
            self.desk.show_screen("scan")
            return
        from app.devices.ports import list_ports

        s = self.desk.ctx.settings
        self._view.settings.show_settings(s, [p.stable_path or p.device for p in list_ports()])
        self.check_settings()
        self._view.labels.choose_template(s.printing.label_template)
        self._label_preview()
        self.desk.run(technician_rows, self._view.technicians.show_rows, readonly=True)
        self.notices.refresh()
        self.notices.show_template()
        self.places.refresh()
        self.show_anchor()

    def show_anchor(self) -> None:
        self.anchor.show_anchor()

    # -- scans: the Labels tab takes asset labels into its list to print ------------------------
    def _on_labels(self) -> bool:
        return self._view.labels_showing()

    def task(self) -> str | None:
        return "the labels to print" if self._on_labels() else None

    def offer_scan(self, info: ScanInfo) -> bool:
        if not self._on_labels() or info.type != "asset" or info.asset is None:
            return False
        lt = self._view.labels
        tag = info.asset.tag
        tags = lt.typed_tags()
        if tag.casefold() in (t.casefold() for t in tags):
            self.desk.notify("warn", f"{tag} is already in the list of labels to print.")
            return True
        lt.add_tag(tag)  # a scanned label means these tags, not a whole kind
        n = len(tags) + 1
        self.desk.notify("pending", f"{tag} added to the labels to print ({n} label"
                                    f"{'s' if n != 1 else ''}): save or print them when ready.")
        return True

    def reset(self) -> None:
        self._stop_pad_test()
        self._view.imports.clear_report()

    def shutdown(self) -> None:
        self._stop_pad_test()

    # -- imports -------------------------------------------------------------------------
    def _browse(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self._view, "Choose a CSV file", str(Path.home()),
                                               "CSV files (*.csv);;All files (*)")
        if path:
            self._view.imports.set_path(path)

    def run_import(self, *, dry_run: bool) -> None:
        tab = self._view.imports
        what, typed = tab.chosen()
        path = Path(typed)
        if not dry_run and self.previewed != (what, str(path)):
            self.desk.notify("error", "Preview the import first.")
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.desk.notify("error", f"Cannot read {path}: {exc.strerror or exc}")
            return
        fn = import_staff if what == "staff" else import_assets

        def work(uow: UnitOfWork) -> ImportReport:
            return fn(uow, data, source_name=path.name, dry_run=dry_run)

        def done(report: ImportReport) -> None:
            tab.working(False)
            lines = report.format_lines()
            if dry_run:
                lines.insert(0, "Preview — nothing has changed yet. Apply to make these changes:")
                self.previewed = (what, str(path))
            else:
                lines.insert(0, "Imported:")
                self.previewed = None
                self.desk.notify("ok", f"Import done: {report.summary()}.")
            tab.show_report(lines, can_apply=dry_run and report.changed)

        def failed(e: Any) -> None:
            tab.working(False)
            self.desk.notify("error", e.message)

        tab.working(True)
        self.desk.run(work, done, failed, readonly=dry_run)

    # -- labels -----------------------------------------------------------------------------
    def _label_choice(self) -> tuple[list[str], str | None, str, int]:
        tags, kind, key, start = self._view.labels.choice()
        return ([] if kind else tags), kind, key, start

    def _label_preview(self) -> None:
        tags, kind, _key, start = self._label_choice()
        self._view.labels.show_preview(
            start, len(tags) if not kind else 0,
            f"{len(tags)} label(s) from position {start}" if not kind
            else f"Every {kind} (not retired), from position {start}")

    def _labels(self, *, print_them: bool) -> None:
        from app.services.documents import render_labels
        from app.services.label_printing import LabelPrintOutcome, print_labels, save_labels

        tags, kind, key, start = self._label_choice()
        actor = self.desk.actor
        if actor is None:
            return
        if not tags and not kind:
            self.desk.notify("error", "Type the asset tags, or choose a kind of asset.")
            return
        ctx = self.desk.ctx
        factory = self.desk.printer_factory

        def work() -> LabelPrintOutcome | Path:
            data = render_labels(ctx, tags or None, kind=kind, template=key, start=start)
            if print_them:  # queued while the printer is away, as receipts are
                return print_labels(ctx, actor, data, len(tags) or None, printer_factory=factory)
            return save_labels(ctx, data)

        def done(result: LabelPrintOutcome | Path) -> None:
            if isinstance(result, LabelPrintOutcome):
                self.desk.notify("ok" if result.printed else "warn", result.message)
            else:
                self.desk.notify("ok", f"Labels saved to {result}.")
                open_file(self.desk, result, "The label sheet")

        self.desk.ops.run_plain(work, ok=done, err=lambda e: self.desk.notify("error", e.message))

    # -- settings ---------------------------------------------------------------------------
    def _edited(self) -> Settings:
        new = copy.deepcopy(self.desk.ctx.settings)
        self._view.settings.apply_to(new)
        return new

    def check_settings(self) -> list[str]:
        """Say under each number what is wrong with it (nothing is clamped or put back behind
        the technician's back); the problems, for Save to refuse with."""
        st = self._view.settings
        per_field = {key: p for key, value in st.numbers().items()
                     if (p := RANGES[key].problem(value)) is not None}
        problems = range_problems(self._edited())
        st.show_problems(per_field, [p for p in problems if p not in per_field.values()])
        return problems

    def save(self) -> None:
        """Save through the settings service (admin only, validated, audited) on the worker."""
        actor = self.desk.actor
        if actor is None:
            return
        # (a plain technician is refused by the service, whatever the fields say)
        problems = self.check_settings() if self.desk.session.is_admin else []
        if problems:
            self.desk.notify("error", "Settings not saved: " + "; ".join(problems) + ".")
            return
        ctx = self.desk.ctx
        new = self._edited()
        path = ctx.paths.settings_file

        def work() -> tuple[list[str], Settings]:
            keys = update_settings(actor, ctx.paths, new, db=ctx.db)
            # with no change the file already holds ``new``; else the service's checked copy
            return keys, (ctx.db.settings if keys else new)

        def done(result: tuple[list[str], Settings]) -> None:
            keys, saved = result
            self._take_up(saved)
            self.desk.ctx.settings_problem = None  # the file is right again
            if keys:
                self.desk.notify("ok", f"Settings saved to {path} ({len(keys)} changed).")
            else:
                self.desk.notify("info", "Nothing to save: the settings are unchanged.")

        self.desk.ops.run_plain(work, ok=done, err=lambda e: self.desk.notify("error", e.message))

    def _take_up(self, saved: Settings) -> None:
        """Make the saved settings the desk's live ones.

        The live objects keep their identity (the scanner filter, the pad and the
        signature widgets hold their sections), so the values are copied in, and the
        database's settings are the same object again.
        """
        ctx = self.desk.ctx
        if saved is not ctx.settings:
            for f in dataclasses.fields(Settings):
                live, value = getattr(ctx.settings, f.name), getattr(saved, f.name)
                for k, v in vars(value).items():
                    setattr(live, k, v)
        ctx.db.settings = ctx.settings
        self.desk.apply_settings()

    def toggle_pad_test(self) -> None:
        if self.test_pad is not None:
            self._stop_pad_test()
            return
        from ui.widgets.signature_widget import SignatureWidget

        st = self._view.settings
        port, protocol, model = st.pad_choice()
        live = self.desk.ctx.settings.pad
        chosen = dataclasses.replace(  # as chosen on screen, not yet saved
            live, port=port or live.port, model=model,
            protocol=protocol or live.protocol or ("topaz" if model else ""))
        try:
            pad = self.desk.pad_for(chosen)
        except Exception as exc:  # noqa: BLE001 - shown, never raised
            self.desk.notify("error", f"Cannot test the pad: {getattr(exc, 'message', exc)}")
            return
        if pad is None:  # no port (or no protocol) chosen, nor saved
            why = "no pad port configured" if not chosen.port else "choose the pad's protocol"
            self.desk.notify("error", f"Cannot test the pad: {why}")
            return
        self.test_pad = pad
        self.test_widget = SignatureWidget(self.desk.ctx.settings.signature, pad)
        self.test_widget.setMinimumHeight(200)
        st.show_pad_test(self.test_widget)

    def _stop_pad_test(self) -> None:
        if self.test_pad is None:
            return
        self.test_widget.set_pad(None)
        self.test_widget.setParent(None)
        self.test_widget.deleteLater()
        self.test_pad.close()
        self.test_pad = None
        self._view.settings.pad_test_stopped()

    # -- technicians -----------------------------------------------------------------------
    def add_tech(self) -> None:
        t = self._view.technicians
        username, display, pin, badge, admin = t.new_technician()

        def work(uow: UnitOfWork) -> str:
            tech = add_technician(uow, username, pin, admin=admin, display_name=display or None,
                                  badge=badge)
            return f"Technician {tech.username} added ({tech.role})."

        def done(msg: str) -> None:
            t.clear_form()
            self.desk.notify("ok", msg)
            self.desk.run(technician_rows, t.show_rows, readonly=True)

        self.desk.run(work, done)
