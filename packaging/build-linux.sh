#!/usr/bin/env bash
# Build the Linux bundle of Loan Kiosk: dist/loan-kiosk/ (run dist/loan-kiosk/loan-kiosk; it
# needs no Python), and dist/loan-kiosk-<version>-linux-<arch>.tar.gz to hand out.
#
#     bash packaging/build-linux.sh
#
# Freezes with packaging/freeze.sh (a build venv of run-time dependencies + PyInstaller,
# build/venv-linux; quick when nothing changed). Needs Python 3.11+ with venv, and objdump
# (binutils), which PyInstaller reads shared libraries with: installed with apt-get when
# missing (as root, or with sudo). Smoke-test the result with packaging/smoke-test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "build-linux: $*" >&2; }

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

version=$(bash packaging/freeze.sh)
archive="dist/loan-kiosk-$version-linux-$(uname -m).tar.gz"
rm -f dist/loan-kiosk-*-linux-*.tar.gz
tar -C dist -czf "$archive" loan-kiosk
log "bundle: dist/loan-kiosk/ ($(du -sh dist/loan-kiosk | cut -f1)); to hand out: $archive ($(du -h "$archive" | cut -f1))"
