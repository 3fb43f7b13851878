"""Trip phones: the trip's phone list scanned phone by phone, one leader signature, the trip
sheet printed. ("Kit" means only a kit (:mod:`app.services.kits`), never this list.)"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.clock import local_date
from app.services.cards import AssetSummary, ScanInfo
from app.services.loans import check_in, check_out
from app.services.site_scope import ListScope, list_scope
from app.services.trip_views import TripDetail, TripRow, trip_detail, trip_rows
from app.services.trips import create_trip
from app.uow import UnitOfWork
from ink.signature import SignatureData
from ui.controllers.base import ScreenController
from ui.views.trips_view import TripsView

if TYPE_CHECKING:
    from ui.controllers.desk import Desk


class TripsController(ScreenController):
    name = "trips"
    title = "Trips"

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)
        self._view = TripsView(desk.people_lookup, desk.ctx.settings.signature)
        self.trip: TripDetail | None = None
        self.phones: list[AssetSummary] = []
        self.leader: tuple[str, str] | None = None
        v = self._view
        v.leader_chosen.connect(self._set_leader)
        v.create_clicked.connect(self.create)
        v.all_schools_toggled.connect(lambda _on: self.refresh())
        v.trip_opened.connect(self.open_trip)
        v.sign_clicked.connect(self.to_signature)
        v.remove_clicked.connect(self._remove)
        v.back_clicked.connect(self.back)
        v.on_signed(self._signed)
        v.print_clicked.connect(self.print_sheet)

    @property
    def view(self) -> TripsView:
        return self._view

    def activated(self) -> None:
        if self._view.page == "list":
            self._view.set_default_dates(local_date(self.desk.ctx.db.clock()))
            self.refresh()

    def reset(self) -> None:
        self._view.end_signature()
        self.trip = None
        self.phones = []
        self.leader = None
        self._view.show_leader(None, None)
        self._view.show_list_title()
        self._view.show_page("list")

    def refresh(self) -> None:
        site = self._view.school_choice()  # None: the desk's school's trips

        def shown(got: tuple[list[TripRow], ListScope]) -> None:
            self._view.show_scope(got[1])
            self._view.show_trips(got[0])

        self.desk.run(lambda uow: (trip_rows(uow, site=site), list_scope(uow, site)), shown,
                      readonly=True)

    def reload_shown(self) -> None:
        """The list (the new-trip form is kept), or the open trip's phones (the phone list being
        scanned is kept); nothing while the leader signs."""
        page = self._view.page
        if page == "list":
            self.refresh()
        elif page == "phones" and self.trip is not None:
            name = self.trip.trip.name

            def shown(d: TripDetail) -> None:
                if self.trip is not None and self.trip.trip.name == d.trip.name:
                    self.trip = d
                    self._view.show_detail(d)

            self.desk.run(lambda uow: trip_detail(uow, name), shown, readonly=True)

    def _set_leader(self, code: str, name: str) -> None:
        self.leader = (code, name)
        self._view.show_leader(code, name)

    def create(self) -> None:
        name, destination = self._view.new_trip()
        dest = destination or None
        start, end = self._view.dates()
        if not self.leader:
            self.desk.notify("error", "Choose the trip leader: scan their staff card or type their name.")
            return
        leader = self.leader[0]

        def work(uow: UnitOfWork) -> str:
            return create_trip(uow, name, leader=leader, start=start, end=end, destination=dest).name

        def done(trip_name: str) -> None:
            self.desk.notify("ok", f"Trip “{trip_name}” created. Scan the phones it takes.")
            self._view.clear_new_trip()
            self.open_trip(trip_name)

        self.desk.run(work, done)

    def open_trip(self, name: str) -> None:
        def shown(d: TripDetail) -> None:
            if self.trip is None or self.trip.trip.name != d.trip.name:
                self.phones = []
            self.trip = d
            self._view.show_detail(d)
            self._view.show_phones([(a.tag, a.title) for a in self.phones])
            if self._view.page != "sign":
                self._view.show_page("phones")

        self.desk.run(lambda uow: trip_detail(uow, name), shown, readonly=True)

    # -- scans -------------------------------------------------------------------------------
    def offer_scan(self, info: ScanInfo) -> bool:
        page = self._view.page
        if page == "list":
            if info.type == "person" and info.person is not None:
                p = info.person
                self._set_leader(p.staff_code, p.name)
                return True
            return False
        if page == "sign":
            if info.type == "asset":
                self.desk.notify("warn", "The leader is signing: go back to add more phones.")
                return True
            return False
        if info.type != "asset" or info.asset is None or self.trip is None:
            return False
        a = info.asset
        if a.status == "on_loan" and a.trip == self.trip.trip.name:
            self._return_phone(a)
            return True
        if any(x.tag == a.tag for x in self.phones):
            self.desk.notify("error", f"{a.tag} is already on the phone list (number "
                             f"{[x.tag for x in self.phones].index(a.tag) + 1}).")
            return True
        if a.status != "available":
            who = f" to {a.holder_name}" if a.holder_name else ""
            self.desk.notify("error", f"{a.tag} is {a.status_word.lower()}{who}: it cannot go on the trip.")
            return True
        if a.kind != "phone":
            trip = self.trip.trip.name
            self.desk.ask(
                "Not a phone",
                f"{a.tag} is a {a.kind_word.lower()} ({a.title}), not a phone. Add it to the "
                f"phones for {trip} anyway?",
                [("add", f"Add {a.tag} to the phone list"), ("skip", "Leave it out")],
                lambda key, _t: self._add_to_list(a) if key == "add" else self.desk.notify(
                    "info", f"{a.tag} was left out of the phone list."))
            return True
        self._add_to_list(a)
        return True

    def _add_to_list(self, a: AssetSummary) -> None:
        if self.trip is None or any(x.tag == a.tag for x in self.phones):
            return
        self.phones.append(a)
        self._view.show_phones([(x.tag, x.title) for x in self.phones])
        self.desk.notify("pending", f"{len(self.phones)}. {a.tag} added to the phone list: lent when "
                                    f"{self.trip.trip.leader} signs for it.")

    def task(self) -> str | None:
        if self.trip is not None and (self.phones or self._view.page == "sign"):
            return f"the phone list for {self.trip.trip.name}"
        return None

    def deactivated(self) -> None:
        if self._view.page == "sign":
            self._view.end_signature()
            self._view.show_page("phones")

    def _return_phone(self, a: AssetSummary) -> None:
        assert self.trip is not None
        name = self.trip.trip.name
        if self.desk.ctx.settings.signature.needed_on_return(a.personal_data):
            # the borrower signs for the return: the check-in screen takes it
            self.desk.check_in(a)
            return

        def done(_r: Any) -> None:
            self.desk.notify("ok", f"{a.tag} is back from {name}.")
            self.open_trip(name)

        self.desk.run(lambda uow: check_in(uow, a.tag), done)

    def _remove(self, row: int) -> None:
        if 0 <= row < len(self.phones):
            del self.phones[row]
            self._view.show_phones([(x.tag, x.title) for x in self.phones])
            self.desk.clear_message()  # what it said was about the list as it was

    # -- signing -------------------------------------------------------------------------------
    def primary(self) -> None:
        page = self._view.page
        if page == "list":
            self.create()
        elif page == "phones" and self.phones:
            self.to_signature()
        elif page == "sign":
            self._view.accept_signature()

    def back(self) -> bool:
        page = self._view.page
        if page == "sign":
            self._view.end_signature()
            self._view.show_page("phones")
            return True
        if page == "phones":
            self.reset()
            self.refresh()
            return True
        return False

    def to_signature(self) -> None:
        if self.trip is None or not self.phones:
            self.desk.notify("error", "Scan the trip's phones first.")
            return
        t = self.trip.trip
        self._view.show_page("sign")
        self._view.begin_signature(
            f"{t.leader}: please sign for {len(self.phones)} phone{'s' if len(self.phones) != 1 else ''} "
            f"({', '.join(a.tag for a in self.phones)}) for {t.name}.", self.desk.pad)

    def _signed(self, sig: SignatureData) -> None:
        assert self.trip is not None
        self._view.end_signature()
        tags = [a.tag for a in self.phones]
        t = self.trip.trip

        def work(uow: UnitOfWork) -> int:
            check_out(uow, tags, t.leader_code, trip=t.name, purpose=f"Trip: {t.name}", signature=sig)
            return len(tags)

        def done(n: int) -> None:
            self.phones = []
            self.desk.notify("ok", f"{n} phone{'s' if n != 1 else ''} lent to {t.leader} for {t.name}. "
                                   "Printing the trip phone sheet…")
            self._view.show_page("phones")
            self.open_trip(t.name)
            self.print_sheet()

        def failed(e: Any) -> None:
            self.desk.notify("error", e.message)
            self._view.show_page("phones")

        self.desk.run(work, done, failed)

    def print_sheet(self) -> None:
        if self.trip is None or self.desk.actor is None:
            return
        from app.services.documents import issue_trip_sheet

        ctx, actor, name = self.desk.ctx, self.desk.actor, self.trip.trip.name
        self.desk.ops.run_plain(lambda: issue_trip_sheet(ctx, actor, name),
                                ok=lambda number: self.desk.print_receipt(number),
                                err=lambda e: self.desk.notify("error", e.message))
