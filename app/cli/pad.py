"""``loan-kiosk pad …``: find, test, capture from and simulate a serial signature pad."""

from __future__ import annotations

import argparse
import json
import os
import queue
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from app.cli.context import CliContext, print_json
from app.config import Paths, Settings, load_settings
from app.devices.pad import (
    PROTOCOLS,
    PadStatus,
    PenSample,
    StatusEvent,
    StrokeAssembler,
)
from app.devices.pad_simulator import FAULTS, PadSimulator, write_stats
from app.devices.ports import list_ports
from app.devices.serial_pad import SerialPad, SerialPadConfig
from app.errors import InvalidInput
from app.signatures import check_quality

Event = tuple[str, Any]


def register(sub: Any) -> None:
    from app.cli import common_parent

    common = [common_parent()]
    pad = sub.add_parser("pad", help="signature pad: list ports, test, capture, simulate")
    pad_sub = pad.add_subparsers(dest="pad_command", metavar="ACTION", required=True)

    p = pad_sub.add_parser("list", parents=common,
                           help="serial ports found, with description and hardware id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_list)

    p = pad_sub.add_parser("test", parents=common,
                           help="listen to a pad for a while and say what arrived")
    _port_options(p)
    p.add_argument("--seconds", type=_positive_float, default=10.0, metavar="N",
                   help="how long to listen (default 10; stops early if the port disappears)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_test)

    p = pad_sub.add_parser("capture", parents=common,
                           help="capture one signature from the pad into a JSON file")
    _port_options(p)
    p.add_argument("--out", required=True, metavar="SIG.json")
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
    p.set_defaults(handler=cmd_simulate)


def _port_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--port", help="serial port, e.g. /dev/ttyUSB0 or COM3 (default: setting pad.port)")
    p.add_argument("--protocol", choices=PROTOCOLS, help="default: setting pad.protocol")
    p.add_argument("--baud", type=_positive_int, metavar="N",
                   help="line speed (default: setting pad.baud, else the protocol's own)")


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from exc
    if not value > 0 or value != value or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} must be a positive number")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from exc
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be above zero")
    return value


def _settings(args: argparse.Namespace) -> Settings:
    """The settings file, read without opening the database (pads need no database)."""
    from app.cli.context import chosen_data_dir

    return load_settings(Paths(chosen_data_dir(args)).settings_file)


def _config(args: argparse.Namespace, settings: Settings) -> SerialPadConfig:
    port = args.port or settings.pad.port
    protocol = args.protocol or settings.pad.protocol
    if not port:
        raise InvalidInput("no pad port: give --port, or set pad.port in the settings")
    if not protocol:
        raise InvalidInput("no pad protocol: give --protocol topaz|isdv4, or set pad.protocol")
    return SerialPadConfig.from_settings(settings.pad, port=port, protocol=protocol, baud=args.baud)


@contextmanager
def _listening(pad: SerialPad) -> Iterator[queue.Queue[Event]]:
    """The pad open, with its samples and status changes queued for this thread."""
    events: queue.Queue[Event] = queue.Queue()

    def on_samples(samples: Sequence[PenSample]) -> None:
        events.put(("samples", samples))

    def on_status(event: StatusEvent) -> None:
        events.put(("status", event))

    pad.add_sample_listener(on_samples)
    pad.add_status_listener(on_status)
    pad.open(must_connect=True)
    try:
        yield events
    finally:
        pad.close()


def _gone(event: StatusEvent) -> bool:
    return event.status in (PadStatus.DISCONNECTED, PadStatus.RECONNECTING)


# -- pad list ------------------------------------------------------------------------------------


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    ports = list_ports()
    if args.json:
        print_json([p.to_dict() for p in ports])
        return 0
    if not ports:
        print("No serial ports found. Is the pad plugged in (and its driver installed)?")
        return 0
    for p in ports:
        print(p.device)
        if p.stable_path:
            print(f"  stable path: {p.stable_path}")
        print(f"  description: {p.description or '(none)'}")
        print(f"  hardware id: {p.hwid or '(none)'}")
    return 0


# -- pad test ------------------------------------------------------------------------------------


def cmd_test(args: argparse.Namespace, ctx: CliContext) -> int:
    settings = _settings(args)
    config = _config(args, settings)
    pad = SerialPad(config)
    assembler = StrokeAssembler(pad.window, pad.description)
    samples = 0
    disconnected = False
    interrupted = False
    with _listening(pad) as events:
        deadline = time.monotonic() + args.seconds
        try:
            while (left := deadline - time.monotonic()) > 0:
                try:
                    kind, item = events.get(timeout=left)
                except queue.Empty:
                    break
                if kind == "samples":
                    samples += len(item)
                    assembler.extend(item)
                elif _gone(item):
                    disconnected = True
                    break
        except KeyboardInterrupt:
            interrupted = True
    # samples that were already on their way when listening stopped still count
    while not disconnected:
        try:
            kind, item = events.get_nowait()
        except queue.Empty:
            break
        if kind == "samples":
            samples += len(item)
            assembler.extend(item)
    stats = pad.stats
    sig = assembler.signature()
    bounds = sig.bounds()
    result = {
        "port": config.port,
        "protocol": config.protocol,
        "packets": stats.packets,
        "samples": samples,
        "strokes": len(sig.strokes),
        "points": sig.point_count,
        "rejected": stats.rejected,
        "resyncs": stats.resyncs,
        "disconnected": disconnected,
        "bounds": [round(v) for v in bounds] if bounds else None,
    }
    if args.json:
        print_json(result)
        return 0
    print(f"{pad.description}, {'stopped early' if interrupted else f'{args.seconds:g} s'}:")
    print(f"  packets {stats.packets}, samples {samples} (pen down {sig.point_count}), "
          f"strokes {len(sig.strokes)}")
    print(f"  rejected {stats.rejected}, resyncs {stats.resyncs} "
          f"({stats.dropped_bytes} bytes thrown away)")
    if bounds:
        print(f"  ink from ({bounds[0]:.0f}, {bounds[1]:.0f}) to ({bounds[2]:.0f}, {bounds[3]:.0f}) "
              f"in window {list(pad.window)}")
    if disconnected:
        print("  the port disappeared (pad unplugged?) — these are the counts up to then")
    if samples == 0 and not disconnected:
        print("  nothing arrived: check the protocol, the baud rate and the cable")
    return 0


# -- pad capture ---------------------------------------------------------------------------------


def cmd_capture(args: argparse.Namespace, ctx: CliContext) -> int:
    settings = _settings(args)
    config = _config(args, settings)
    out = Path(args.out)
    if out.is_dir():
        raise InvalidInput(f"{out} is a folder; give a file name for the signature")
    pad = SerialPad(config)
    assembler: StrokeAssembler | None = None
    last_ink = 0.0
    print(f"Sign on the pad ({pad.description}); finishing {args.idle:g} s after the pen lifts.",
          file=sys.stderr)
    with _listening(pad) as events:
        # the window is known once the pad is open (ISDV4 reports its size)
        assembler = StrokeAssembler(pad.window, pad.description)
        give_up = time.monotonic() + args.timeout
        while True:
            now = time.monotonic()
            if assembler.has_ink and now - last_ink >= args.idle:
                break
            if not assembler.has_ink and now >= give_up:
                raise InvalidInput(f"nobody signed within {args.timeout:g} s")
            try:
                kind, item = events.get(timeout=0.05)
            except queue.Empty:
                continue
            if kind == "samples":
                if assembler.extend(item):
                    last_ink = time.monotonic()
            elif _gone(item) and assembler.has_ink:
                assembler.mark_incomplete()
                print("The pad disappeared mid-signature; keeping what arrived (incomplete).",
                      file=sys.stderr)
                break
    sig = assembler.signature()
    gate = settings.signature
    verdict = check_quality(sig, min_strokes=gate.min_strokes, min_points=gate.min_points,
                            min_width_fraction=gate.min_width_fraction)
    if not verdict.ok:
        raise InvalidInput(verdict.reason)
    tmp = out.with_name(out.name + ".tmp")
    try:
        tmp.write_text(sig.to_json(), encoding="utf-8")
        os.replace(tmp, out)
    except OSError as exc:
        raise InvalidInput(f"cannot write {out}: {exc.strerror or exc}") from exc
    print(f"wrote {out}: {len(sig.strokes)} strokes, {sig.point_count} points"
          + (" (incomplete)" if sig.incomplete else ""))
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
        if stats_path is not None and event.get("event") == "signature":
            write_stats(stats_path, sim.stats)

    sim = PadSimulator(args.protocol, rate_hz=args.rate, loop=args.loop, count=args.count,
                       fault=args.fault, link=link, seed=args.seed,
                       replug_after=args.replug_after, short=args.short, on_event=on_event)
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
    return 0
