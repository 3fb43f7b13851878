"""A realistic demo school, made through the same services the desk uses.

Deterministic (fixed seed), so screenshots and tutorials look the same each
time. Loans are made "in the past" by moving the database clock, so the
demo has overdue items, returned history and a trip under way.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select

from app.bootstrap import AppContext
from app.clock import local_date
from app.demo_identity import DEMO_PIN, DEMO_TECHNICIAN
from app.errors import Refused
from app.keys import badge_key, search_name, staff_key, tag_key
from app.uow import Actor
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
    from app.services.encryption import record_check
    from app.services.leavers import leaver_return
    from app.services.loans import check_in, check_out, report_lost
    from app.services.technicians import add_technician, count_technicians
    from app.services.trips import create_trip

    rng = random.Random(20261124)
    db = app.db
    real_clock = db.clock
    now = real_clock()
    today = local_date(now)

    with db.uow(actor, readonly=True) as uow:
        if uow.session.execute(select(Person.id).limit(1)).first():
            raise Refused("this database already has people in it; demo data goes in an empty one")
        first_tech = count_technicians(uow) == 0

    if first_tech:
        with db.uow(actor) as uow:
            add_technician(uow, DEMO_TECHNICIAN, DEMO_PIN, admin=True,
                           display_name="Demo Technician")

    # -- people and assets, in one audited transaction ------------------------
    people: list[Person] = []
    assets: list[Asset] = []
    with db.uow(actor) as uow:
        used: set[str] = set()
        for i in range(60):
            while True:
                first, last = rng.choice(FIRST), rng.choice(LAST)
                if (first, last) not in used:
                    used.add((first, last))  # type: ignore[arg-type]
                    break
            code = f"S{1001 + i}"
            ascii_last = "".join(c for c in last if c.isascii() and c.isalpha()).lower() or "staff"
            p = Person(
                staff_code=code, staff_key=staff_key(code), first_name=first, last_name=last,
                email=f"{ascii_last}{i}@example-academy.sch.uk",
                department=rng.choice(DEPARTMENTS), badge_code=f"B{77000 + i}",
                badge_key=badge_key(f"B{77000 + i}"), status="active",
                search_name=search_name(first, last),
            )
            people.append(p)
        people[0].first_name, people[0].last_name = "Siân", "Ó Briain"
        people[0].search_name = search_name("Siân", "Ó Briain")
        uow.session.add_all(people)

        def add_assets(kind: str, prefix: str, n: int, models: list[tuple[str, str]]) -> None:
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

        add_assets("laptop", "LT", 60, LAPTOPS)
        add_assets("tablet", "TB", 24, TABLETS)
        add_assets("phone", "PH", 24, PHONES)
        add_assets("other", "AV", 12, OTHER)
        uow.session.add_all(assets)
        uow.session.flush()
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
                verified_by=actor.name, note="demo data"))
        uow.audit("demo_data", "people", None, people=len(people), assets=len(assets))
        uow.commit()

    active = [p for p in people if p.status == "active"]
    encrypted_tags = set()
    with db.uow(actor, readonly=True) as uow:
        from app.services.encryption import encryption_state

        for a in assets:
            if encryption_state(uow, a).is_verified_encrypted:
                encrypted_tags.add(a.tag)

    def at(days_ago: float) -> None:
        moment = now - dt.timedelta(days=days_ago)
        db.clock = lambda: moment

    try:
        # returned history
        for n, a in enumerate(assets[:40]):
            at(200 - n * 3)
            with db.uow(actor) as uow:
                check_out(uow, a.tag, rng.choice(active).staff_code, purpose="demo history")
            at(190 - n * 3)
            with db.uow(actor) as uow:
                check_in(uow, a.tag, condition="damaged" if n == 7 else "ok",
                         note="cracked hinge" if n == 7 else None)
        # open loans, some overdue
        lendable = [a for a in assets[40:] if a.kind != "phone"]
        for n, a in enumerate(lendable[:30]):
            days_ago = 45 if n % 5 == 0 else rng.randrange(1, 20)
            at(days_ago)
            with db.uow(actor) as uow:
                check_out(uow, a.tag, active[n % len(active)].staff_code,
                          purpose=rng.choice(["Lesson planning", "Report writing", "Exam admin",
                                              "Department use"]),
                          personal_data=a.tag in encrypted_tags)
        # the two leavers hold kit
        at(100)
        spare = [a for a in lendable[30:] if a.status == "available"]
        for person in people[1:3]:
            for a in spare[:2]:
                with db.uow(actor) as uow:
                    check_out(uow, a.tag, person.staff_code, purpose="Teaching")
                spare = spare[1:]
        at(0)
        with db.uow(actor) as uow:
            for idx, days in ((1, 12), (2, 3)):
                row = uow.session.get(Person, people[idx].id)
                assert row is not None
                p = row
                p.status = "leaving"
                p.leaving_date = today + dt.timedelta(days=days)
                uow.audit("person_leaving", p, staff_code=p.staff_code,
                          leaving_date=p.leaving_date)
            uow.commit()
        # a trip with school phones
        phones = [a for a in assets if a.kind == "phone"]
        leader = active[3]
        with db.uow(actor) as uow:
            create_trip(uow, "Year 9 Geography field trip", leader=leader.staff_code,
                        start=today - dt.timedelta(days=1), end=today + dt.timedelta(days=2),
                        destination="Snowdonia")
            check_out(uow, [p.tag for p in phones[:6]], leader.staff_code,
                      trip="Year 9 Geography field trip", purpose="Trip phones")
        # a finished leaver, and a lost phone
        leaver = active[-1]
        at(30)
        with db.uow(actor) as uow:
            check_out(uow, spare[0].tag, leaver.staff_code, purpose="Teaching")
            check_out(uow, spare[1].tag, leaver.staff_code, purpose="Teaching")
        at(2)
        with db.uow(actor) as uow:
            leaver_return(uow, leaver.staff_code, confirm_not_leaving=True, returned_tags=[spare[0].tag],
                          notes={spare[1].tag: "says it was left in the staff room"})
        with db.uow(actor) as uow:
            report_lost(uow, phones[10].tag, note="left on the minibus")
        at(0)
        with db.uow(actor) as uow:
            record_check(uow, assets[41].tag, encrypted=True, method="bitlocker",
                         note="verified at the desk")
    finally:
        db.clock = real_clock
    return (f"demo school ready: {len(people)} staff, {len(assets)} assets; "
            f"sign in as '{DEMO_TECHNICIAN}' with PIN {DEMO_PIN}")
