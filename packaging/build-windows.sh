#!/usr/bin/env bash
# Build the Windows installer of Loan Kiosk: dist/loan-kiosk/ (loan-kiosk.exe and _internal\),
# then dist/loan-kiosk-<version>-windows-x64-setup.exe from packaging/windows/loan-kiosk.iss.
#
#     bash packaging/build-windows.sh        (in Git Bash)
#
# Runs on Windows only, with Python 3.11+ (PYTHON chooses; default python) and Inno Setup 6
# (ISCC.exe on PATH, or where its installer puts it; `choco install innosetup`). Freezes with
# packaging/freeze.sh: the same spec as Linux and macOS. Smoke-test with packaging/smoke-test.sh,
# on dist/loan-kiosk/loan-kiosk.exe or on the installed "C:\Program Files\Loan Kiosk\loan-kiosk.exe".
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "build-windows: $*" >&2; }

case "$(uname -s)" in
    MINGW* | MSYS* | CYGWIN*) ;;
    *) log "this builds the Windows installer and runs only on Windows (Git Bash)"; exit 1 ;;
esac

ISCC=$(command -v iscc || command -v ISCC.exe || true)
if [ -z "$ISCC" ]; then
    for guess in "/c/Program Files (x86)/Inno Setup 6/ISCC.exe" "/c/Program Files/Inno Setup 6/ISCC.exe"; do
        if [ -x "$guess" ]; then ISCC=$guess; break; fi
    done
fi
[ -n "$ISCC" ] || { log "Inno Setup 6 is needed (ISCC.exe): https://jrsoftware.org/isinfo.php or choco install innosetup"; exit 1; }

export PYTHON="${PYTHON:-python}"
version=$(bash packaging/freeze.sh | tr -d '\r')
[ -x dist/loan-kiosk/loan-kiosk.exe ] || { log "PyInstaller made no dist/loan-kiosk/loan-kiosk.exe"; exit 1; }

rm -f dist/loan-kiosk-*-windows-*-setup.exe
# (//: Git Bash would turn a lone /Q into a path)
"$ISCC" //Q "//DAppVersion=$version" packaging/windows/loan-kiosk.iss >&2
setup="dist/loan-kiosk-$version-windows-x64-setup.exe"
[ -f "$setup" ] || { log "Inno Setup made no $setup"; exit 1; }
log "bundle: dist/loan-kiosk/ ($(du -sh dist/loan-kiosk | cut -f1)); installer: $setup ($(du -h "$setup" | cut -f1))"
