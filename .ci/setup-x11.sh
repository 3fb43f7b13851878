#!/bin/sh
# Install what the real-keyboard tests need: an X server without a screen (Xvfb), a tool
# that types and clicks on it as a USB scanner and a person do (xdotool), and setxkbmap
# to switch its keyboard layout (x11-xkb-utils; the layouts come with xkb-data).
#
# Run as root. Idempotent: installs only what is missing, and nothing when all is there.
set -eu

log() { echo "setup-x11: $*" >&2; }

need=""
command -v Xvfb >/dev/null 2>&1 || need="$need xvfb"
command -v xdotool >/dev/null 2>&1 || need="$need xdotool"
command -v setxkbmap >/dev/null 2>&1 || need="$need x11-xkb-utils"
[ -f /usr/share/X11/xkb/symbols/de ] || need="$need xkb-data"
if [ -z "$need" ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    log "must run as root to install:$need"
    exit 1
fi
log "installing:$need"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $need >&2
