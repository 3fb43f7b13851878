"""``loan-kiosk pad test`` and ``pad capture``: listen to a pad (or replay a recording) and say what arrived.

``pad test`` reports every packet kind the decoder saw and, when something is
wrong, the next thing to check (docs/hardware.md, "When signing does not work").
``--replay FILE`` decodes raw bytes from a file instead of a port, exactly as the
serial reader would; ``--detect`` listens at each likely Topaz framing in turn.
"""

from __future__ import annotations

import argparse
import queue
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.cli.context import CliContext, print_json
from app.config import Paths, Settings, load_settings
from app.devices.isdv4 import TouchReply
from app.devices.line import LineSettings
from app.devices.pad import DecoderStats, PadStatus, PenSample, StatusEvent, StrokeAssembler, Window
from app.devices.pad_config import SerialPadConfig
from app.devices.pad_replay import replay
from app.devices.serial_pad import SerialPad
from app.devices.topaz import DeviceInfo
from app.errors import InvalidInput
from ink.signature import check_quality

Event = tuple[str, Any]


def settings_of(args: argparse.Namespace) -> Settings:
    """The settings file, read without opening the database (pads need no database; ``--demo``:
    the demo school's)."""
    from app.cli.context import chosen_data_dir

    return load_settings(Paths(chosen_data_dir(args)).settings_file)


def config_of(args: argparse.Namespace, settings: Settings) -> SerialPadConfig:
    replaying = getattr(args, "replay", None)
    port = str(replaying) if replaying else args.port or settings.pad.port
    protocol = args.protocol or settings.pad.protocol or ("topaz" if (args.model or
                                                                      settings.pad.model) else "")
    if not port:
        raise InvalidInput("no pad port: give --port, or set pad.port in the settings")
    if not protocol:
        raise InvalidInput("no pad protocol: give --protocol topaz|isdv4 (or --model), or set "
                           "pad.protocol")
    return SerialPadConfig.from_settings(
        settings.pad, port=port, protocol=protocol, baud=args.baud, model=args.model,
        bytesize=args.bytesize, parity=args.parity, stopbits=args.stopbits)


@dataclass
class Heard:
    """What a pad (or a recording) delivered."""

    description: str
    window: Window
    line: LineSettings
    stats: DecoderStats = field(default_factory=DecoderStats)
    assembler: StrokeAssembler | None = None
    samples: int = 0
    bytes: int = 0
    disconnected: bool = False
    interrupted: bool = False
    device_info: DeviceInfo | None = None
    touch: TouchReply | None = None

    def take(self, samples: Sequence[PenSample]) -> int:
        assert self.assembler is not None
        self.samples += len(samples)
        return self.assembler.extend(samples)


def read_replay(config: SerialPadConfig) -> Heard:
    path = Path(config.port)
    try:
        data = sys.stdin.buffer.read() if config.port == "-" else path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror or exc}") from exc
    source = "standard input" if config.port == "-" else path.name
    done = replay(config, data)
    heard = Heard(f"{config.kind()} replayed from {source}", done.window, config.line,
                  done.decoder.stats, StrokeAssembler(done.window, f"{config.kind()} replay"),
                  bytes=len(data), device_info=getattr(done.decoder, "device_info", None),
                  touch=getattr(done.decoder, "touch", None))
    heard.take(done.samples)
    return heard


@contextmanager
def listening(pad: SerialPad) -> Iterator[queue.Queue[Event]]:
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


def gone(event: StatusEvent) -> bool:
    return event.status in (PadStatus.DISCONNECTED, PadStatus.RECONNECTING)


def listen(config: SerialPadConfig, seconds: float) -> Heard:
    pad = SerialPad(config)
    heard = Heard(pad.description, pad.window, pad.line)
    with listening(pad) as events:
        heard.window, heard.line = pad.window, pad.line  # ISDV4: known once it has answered
        heard.assembler = StrokeAssembler(pad.window, pad.description)
        deadline = time.monotonic() + seconds
        try:
            while (left := deadline - time.monotonic()) > 0:
                try:
                    kind, item = events.get(timeout=left)
                except queue.Empty:
                    break
                if kind == "samples":
                    heard.take(item)
                elif gone(item):
                    heard.disconnected = True
                    break
        except KeyboardInterrupt:
            heard.interrupted = True
    # samples that were already on their way when listening stopped still count
    while not heard.disconnected:
        try:
            kind, item = events.get_nowait()
        except queue.Empty:
            break
        if kind == "samples":
            heard.take(item)
    heard.stats, heard.bytes = pad.stats, pad.bytes_read
    heard.device_info, heard.touch = pad.device_info, pad.touch
    return heard


# -- pad test ------------------------------------------------------------------------------------


def cmd_test(args: argparse.Namespace, ctx: CliContext) -> int:
    settings = settings_of(args)
    config = config_of(args, settings)
    if args.detect:
        from app.cli.pad_detect import run_detect

        return run_detect(args, config)
    seconds = 10.0 if args.seconds is None else args.seconds
    heard = read_replay(config) if args.replay else listen(config, seconds)
    result = report(config, heard)
    if args.json:
        print_json(result)
    else:
        when = "replayed" if args.replay else ("stopped early" if heard.interrupted
                                               else f"{seconds:g} s")
        print(f"{heard.description} ({heard.line.label()}), {when}:")
        for line in describe(result, heard):
            print(f"  {line}")
    return 0


def report(config: SerialPadConfig, heard: Heard) -> dict[str, Any]:
    assert heard.assembler is not None
    sig = heard.assembler.signature()
    bounds = sig.bounds()
    st = heard.stats
    info = heard.device_info
    return {
        "port": config.port, "protocol": config.protocol, "model": config.model,
        "line": heard.line.label(), "bytes": heard.bytes,
        "packets": st.packets, "samples": heard.samples, "strokes": len(sig.strokes),
        "points": sig.point_count, "rejected": st.rejected, "resyncs": st.resyncs,
        "pressure": st.pressure, "info": st.info, "replies": st.replies, "noise": st.noise,
        "touch": st.touch, "control": st.control, "eraser": st.eraser, "clamped": st.clamped,
        "disconnected": heard.disconnected,
        "bounds": [round(v) for v in bounds] if bounds else None,
        "window": [round(v) for v in heard.window],
        "device_info": {"model": info.model, "serial": info.serial} if info else None,
        "touch_panel": heard.touch.describe() if heard.touch else None,
    }


def describe(r: dict[str, Any], heard: Heard) -> list[str]:
    """The report in words, then what to check next if something looks wrong."""
    lines = [f"bytes {r['bytes']}, packets {r['packets']}, samples {r['samples']} "
             f"(pen down {r['points']}), strokes {r['strokes']}"]
    if r["protocol"] == "topaz":
        lines.append(f"skipped: pressure {r['pressure']}, device info {r['info']}, "
                     f"command replies {r['replies']}; line noise dropped {r['noise']}")
        if r["device_info"]:
            lines.append(f"the pad says: model {r['device_info']['model']}, serial "
                         f"{r['device_info']['serial']}")
    else:
        lines.append(f"skipped: touch {r['touch']}, control {r['control']}; eraser samples "
                     f"{r['eraser']} (no ink); beyond the pad's maximum {r['clamped']} (clamped)")
        lines.append(f"touch panel: {r['touch_panel'] or 'none reported'}")
    lines.append(f"rejected {r['rejected']}, resyncs {r['resyncs']} "
                 f"({heard.stats.dropped_bytes} bytes thrown away)")
    if r["bounds"]:
        b = r["bounds"]
        lines.append(f"ink from ({b[0]}, {b[1]}) to ({b[2]}, {b[3]}) in window {r['window']}")
    if r["disconnected"]:
        lines.append("the port disappeared (pad unplugged?) — these are the counts up to then")
    return lines + advice(r)


def advice(r: dict[str, Any]) -> list[str]:
    """The troubleshooting path (docs/hardware.md), one step at a time."""
    samples, errors = r["samples"], r["resyncs"] + r["rejected"]
    topaz = r["protocol"] == "topaz"
    if r["bytes"] == 0 and not r["disconnected"]:
        return ["nothing arrived: move the pen over the pad while it listens; check the cable, "
                "the port (pad list) and, for pads powered by the port, pad.dtr/pad.rts"]
    if samples == 0 and topaz and (r["replies"] or r["info"]):
        return ["the pad answers but sends no pen data: the parity is likely wrong (8N1 on an "
                "odd-parity pad) — run: loan-kiosk pad test --detect"]
    if errors > max(3, samples // 10):
        return ["many bytes did not make packets: the line framing (speed, data bits, parity) "
                "or the protocol is wrong" + (" — run: loan-kiosk pad test --detect" if topaz
                                              else "")]
    if samples == 0:
        return ["bytes arrived but no pen packets: check the protocol (topaz or isdv4)"]
    if r["noise"] > samples // 20:
        return ["much line noise: try another cable or USB port, away from power supplies"]
    if r["bounds"]:
        b, w = r["bounds"], r["window"]
        if b[0] < w[0] or b[1] < w[1] or b[2] > w[2] or b[3] > w[3]:
            return ["ink reaches outside the window: set pad.model to the pad's model, or "
                    "pad.window to the ink bounds you see when signing into the corners"]
    return []


# -- pad capture ---------------------------------------------------------------------------------


def cmd_capture(args: argparse.Namespace, ctx: CliContext) -> int:
    settings = settings_of(args)
    config = config_of(args, settings)
    out = Path(args.out)
    if out.is_dir():
        raise InvalidInput(f"{out} is a folder; give a file name for the signature")
    assembler = read_replay(config).assembler if args.replay else _capture_live(config, args)
    assert assembler is not None
    sig = assembler.signature()
    gate = settings.signature
    verdict = check_quality(sig, min_strokes=gate.min_strokes, min_points=gate.min_points,
                            min_width_fraction=gate.min_width_fraction)
    if not verdict.ok:
        raise InvalidInput(verdict.reason)
    from app.services.documents import write_output

    write_output(out, sig.to_json().encode("utf-8"), overwrite=args.force)
    print(f"wrote {out}: {len(sig.strokes)} strokes, {sig.point_count} points"
          + (" (incomplete)" if sig.incomplete else ""))
    return 0


def _capture_live(config: SerialPadConfig, args: argparse.Namespace) -> StrokeAssembler:
    pad = SerialPad(config)
    last_ink = 0.0
    print(f"Sign on the pad ({pad.description}); finishing {args.idle:g} s after the pen lifts.",
          file=sys.stderr)
    with listening(pad) as events:
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
            elif gone(item) and assembler.has_ink:
                assembler.mark_incomplete()
                print("The pad disappeared mid-signature; keeping what arrived (incomplete).",
                      file=sys.stderr)
                break
    return assembler
