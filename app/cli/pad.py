"""``loan-kiosk pad …``: find, test, capture from and simulate a serial signature pad.

``pad test`` and ``pad capture`` live in :mod:`app.cli.pad_test`, ``--detect`` in
:mod:`app.cli.pad_detect`.
"""

from __future__ import annotations

import argparse
import json
import signal
import threading
from pathlib import Path
from types import FrameType
from typing import Any

from app.cli.context import CliContext, print_json
from app.cli.pad_test import cmd_capture, cmd_test, settings_of
from app.devices.line import parse_parity
from app.devices.pad import PROTOCOLS
from app.devices.pad_simulator import FAULTS, PadSimulator, write_stats
from app.devices.pad_stream import EXTRAS
from app.devices.ports import find_port, list_ports
from app.devices.topaz_models import MODELS
from app.errors import InvalidInput


def register(sub: Any) -> None:
    from app.cli.options import common_parent

    common = [common_parent()]
    pad = sub.add_parser("pad", help="signature pad: list ports, test, capture, simulate")
    pad_sub = pad.add_subparsers(dest="pad_command", metavar="ACTION", required=True)

    p = pad_sub.add_parser("list", parents=common,
                           help="serial ports found, with description and hardware id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)

    p = pad_sub.add_parser("test", parents=common,
                           help="listen to a pad for a while (or replay a recording) and say "
                                "what arrived")
    _port_options(p)
    p.add_argument("--seconds", type=_positive_float, metavar="N",
                   help="how long to listen (default 10; stops early if the port disappears); "
                        "with --detect, at each framing (default 2)")
    p.add_argument("--detect", action="store_true",
                   help="Topaz: listen at each likely line framing and say which gives pen packets")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_test)

    p = pad_sub.add_parser("capture", parents=common,
                           help="capture one signature from the pad into a JSON file")
    _port_options(p)
    p.add_argument("--out", required=True, metavar="SIG.json")
    p.add_argument("--force", action="store_true", help="replace SIG.json if it exists")
    p.add_argument("--idle", type=_positive_float, default=2.0, metavar="SECONDS",
                   help="finish once the pen has been lifted this long after signing (default 2)")
    p.add_argument("--timeout", type=_positive_float, default=120.0, metavar="SECONDS",
                   help="give up if nobody signs within this long (default 120)")
    p.set_defaults(handler=cmd_capture)

    p = pad_sub.add_parser("simulate", parents=common,
                           help="pretend to be a pad on a pseudo-terminal (prints its path first)")
    p.add_argument("--protocol", required=True, choices=PROTOCOLS)
    p.add_argument("--rate", type=_positive_float, default=150.0, metavar="HZ",
                   help="samples per second (default 150; real pads send 100-200)")
    p.add_argument("--loop", action="store_true", help="keep signing, one signature after another")
    p.add_argument("--count", type=_positive_int, metavar="N",
                   help="send N signatures, then keep the port open (default 1 without --loop)")
    p.add_argument("--fault", choices=FAULTS, help="inject a fault into the stream")
    p.add_argument("--link", metavar="PATH",
                   help="also make a symlink at PATH to the port (re-pointed after a replug)")
    p.add_argument("--stats-json", metavar="FILE", help="write what was sent here (on exit too)")
    p.add_argument("--seed", type=int, help="the same seed signs the same signatures")
    p.add_argument("--short", action="store_true",
                   help="sign with an initial and a short surname (about 1.5 s; for quick tests)")
    p.add_argument("--replug-after", type=_positive_float, default=2.0, metavar="SECONDS",
                   help="with --fault disconnect: how long the pad stays unplugged (default 2)")
    p.add_argument("--model", choices=[m.key for m in MODELS], metavar="MODEL",
                   help="Topaz: sign as this model does (its window; signaturegem-lcd-1x5: the "
                        "7-bit format)")
    p.add_argument("--mix", type=_extras, default=(), metavar="KINDS",
                   help="also send these packet kinds, comma-separated: "
                        + "; ".join(f"{k}: {', '.join(v)}" for k, v in EXTRAS.items()))
    p.add_argument("--ink-json", metavar="FILE",
                   help="write the inked points sent, stroke by stroke, as [x, y, pressure]")
    p.add_argument("--record", metavar="FILE", help="also write every byte sent to FILE")
    p.set_defaults(handler=cmd_simulate)


def _port_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", help="serial port, e.g. /dev/ttyUSB0, /dev/cu.usbserial-X, COM3 "
                                  "(default: setting pad.port)")
    p.add_argument("--replay", metavar="FILE",
                   help="decode the raw bytes in FILE (- for standard input) instead of "
                        "listening to a port")
    p.add_argument("--protocol", choices=PROTOCOLS, help="default: setting pad.protocol")
    p.add_argument("--model", metavar="MODEL",
                   help="Topaz model preset (default: setting pad.model): "
                        + ", ".join(m.key for m in MODELS))
    p.add_argument("--baud", type=_positive_int, metavar="N",
                   help="line speed (default: setting pad.baud, else the model's or protocol's)")
    p.add_argument("--parity", type=_parity, metavar="none|odd|even",
                   help="default: setting pad.parity, else the model's")
    p.add_argument("--bytesize", type=int, choices=(7, 8),
                   help="data bits (7: the 7-bit packet format); default: the model's")
    p.add_argument("--stopbits", type=float, choices=(1.0, 1.5, 2.0),
                   help="default: the model's")


def _parity(text: str) -> str:
    try:
        return parse_parity(text)
    except InvalidInput as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def _extras(text: str) -> tuple[str, ...]:
    kinds = tuple(k.strip() for k in text.split(",") if k.strip())
    known = {k for v in EXTRAS.values() for k in v}
    for k in kinds:
        if k not in known:
            raise argparse.ArgumentTypeError(f"unknown packet kind {k!r} (use: "
                                             f"{', '.join(sorted(known))})")
    return kinds


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from exc
    if not value > 0 or value != value or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive number")
    if value > 1_000_000:
        raise argparse.ArgumentTypeError(f"{text!r} is too big (at most 1000000)")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from exc
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be above zero")
    if value > 10_000_000:
        raise argparse.ArgumentTypeError(f"{text!r} is too big (at most 10000000)")
    return value


# -- pad list ------------------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    ports = list_ports()
    settings = settings_of(args)
    uses = {"pad": settings.pad.port, "scanner": settings.scanner.serial_port}
    marked = {what: find_port(port, ports) for what, port in uses.items() if port}
    if args.json:
        print_json([{**p.to_dict(), "configured_as": [w for w, m in marked.items() if m == p]}
                    for p in ports])
        return 0
    if not ports:
        print("No serial ports found. Is the pad plugged in (and its driver installed)?")
    for p in ports:
        roles = [w for w, m in marked.items() if m == p]
        print(p.device + (f"   <- the {' and '.join(roles)} in the settings" if roles else ""))
        if p.stable_path:
            print(f"  stable path: {p.stable_path}")
        print(f"  name: {p.name or p.description or '(none)'}")
        if p.serial_number or p.vid_pid:
            print(f"  USB: {p.vid_pid or '?'}, serial number {p.serial_number or '(none)'}")
        print(f"  hardware id: {p.hwid or '(none)'}")
    for what, port in uses.items():
        if port and marked.get(what) is None:
            print(f"The {what} port in the settings, {port}, is not among these (unplugged?).")
    return 0


# -- pad simulate --------------------------------------------------------------------------------


def cmd_simulate(args: argparse.Namespace, ctx: CliContext) -> int:
    stats_path = Path(args.stats_json) if args.stats_json else None
    link = Path(args.link) if args.link else None
    if link is not None and link.exists() and not link.is_symlink():
        raise InvalidInput(f"{link} exists and is not a symlink; not replacing it")
    first_line = True

    def on_event(event: dict[str, Any]) -> None:
        nonlocal first_line
        if first_line and event.get("event") == "listening":
            # the first line is the bare port path, for scripts: `port=$(… | head -1)`
            print(event["port"], flush=True)
            first_line = False
            return
        print(json.dumps(event, separators=(",", ":")), flush=True)
        if event.get("event") == "signature":
            if stats_path is not None:
                write_stats(stats_path, sim.stats)
            write_ink()

    ink_path = Path(args.ink_json) if args.ink_json else None

    def write_ink() -> None:
        if ink_path is not None:
            tmp = ink_path.with_name(ink_path.name + ".tmp")
            tmp.write_text(json.dumps(sim.ink) + "\n", encoding="utf-8")
            tmp.replace(ink_path)

    sim = PadSimulator(args.protocol, rate_hz=args.rate, loop=args.loop, count=args.count,
                       fault=args.fault, link=link, seed=args.seed,
                       replug_after=args.replug_after, short=args.short, on_event=on_event,
                       model=args.model or "", extras=args.mix,
                       record=Path(args.record) if args.record else None)
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        sim.run(stop)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        if stats_path is not None:
            write_stats(stats_path, sim.stats)
        write_ink()
    return 0
