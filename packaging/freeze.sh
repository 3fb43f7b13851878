#!/usr/bin/env bash
# Freeze Loan Kiosk with PyInstaller: the step every OS's build shares (build-linux.sh,
# build-macos.sh, build-windows.sh call it; bash on Windows is Git Bash).
#
#     bash packaging/freeze.sh
#
# Makes dist/loan-kiosk/ (and on macOS "dist/Loan Kiosk.app") from packaging/loan-kiosk.spec,
# in a virtual environment of its own, build/venv-<os>, holding only what the app needs at run
# time plus PyInstaller (`pip install -e '.[packaging]'`), so test tools can never end up in the
# bundle. The environment is reused until pyproject.toml changes. PYTHON chooses the
# interpreter (3.11+), which is the one frozen into the bundle. Prints the version built.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "freeze: $*" >&2; }

case "$(uname -s)" in
    Darwin*) OS=macos ;;
    MINGW* | MSYS* | CYGWIN*) OS=windows ;;
    *) OS=linux ;;
esac
PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; raise SystemExit(sys.version_info < (3, 11))' 2>/dev/null; then
    log "Loan Kiosk needs Python 3.11 or newer ($PY is $("$PY" --version 2>&1))"
    exit 1
fi

VENV="build/venv-$OS"
VPY="$VENV/bin/python"
[ "$OS" = windows ] && VPY="$VENV/Scripts/python.exe"
stamp="$VENV/.loan-kiosk-packaging-installed"
if [ ! -x "$VPY" ]; then
    log "creating $VENV"
    "$PY" -m venv "$VENV"
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    log "installing Loan Kiosk's run-time dependencies and PyInstaller into $VENV"
    "$VPY" -m pip install -q --upgrade pip >&2
    "$VPY" -m pip install -q -e '.[packaging]' >&2
    touch "$stamp"
fi

log "freezing with PyInstaller (packaging/loan-kiosk.spec)"
started=$SECONDS
rm -rf dist/loan-kiosk "dist/Loan Kiosk.app"
"$VPY" -m PyInstaller --noconfirm --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/loan-kiosk.spec >&2
log "froze in $((SECONDS - started)) s"
"$VPY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])'
