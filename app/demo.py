"""A realistic demo school, made through the same services the desk uses.

:func:`fill_demo` runs the named parts in order: the staff and the assets with their
encryption checks (one transaction), then, with the database clock moved into the
past, the returned history, the open loans, the leavers holding kit, a trip under way,
a finished leaver and a lost phone.

Deterministic (fixed seed), so screenshots and tutorials look the same each
time. Loans are made "in the past" by moving the database clock, so the
demo has overdue items, returned history and a trip under way.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from app.bootstrap import AppContext
from app.clock import local_date
from app.database import Database
from app.demo_identity import DEMO_PIN, DEMO_TECHNICIAN
from app.errors import Refused
from app.keys import badge_key, search_name, staff_key, tag_key
from app.uow import Actor, UnitOfWork
from db.models import Asset, EncryptionCheck, Person

FIRST = [
    "Siân", "Łukasz", "Zoë", "Ζωή", "Дмитрий", "Aoife", "Oluwaseun", "Priya", "Mohammed", "Chloé",
    "Eilidh", "Tomasz", "Agnieszka", "Rhys", "Niamh", "Björn", "Fatima", "Jamal", "Hannah", "Owen",
    "Grace", "Kwame", "Mei", "Raj", "Ffion", "Seán", "Amélie", "Dylan", "Imogen", "Yusuf",
]
LAST = [
    "Ó Briain", "Żółć", "Ødegård", "Παπαδοπούλου", "Иванов", "Smith", "Jones", "Williams",
    "Adeyemi", "Patel", "Khan", "Davies", "Evans", "Nowak", "MacLeod", "O'Neill", "Müller",
    "Hughes", "Thomas", "Roberts", "Begum", "Mensah", "Chen", "Sharma", "Lloyd", "García",
    "Brown", "Taylor", "Wilson", "Ahmed",
]
DEPARTMENTS = ["Mathematics", "English", "Science", "Humanities", "Languages", "PE", "Art",
               "Music", "SEN", "Office", "Computing", "Pastoral"]
LAPTOPS = [("Dell", "Latitude 5440"), ("Lenovo", "ThinkPad E14"), ("HP", "ProBook 450 G10"),
           ("Apple", "MacBook Air M2")]
TABLETS = [("Apple", "iPad 10th gen"), ("Samsung", "Galaxy Tab A9")]
PHONES = [("Samsung", "Galaxy A15"), ("Nokia", "G22"), ("Apple", "iPhone SE")]
OTHER = [("Canon", "Legria HF R806 camcorder"), ("Epson", "EB-W49 projector"),
         ("Logitech", "Spotlight presenter")]


def fill_demo(app: AppContext, actor: Actor) -> str:
    """Fill an empty database with the demo school; refuse a database that has people."""
    rng = random.Random(20261124)
    db = app.db
    real_clock = db.clock
    now = real_clock()
    _refuse_a_used_database(db, actor)
    from app import demo_trust

    made = demo_trust.make_places(db, actor, app.settings.school.name)
    people = _staff(rng)
    assets = _assets(rng)
    demo_trust.place(people, assets, made)
    with db.uow(actor) as uow:
        uow.session.add_all(people)
        uow.session.add_all(assets)
        uow.session.flush()
        _encryption_checks(uow, rng, assets, now)
        uow.audit("demo_data", "people", None, people=len(people), assets=len(assets))
        uow.commit()
    active = [p for p in people if p.status == "active"]
    encrypted_tags = _verified_encrypted(db, actor, assets)
    past = _Past(db, actor, now)
    try:
        _returned_history(past, rng, assets[:40], active)
        lendable = [a for a in assets[40:] if a.kind != "phone"]
        _open_loans(past, rng, lendable[:30], active, encrypted_tags)
        spare = _leavers_holding_kit(past, people[1:3], lendable[30:])
        phones = [a for a in assets if a.kind == "phone"]
        _trip_under_way(past, phones[:6], active[3])
        _finished_leaver(past, active[-1], spare[:2])
        _lost_phone_and_a_new_check(past, phones[10], assets[41])
    finally:
        db.clock = real_clock
    return (f"demo school ready: {len(people)} staff, {len(assets)} assets at 2 schools; "
            f"sign in as '{DEMO_TECHNICIAN}' with PIN {DEMO_PIN}")


def _refuse_a_used_database(db: Database, actor: Actor) -> None:
    """Demo data goes in an empty database; the first technician is the demo's."""
    from app.services.technicians import add_technician, count_technicians

    with db.uow(actor, readonly=True) as uow:
        if uow.session.execute(select(Person.id).limit(1)).first():
            raise Refused("this database already has people in it; demo data goes in an empty one")
        first_tech = count_technicians(uow) == 0
    if first_tech:
        with db.uow(actor) as uow:
            add_technician(uow, DEMO_TECHNICIAN, DEMO_PIN, trust_admin=True,
                           display_name="Demo Technician")


def _staff(rng: random.Random) -> list[Person]:
    """60 members of staff with names in many scripts (the first is always Siân Ó Briain)."""
    people: list[Person] = []
    used: set[tuple[str, str]] = set()
    for i in range(60):
        while True:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            if (first, last) not in used:
                used.add((first, last))
                break
        code = f"S{1001 + i}"
        ascii_last = "".join(c for c in last if c.isascii() and c.isalpha()).lower() or "staff"
        people.append(Person(
            staff_code=code, staff_key=staff_key(code), first_name=first, last_name=last,
            email=f"{ascii_last}{i}@example-academy.sch.uk",
            department=rng.choice(DEPARTMENTS), badge_code=f"B{77000 + i}",
            badge_key=badge_key(f"B{77000 + i}"), status="active",
            search_name=search_name(first, last),
        ))
    people[0].first_name, people[0].last_name = "Siân", "Ó Briain"
    people[0].search_name = search_name("Siân", "Ó Briain")
    return people


def _assets(rng: random.Random) -> list[Asset]:
    """60 laptops, 24 tablets, 24 phones and 12 other items, all available."""
    assets: list[Asset] = []
    for kind, prefix, n, models in (("laptop", "LT", 60, LAPTOPS), ("tablet", "TB", 24, TABLETS),
                                    ("phone", "PH", 24, PHONES), ("other", "AV", 12, OTHER)):
        for i in range(n):
            make, model = rng.choice(models)
            tag = f"{prefix}-{i + 1:04d}"
            a = Asset(tag=tag, tag_key=tag_key(tag), kind=kind, make=make, model=model,
                      serial=f"{make[:2].upper()}{rng.randrange(10**7, 10**8)}",
                      status="available")
            if kind == "phone":
                a.imei = "35" + "".join(str(rng.randrange(10)) for _ in range(13))
                a.phone_number = f"07700 9{rng.randrange(10**5):05d}"
                a.accessories = "charger, case"
            elif kind == "laptop":
                a.accessories = "charger"
            elif kind == "tablet":
                a.accessories = "charger, keyboard case"
            assets.append(a)
    return assets


def _encryption_checks(uow: UnitOfWork, rng: random.Random, assets: Sequence[Asset],
                       now: dt.datetime) -> None:
    """Most devices checked some months ago, most of those encrypted; some never checked."""
    methods = {"laptop": "bitlocker", "tablet": "ios", "phone": "android", "other": "other"}
    for a in assets:
        roll = rng.random()
        if a.kind == "other" or roll < 0.15:
            continue  # never checked: "unknown"
        encrypted = roll > 0.3
        method = "filevault" if a.make == "Apple" and a.kind == "laptop" else methods[a.kind]
        if a.make == "Apple" and a.kind == "phone":
            method = "ios"
        uow.session.add(EncryptionCheck(
            asset_id=a.id, encrypted=encrypted, method=method if encrypted else None,
            verified_at=now - dt.timedelta(days=rng.randrange(30, 300)),
            verified_by=uow.actor.name, note="demo data"))


def _verified_encrypted(db: Database, actor: Actor, assets: Sequence[Asset]) -> set[str]:
    from app.services.encryption import encryption_state

    with db.uow(actor, readonly=True) as uow:
        return {a.tag for a in assets if encryption_state(uow, a).is_verified_encrypted}


@dataclass
class _Past:
    """Work done "some days ago": the database clock moved back, each step its own unit of work."""

    db: Database
    actor: Actor
    now: dt.datetime

    @property
    def today(self) -> dt.date:
        return local_date(self.now)

    def at(self, days_ago: float) -> None:
        moment = self.now - dt.timedelta(days=days_ago)
        self.db.clock = lambda: moment

    def uow(self) -> UnitOfWork:
        return self.db.uow(self.actor)


def _returned_history(past: _Past, rng: random.Random, assets: Sequence[Asset],
                      staff: Sequence[Person]) -> None:
    """Lent and brought back over the last months (one came back damaged)."""
    from app.services.loans import check_in, check_out

    for n, a in enumerate(assets):
        past.at(200 - n * 3)
        with past.uow() as uow:
            check_out(uow, a.tag, rng.choice(staff).staff_code, purpose="demo history")
        past.at(190 - n * 3)
        with past.uow() as uow:
            check_in(uow, a.tag, condition="damaged" if n == 7 else "ok",
                     note="cracked hinge" if n == 7 else None)


def _open_loans(past: _Past, rng: random.Random, assets: Sequence[Asset],
                staff: Sequence[Person], encrypted_tags: set[str]) -> None:
    """Out now, every fifth one overdue; encrypted devices lent with personal data."""
    from app.services.loans import check_out

    for n, a in enumerate(assets):
        days_ago = 45 if n % 5 == 0 else rng.randrange(1, 20)
        past.at(days_ago)
        with past.uow() as uow:
            check_out(uow, a.tag, staff[n % len(staff)].staff_code,
                      purpose=rng.choice(["Lesson planning", "Report writing", "Exam admin",
                                          "Department use"]),
                      personal_data=a.tag in encrypted_tags)


def _leavers_holding_kit(past: _Past, leavers: Sequence[Person],
                         candidates: Sequence[Asset]) -> list[Asset]:
    """Two people leaving soon, each still holding kit; returns what is left to lend."""
    from app.services.loans import check_out

    past.at(100)
    spare = [a for a in candidates if a.status == "available"]
    for person in leavers:
        for a in spare[:2]:
            with past.uow() as uow:
                check_out(uow, a.tag, person.staff_code, purpose="Teaching")
            spare = spare[1:]
    past.at(0)
    with past.uow() as uow:
        for person, days in zip(leavers, (12, 3), strict=True):
            p = uow.session.get(Person, person.id)
            assert p is not None
            p.status = "leaving"
            p.leaving_date = past.today + dt.timedelta(days=days)
            uow.audit("person_leaving", p, staff_code=p.staff_code, leaving_date=p.leaving_date)
        uow.commit()
    return spare


def _trip_under_way(past: _Past, phones: Sequence[Asset], leader: Person) -> None:
    """A field trip that started yesterday, with six school phones out."""
    from app.services.loans import check_out
    from app.services.trips import create_trip

    with past.uow() as uow:
        create_trip(uow, "Year 9 Geography field trip", leader=leader.staff_code,
                    start=past.today - dt.timedelta(days=1), end=past.today + dt.timedelta(days=2),
                    destination="Snowdonia")
        check_out(uow, [p.tag for p in phones], leader.staff_code,
                  trip="Year 9 Geography field trip", purpose="Trip phones")


def _finished_leaver(past: _Past, leaver: Person, kit: Sequence[Asset]) -> None:
    """Someone who has left: one item handed back, the other not (with a note)."""
    from app.services.leavers import leaver_return
    from app.services.loans import check_out

    past.at(30)
    with past.uow() as uow:
        check_out(uow, kit[0].tag, leaver.staff_code, purpose="Teaching")
        check_out(uow, kit[1].tag, leaver.staff_code, purpose="Teaching")
    past.at(2)
    with past.uow() as uow:
        leaver_return(uow, leaver.staff_code, confirm_not_leaving=True, returned_tags=[kit[0].tag],
                      notes={kit[1].tag: "says it was left in the staff room"})


def _lost_phone_and_a_new_check(past: _Past, phone: Asset, checked: Asset) -> None:
    from app.services.encryption import record_check
    from app.services.loans import report_lost

    with past.uow() as uow:
        report_lost(uow, phone.tag, note="left on the minibus")
    past.at(0)
    with past.uow() as uow:
        record_check(uow, checked.tag, encrypted=True, method="bitlocker",
                     note="verified at the desk")
