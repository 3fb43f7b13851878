"""``loan-kiosk pad test --detect``: which line framing makes a Topaz pad's bytes into pen packets."""

from __future__ import annotations

import argparse

from app.cli.context import print_json
from app.devices.line import PARITY_WORDS
from app.devices.pad_config import SerialPadConfig
from app.devices.pad_detect import FramingResult, best, detect
from app.devices.topaz_models import find_model
from app.errors import InvalidInput

DEFAULT_SECONDS = 2.0  # per framing


def run_detect(args: argparse.Namespace, config: SerialPadConfig) -> int:
    if args.replay:
        raise InvalidInput("--detect listens to a port; a recording has no line framing to find")
    if config.protocol != "topaz":
        raise InvalidInput("--detect is for Topaz pads; an ISDV4 pad answers the start-up query "
                           "itself (pad test tries 38400, then 19200 baud)")
    seconds = DEFAULT_SECONDS if args.seconds is None else args.seconds
    if not args.json:
        print(f"Listening on {config.port} for {seconds:g} s at each framing. Keep moving the pen "
              "over the pad (hovering is enough) until this finishes.")

    def show(result: FramingResult) -> None:
        if args.json:
            return
        models = ", ".join(find_model(k).name for k in result.models) or "-"
        verdict = "pen packets" if result.valid else (result.error or "no valid pen packets")
        print(f"  {result.line.label():<11} pen packets {result.stats.samples:>4}, "
              f"errors {result.errors:>4}  {verdict}  ({models})")

    results = detect(config.port, seconds, on_result=show, dtr=config.dtr, rts=config.rts)
    found = best(results)
    if args.json:
        print_json({"port": config.port, "seconds": seconds,
                    "framings": [r.to_dict() for r in results],
                    "best": found.to_dict() if found is not None else None})
        return 0 if found is not None else 1
    if found is None:
        print("No framing gave valid pen packets. Was the pen moving over the pad? Is this the "
              "pad's port (loan-kiosk pad list)? Check the cable, and pad.dtr / pad.rts.")
        return 1
    line = found.line
    print(f"The pad talks {line.label()}.")
    if found.models:
        names = " or ".join(f'model = "{k}"' for k in found.models)
        print(f"Put in settings.toml under [pad]: {names} (whichever is the pad's model).")
    print(f"Or set the line itself: baud = {line.baud}, bytesize = {line.bytesize}, "
          f'parity = "{PARITY_WORDS[line.parity]}", stopbits = {line.stopbits:g}.')
    return 0
