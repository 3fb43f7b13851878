"""Generated benchmark databases: schema by the app, rows by plain ``sqlite3``.

The database is created through :func:`app.uow.open_database` (so Alembic
builds exactly the schema the app uses), then filled with one ``executemany``
per table inside one transaction, with ``synchronous=OFF`` only while
generating. Rows keep the schema's invariants: one open loan per asset,
assets on open loans are ``on_loan``, and every lookup key is normalised by
:mod:`app.keys`. Generated databases are cached under the bench cache
directory, keyed by scale, generator version and schema revision, so a second
run reuses them; write benchmarks work on a copy.

Run it alone with ``python -m bench.generate [--quick]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import re
import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from app import keys

#: bump when the generated rows change shape
GENERATOR_VERSION = 4  # 4: rows placed in the default school at generation

#: the benchmark technician (an admin) that the UI benchmarks sign in as
BENCH_TECH = "bench"
BENCH_PIN = "864213"

FIRST_NAMES = ("Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Mia", "Arthur", "Ivy", "Leo",
               "Freya", "Oscar", "Siân", "Łukasz", "Zoë", "Chloé", "Mohammed", "Priya", "Dmitri",
               "Aoife", "Kwame", "Mei", "Sofía", "Jürgen")
LAST_NAMES = ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
              "Patel", "Ó Briain", "Żółć", "Ødegård", "Nguyen", "Okafor", "Müller", "García",
              "O'Neill", "Khan", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Hughes")
DEPARTMENTS = ("Science", "Maths", "English", "History", "Geography", "Art", "Music", "PE",
               "Languages", "Computing", "SEN", "Office", "Site", "Leadership")
KINDS = (("laptop", 0.55, "LT", ("Dell", "Latitude 5440"), ("Lenovo", "ThinkPad E14")),
         ("tablet", 0.2, "TB", ("Apple", "iPad 10th gen"), ("Samsung", "Galaxy Tab A9")),
         ("phone", 0.15, "PH", ("Apple", "iPhone 13"), ("Samsung", "Galaxy A15")),
         ("other", 0.1, "OT", ("Epson", "EB-W51 projector"), ("Logitech", "Webcam C920")))
METHOD_BY_KIND = {"laptop": "bitlocker", "tablet": "ios", "phone": "android", "other": "other"}

#: SQLAlchemy's storage format for DateTime / Date on SQLite
_DT_FMT = "%Y-%m-%d %H:%M:%S.%f"


@dataclass(frozen=True)
class Scale:
    name: str
    assets: int
    people: int
    past_loans: int
    open_loans: int
    trips: int
    signed_fraction: float = 0.10
    #: rows in the staff CSV the import benchmark reads
    staff_csv_rows: int = 20_000
    #: labels rendered by the label benchmark
    labels: int = 1_000
    #: bytes of pad packets decoded by the pad benchmark
    pad_bytes: int = 1_000_000

    def with_past_loans(self, n: int, suffix: str) -> Scale:
        return replace(self, name=f"{self.name}-{suffix}", past_loans=n)

    def with_assets(self, n: int, suffix: str) -> Scale:
        """``n`` assets, open loans in the same proportion (at least one)."""
        return replace(self, name=f"{self.name}-{suffix}", assets=n,
                       open_loans=max(1, self.open_loans * n // self.assets))


FULL = Scale("full", assets=100_000, people=20_000, past_loans=1_000_000, open_loans=2_000,
             trips=500)
QUICK = Scale("quick", assets=10_000, people=2_000, past_loans=100_000, open_loans=200, trips=50,
              staff_csv_rows=5_000, labels=260, pad_bytes=250_000)
TINY = Scale("tiny", assets=300, people=80, past_loans=1_500, open_loans=30, trips=6,
             staff_csv_rows=200, labels=20, pad_bytes=20_000)
SCALES = {s.name: s for s in (FULL, QUICK, TINY)}

#: past loans of the small database the history-growth rows compare against
GROWTH_BASE_LOANS = 1_000
#: assets of the small database the asset-growth row compares against
GROWTH_BASE_ASSETS = 1_000


def growth_base(scale: Scale) -> Scale:
    """``scale`` with :data:`GROWTH_BASE_LOANS` past loans (same assets and people)."""
    return scale.with_past_loans(GROWTH_BASE_LOANS, "growth-base")


def assets_base(scale: Scale) -> Scale:
    """:func:`growth_base` with :data:`GROWTH_BASE_ASSETS` assets (same people)."""
    return growth_base(scale).with_assets(min(GROWTH_BASE_ASSETS, scale.assets), "assets")


def cache_dir() -> Path:
    base = os.environ.get("LOAN_KIOSK_BENCH_CACHE")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg) / "loan-kiosk-bench"


def cache_key(scale: Scale) -> str:
    from db.schema import HEAD

    blob = json.dumps({"v": GENERATOR_VERSION, "schema": HEAD, "scale": asdict(scale)},
                      sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:12]


def database(scale: Scale, *, log: bool = True, base: Path | None = None) -> Path:
    """The cached database for ``scale``, generated first if needed."""
    folder = base or cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{scale.name}-{cache_key(scale)}.sqlite3"
    if path.exists():
        return path
    for stale in folder.glob(f"{scale.name}-*.sqlite3*"):  # older generator or schema
        if re.fullmatch(rf"{re.escape(scale.name)}-[0-9a-f]{{12}}\.sqlite3.*", stale.name):
            stale.unlink()  # (not another scale whose name starts with this one's)
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    started = time.perf_counter()
    generate(tmp, scale)
    tmp.replace(path)
    if log:
        print(f"generated {scale.name} database ({_describe(scale)}) in "
              f"{time.perf_counter() - started:.1f} s: {path}", flush=True)
    return path


def copy_database(src: Path, dest_dir: Path, name: str = "bench.sqlite3") -> Path:
    """A private, writable copy (write benchmarks never touch the cache)."""
    dest = dest_dir / name
    shutil.copyfile(src, dest)
    os.chmod(dest, 0o600)
    return dest


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _describe(s: Scale) -> str:
    return (f"{s.assets:,} assets, {s.people:,} people, {s.past_loans:,} past loans, "
            f"{s.open_loans:,} open loans, {s.trips:,} trips")


# -- generation -----------------------------------------------------------------------------

def _ts(value: dt.datetime) -> str:
    return value.strftime(_DT_FMT)


def _signature_json(rng: random.Random) -> tuple[str, str]:
    """(strokes, window) JSON of a believable two-stroke signature."""
    import math

    strokes = []
    for s in range(2):
        phase = rng.random() * 6
        pts = [[i * 8, round(700 + s * 700 + i * 14), round(1250 + 300 * math.sin(i / 6 + phase)),
                round(0.3 + 0.5 * (i % 7) / 7, 2)] for i in range(40)]
        strokes.append(pts)
    return json.dumps(strokes), json.dumps([500, 400, 2650, 2100])


def generate(path: Path, scale: Scale, seed: int = 7) -> None:
    """Create ``path`` with the app's schema and fill it to ``scale``."""
    from app.database import open_database

    if path.exists():
        path.unlink()
    db = open_database(sqlite_url(path))
    db.dispose()
    rng = random.Random(seed)
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=OFF")
        con.execute("PRAGMA cache_size=-400000")
        con.execute("PRAGMA temp_store=MEMORY")
        con.execute("BEGIN")
        _fill(con, scale, rng)
        con.execute("COMMIT")
        con.execute("ANALYZE")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    _add_technician(path)


def _add_technician(path: Path) -> None:
    """The bench's technician, and the database as a desk's first start leaves it: its rows
    (written above with no school) placed in the default school (``settle_sites_once``,
    once per database; 120,001 rows through the ORM at full scale, ≈ 530 MB), so the rows
    measure a desk's every-day start, not that one-time step."""
    from app.bootstrap import settle_sites_once
    from app.config import Settings
    from app.database import open_database
    from app.services.technicians import add_technician
    from app.uow import SYSTEM

    db = open_database(sqlite_url(path))
    try:
        with db.uow(SYSTEM) as uow:
            add_technician(uow, BENCH_TECH, BENCH_PIN, admin=True, display_name="Bench Admin")
        settle_sites_once(db, Settings())
    finally:
        db.dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def _people(scale: Scale, rng: random.Random) -> Iterator[tuple[object, ...]]:
    for pid in range(1, scale.people + 1):
        first = FIRST_NAMES[pid % len(FIRST_NAMES)]
        last = LAST_NAMES[(pid * 7) % len(LAST_NAMES)]
        code = f"S{pid:06d}"
        badge = f"B{pid:08d}" if pid % 2 == 0 else None
        r = rng.random()
        status, leaving = ("active", None)
        if r < 0.03:
            status, leaving = "left", "2024-07-19"
        elif r < 0.05:
            status, leaving = "leaving", "2026-12-18"
        yield (pid, code, keys.staff_key(code), first, last,
               f"{code.lower()}@example.org", DEPARTMENTS[pid % len(DEPARTMENTS)], badge,
               keys.badge_key(badge) if badge else None, status, leaving,
               keys.search_name(first, last))


def _kind_for(i: int) -> tuple[str, str, tuple[str, str]]:
    x = (i * 2654435761 % 1000) / 1000
    acc = 0.0
    for kind, share, prefix, a, b in KINDS:
        acc += share
        if x < acc:
            return kind, prefix, (a if i % 2 else b)
    kind, _share, prefix, a, _b = KINDS[-1]
    return kind, prefix, a


def asset_tag(asset_id: int) -> str:
    _kind, prefix, _mm = _kind_for(asset_id)
    return f"{prefix}-{asset_id:06d}"


def _fill(con: sqlite3.Connection, scale: Scale, rng: random.Random) -> None:
    now = dt.datetime(2026, 3, 2, 9, 0, 0)
    people_rows = list(_people(scale, rng))
    con.executemany(
        "INSERT INTO people (id, staff_code, staff_key, first_name, last_name, email, department, "
        "badge_code, badge_key, status, leaving_date, search_name) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", people_rows)
    borrowers = [r[0] for r in people_rows if r[9] == "active"]

    trip_rows = []
    for t in range(1, scale.trips + 1):
        start = dt.date(2019, 1, 7) + dt.timedelta(days=(t * 5) % 2600)
        trip_rows.append((t, f"Trip {t:04d} — {DEPARTMENTS[t % len(DEPARTMENTS)]}",
                          f"Destination {t % 40}", start.isoformat(),
                          (start + dt.timedelta(days=3)).isoformat(), rng.choice(borrowers)))
    con.executemany("INSERT INTO trips (id, name, destination, start_date, end_date, leader_id) "
                    "VALUES (?,?,?,?,?,?)", trip_rows)

    # Assets: which ones are out right now, and a few in repair or lost.
    open_ids = set(rng.sample(range(1, scale.assets + 1), scale.open_loans))
    asset_rows = []
    status_of: dict[int, str] = {}
    for aid in range(1, scale.assets + 1):
        kind, prefix, (make, model) = _kind_for(aid)
        if aid in open_ids:
            status = "on_loan"
        else:
            r = (aid * 40503) % 1000
            status = "in_repair" if r < 8 else "lost" if r < 11 else "retired" if r < 20 else "available"
        status_of[aid] = status
        tag = f"{prefix}-{aid:06d}"
        asset_rows.append((aid, tag, keys.tag_key(tag), kind, make, model, f"SN{aid:09d}",
                           f"35{aid:013d}" if kind == "phone" else None,
                           f"07700 9{aid % 100000:05d}" if kind == "phone" else None,
                           "charger, case" if kind == "laptop" else None, status, None, aid))
    con.executemany(
        "INSERT INTO assets (id, tag, tag_key, kind, make, model, serial, imei, phone_number, "
        "accessories, status, notes, snipeit_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", asset_rows)

    # Encryption checks: most portable devices have one or two.
    checks = []
    cid = 0
    for aid, row in enumerate(asset_rows, 1):
        kind = row[3]
        if kind == "other" or aid % 5 == 0:
            continue
        for n in range(1 + (aid % 3 == 0)):
            cid += 1
            at = now - dt.timedelta(days=400 - n * 200 + aid % 90)
            enc = not (aid % 11 == 0 and n == 0)
            checks.append((cid, aid, int(enc), METHOD_BY_KIND[kind] if enc else None, _ts(at),
                           "tech1", None))
    con.executemany("INSERT INTO encryption_checks (id, asset_id, encrypted, method, verified_at, "
                    "verified_by, note) VALUES (?,?,?,?,?,?,?)", checks)

    _fill_loans(con, scale, rng, now, borrowers, open_ids, status_of, asset_rows)


def _fill_loans(con: sqlite3.Connection, scale: Scale, rng: random.Random, now: dt.datetime,
                borrowers: list[int], open_ids: set[int], status_of: dict[int, str],
                asset_rows: list[tuple[object, ...]]) -> None:
    sig_templates = [_signature_json(rng) for _ in range(32)]
    loan_sql = (
        "INSERT INTO loans (id, asset_id, person_id, out_at, out_by, due_on, purpose, trip_id, "
        "condition_out, personal_data, in_at, in_by, condition_in, outcome, note_in, "
        "signature_out_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
    sig_sql = ("INSERT INTO signatures (id, person_id, captured_at, strokes, window, device, "
               "incomplete) VALUES (?,?,?,?,?,?,0)")
    start = now - dt.timedelta(days=8 * 365)
    span_s = int((now - start).total_seconds()) - 40 * 86400
    n_assets = scale.assets
    per_asset, extra = divmod(scale.past_loans, n_assets)
    loan_id = 0
    sig_id = 0
    signed_every = round(1 / scale.signed_fraction) if scale.signed_fraction else 0
    batch: list[tuple[object, ...]] = []
    sigs: list[tuple[object, ...]] = []
    trips = scale.trips

    def flush() -> None:
        if sigs:
            con.executemany(sig_sql, sigs)
            sigs.clear()
        con.executemany(loan_sql, batch)
        batch.clear()

    for aid in range(1, n_assets + 1):
        kind = asset_rows[aid - 1][3]
        k = per_asset + (1 if aid <= extra else 0)
        if not k:
            continue
        slot = span_s // k
        for j in range(k):
            loan_id += 1
            out_at = start + dt.timedelta(seconds=j * slot + rng.randrange(max(1, slot // 4)))
            days = rng.randrange(1, 30)
            in_at = out_at + dt.timedelta(days=days, seconds=rng.randrange(3600))
            person = borrowers[rng.randrange(len(borrowers))]
            sig = None
            if signed_every and loan_id % signed_every == 0:
                sig_id += 1
                sig = sig_id
                strokes, window = sig_templates[sig_id % len(sig_templates)]
                sigs.append((sig_id, person, _ts(out_at), strokes, window, "Topaz T-S460"))
            trip = (loan_id % trips) + 1 if kind == "phone" and trips and loan_id % 4 == 0 else None
            cond_in = "damaged" if loan_id % 97 == 0 else "ok"
            batch.append((loan_id, aid, person, _ts(out_at), "tech1",
                          (out_at + dt.timedelta(days=14)).date().isoformat(),
                          "Lesson use" if loan_id % 3 else None, trip, "ok", loan_id % 5 == 0,
                          _ts(in_at), "tech2", cond_in, "returned",
                          "scratched lid" if cond_in == "damaged" else None, sig))
        if len(batch) >= 50_000:
            flush()
    for aid in sorted(open_ids):
        loan_id += 1
        out_at = now - dt.timedelta(days=rng.randrange(1, 40), seconds=rng.randrange(86400))
        due = (out_at + dt.timedelta(days=21)).date().isoformat()
        batch.append((loan_id, aid, borrowers[rng.randrange(len(borrowers))], _ts(out_at), "tech1",
                      due, "Marking at home", None, "ok", 0, None, None, None, None, None, None))
    flush()
    assert all(status_of[a] == "on_loan" for a in open_ids)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__)
    p.add_argument("--quick", action="store_true", help="the CI scale")
    p.add_argument("--scale", choices=sorted(SCALES), help="any scale by name")
    args = p.parse_args(argv)
    scale = SCALES[args.scale] if args.scale else QUICK if args.quick else FULL
    started = time.perf_counter()
    path = database(scale)
    database(growth_base(scale))
    database(assets_base(scale))
    print(f"{path} ready in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
