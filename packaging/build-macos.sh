#!/usr/bin/env bash
# Build the macOS app of Loan Kiosk: "dist/Loan Kiosk.app" in a disk image,
# dist/loan-kiosk-<version>-macos-<arch>.dmg (open it, drag Loan Kiosk to Applications).
#
#     bash packaging/build-macos.sh
#
# Runs on macOS only (hdiutil), with Python 3.11+ (python.org's or Homebrew's; PYTHON chooses).
# Freezes with packaging/freeze.sh: the same spec as Linux and Windows, whose BUNDLE step makes
# the .app on macOS. The app inside is the whole of Loan Kiosk: opened from Finder it is the
# desk; its executable, "/Applications/Loan Kiosk.app/Contents/MacOS/loan-kiosk", is the CLI.
# Data lives in ~/Library/Application Support/loan-kiosk, which dragging the app to the Bin
# leaves alone. The app is signed ad hoc only: without an Apple Developer ID and notarisation,
# Gatekeeper asks once (right-click the app, Open). Smoke-test with packaging/smoke-test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "build-macos: $*" >&2; }

if [ "$(uname -s)" != Darwin ]; then
    log "this builds the macOS app and runs only on macOS (hdiutil); on Linux use build-linux.sh"
    exit 1
fi

version=$(bash packaging/freeze.sh)
app="dist/Loan Kiosk.app"
[ -x "$app/Contents/MacOS/loan-kiosk" ] || { log "PyInstaller made no $app"; exit 1; }

# the disk image: the app and a link to /Applications to drag it onto
stage=build/dmg
rm -rf "$stage"
mkdir -p "$stage"
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
dmg="dist/loan-kiosk-$version-macos-$(uname -m).dmg"
rm -f "$dmg"
hdiutil create -volname "Loan Kiosk $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg" >&2
hdiutil verify "$dmg" >&2
log "app: $app ($(du -sh "$app" | cut -f1)); disk image: $dmg ($(du -h "$dmg" | cut -f1))"
