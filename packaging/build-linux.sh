#!/usr/bin/env bash
# Build the Linux bundle of Loan Kiosk: dist/loan-kiosk/ (run dist/loan-kiosk/loan-kiosk; it
# needs no Python), and dist/loan-kiosk-<version>-linux-<arch>.tar.gz to hand out.
#
#     bash packaging/build-linux.sh
#
# It builds in a virtual environment of its own (build/venv-linux) holding only what the app
# needs at run time plus PyInstaller (`pip install -e '.[packaging]'`), as the Windows and
# macOS builds do, so test tools in .venv can never end up in the bundle. Quick when nothing
# changed: the environment is reused until pyproject.toml changes. Needs Python 3.11+ with
# venv, and objdump (binutils; installed with apt-get when missing, as root or with sudo).
# Set PYTHON to choose the interpreter (it is the one frozen into the bundle).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "build-linux: $*" >&2; }

PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; raise SystemExit(sys.version_info < (3, 11))' 2>/dev/null; then
    log "Loan Kiosk needs Python 3.11 or newer ($PY is $("$PY" --version 2>&1))"
    exit 1
fi

# PyInstaller reads shared libraries' dependencies with objdump (binutils)
if ! command -v objdump >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
            log "please install binutils (objdump), as root"; exit 1; fi
    fi
    log "installing binutils (objdump)"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq >&2
    $SUDO apt-get install -y -qq --no-install-recommends binutils >/dev/null
fi

VENV=build/venv-linux
stamp="$VENV/.loan-kiosk-packaging-installed"
if [ ! -x "$VENV/bin/python" ]; then
    log "creating $VENV"
    "$PY" -m venv "$VENV"
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    log "installing Loan Kiosk's run-time dependencies and PyInstaller into $VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip >&2
    "$VENV/bin/python" -m pip install -q -e '.[packaging]' >&2
    touch "$stamp"
fi

log "freezing with PyInstaller (packaging/loan-kiosk.spec)"
started=$SECONDS
rm -rf dist/loan-kiosk
"$VENV/bin/python" -m PyInstaller --noconfirm --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/loan-kiosk.spec
log "froze in $((SECONDS - started)) s"

version=$("$VENV/bin/python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
archive="dist/loan-kiosk-$version-linux-$(uname -m).tar.gz"
tar -C dist -czf "$archive" loan-kiosk
log "bundle: dist/loan-kiosk/ ($(du -sh dist/loan-kiosk | cut -f1)); to hand out: $archive ($(du -h "$archive" | cut -f1))"
