"""The ways out of every asset status that is not "available".

* ``on_loan`` — check it in (:func:`app.services.loans.check_in`), report it lost, or
  an admin reverses a mistaken check-out (:mod:`app.services.reversals`);
* ``in_repair`` — :func:`return_to_service` (closes its open damage incidents as
  repaired), or an admin retires it;
* ``lost`` (lost or stolen) — :func:`asset_found` books it back in as found: the
  incident closes as recovered and, if a leaver had not returned it, their record
  shows it came back later; or an admin retires it (written off);
* ``retired`` — an admin can :func:`return_to_service` an asset retired by mistake.

Each is one audited transaction; nothing recorded before is edited away.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.errors import InvalidInput, Refused
from app.services.incident_records import open_incidents_of, settle
from app.services.loans import open_incident
from app.services.lookup import get_asset
from app.status_words import status_in_words
from app.uow import UnitOfWork
from db.models import CONDITIONS, Asset, Loan


@dataclass(frozen=True)
class StatusChange:
    """What happened, in words for the desk and the command line."""

    tag: str
    status: str
    message: str


def _closing(uow: UnitOfWork, asset: Asset, kinds: tuple[str, ...], outcome: str,
             note: str | None, cost_pence: int | None = None) -> list[int]:
    closed = []
    for incident in open_incidents_of(uow, asset, kinds):
        settle(uow, incident, outcome, cost_pence=cost_pence, note=note)
        uow.audit("incident_closed", incident, kind=incident.kind, tag=asset.tag,
                  outcome=outcome, cost_pence=cost_pence, note=note)
        closed.append(incident.id)
    return closed


def back_in_service(uow: UnitOfWork, asset: Asset, *, note: str | None) -> list[int]:
    """``asset`` (in repair or retired) is available again; open damage incidents close as
    repaired. Audited; the caller commits."""
    closed = _closing(uow, asset, ("damaged",), "repaired", note) \
        if asset.status == "in_repair" else []
    before = asset.status
    asset.status = "available"
    asset.retired_reason = None
    uow.audit("asset_returned_to_service", asset, tag=asset.tag, was=before, note=note,
              incidents=closed)
    return closed


def return_to_service(uow: UnitOfWork, tag: str, *, note: str | None = None) -> StatusChange:
    """An asset back from repair (or an admin's undoing of a mistaken retirement)."""
    asset = get_asset(uow, tag, for_update=True)
    if asset.status == "retired":
        uow.actor.require_admin("return a retired asset to service")
    elif asset.status != "in_repair":
        hint = {"on_loan": "check it in first", "lost": "if it turned up, book it in as found",
                "available": "it is already in service"}.get(asset.status, "")
        raise Refused(f"{asset.tag} is {status_in_words(asset.status)}, not in "
                      f"repair or retired, so it cannot be returned to service"
                      + (f" ({hint})" if hint else ""))
    was = asset.status
    closed = back_in_service(uow, asset, note=(note or "").strip() or None)
    uow.commit()
    extra = f"; incident {', '.join(f'#{i}' for i in closed)} closed as repaired" if closed else ""
    return StatusChange(asset.tag, "available",
                        f"{asset.tag} is back in service (it was {status_in_words(was)}){extra}")


def found(uow: UnitOfWork, asset: Asset, *, note: str | None, condition: str = "ok",
          cost_pence: int | None = None, commit: bool = True) -> StatusChange:
    """Book a lost or stolen ``asset`` back in as found (row-locked by the caller)."""
    if condition not in CONDITIONS:
        raise InvalidInput(f"unknown condition {condition!r}; use ok, damaged or incomplete")
    note = (note or "").strip() or None
    closed = _closing(uow, asset, ("lost", "stolen"), "recovered", note, cost_pence)
    last = uow.session.execute(
        select(Loan).where(Loan.asset_id == asset.id).order_by(Loan.out_at.desc(), Loan.id.desc())
        .limit(1).with_for_update()).scalar_one_or_none()
    came_back = None
    if last is not None and last.outcome in ("not_returned", "lost") and last.in_at is None:
        # the record of who did not return it stays; it now also shows when it came back
        last.in_at = uow.now
        last.in_by = uow.actor.name
        last.condition_in = condition
        came_back = last
    asset.status = "in_repair" if condition == "damaged" else "available"
    uow.audit("asset_found", asset, tag=asset.tag, note=note, condition=condition,
              incidents=closed, loan=came_back.id if came_back else None,
              staff_code=came_back.person.staff_code if came_back else None)
    if condition == "damaged":
        open_incident(uow, "damaged", asset, None, None, note or "found damaged")
    if commit:
        uow.commit()
    words = [f"{asset.tag} booked back in as found"]
    if came_back is not None:
        what = "not returned by" if came_back.outcome == "not_returned" else "lost by"
        words.append(f"it was {what} {came_back.person.name} ({came_back.person.staff_code}); "
                     "their record now shows it came back")
    if closed:
        words.append(f"incident {', '.join(f'#{i}' for i in closed)} closed as recovered")
    words.append("it is in repair (found damaged)" if condition == "damaged" else "it is available")
    return StatusChange(asset.tag, asset.status, "; ".join(words))


def asset_found(uow: UnitOfWork, tag: str, *, note: str | None = None,
                condition: str = "ok") -> StatusChange:
    """A lost or stolen asset turned up."""
    asset = get_asset(uow, tag, for_update=True)
    if asset.status != "lost":
        raise Refused(f"{asset.tag} is {status_in_words(asset.status)}, not "
                      "recorded as lost or stolen, so there is nothing to book in as found")
    return found(uow, asset, note=note, condition=condition)


def retire_asset(uow: UnitOfWork, tag: str, *, reason: str) -> StatusChange:
    """Take an asset out of use for good (an admin, with a reason); open incidents close as
    written off."""
    uow.actor.require_admin("retire an asset")
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("give the reason for retiring it (e.g. 'beyond economic repair')")
    if len(reason) > 1000:
        raise InvalidInput("the reason is too long (at most 1,000 characters)")
    asset = get_asset(uow, tag, for_update=True)
    if asset.status == "retired":
        raise Refused(f"{asset.tag} is already retired ({asset.retired_reason or 'no reason given'})")
    if asset.status == "on_loan":
        raise Refused(f"{asset.tag} is on loan: check it in (or report it lost) before retiring it")
    was = asset.status
    closed = _closing(uow, asset, ("lost", "stolen", "damaged"), "written_off", reason)
    asset.status = "retired"
    asset.retired_reason = reason
    uow.audit("asset_retired", asset, tag=asset.tag, was=was, reason=reason, incidents=closed)
    uow.commit()
    extra = f"; incident {', '.join(f'#{i}' for i in closed)} written off" if closed else ""
    return StatusChange(asset.tag, "retired", f"{asset.tag} retired: {reason}{extra}")
