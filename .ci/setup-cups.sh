#!/bin/sh
# Set up a real CUPS print queue that writes PDFs, for the printing tests.
#
# Run as root. Idempotent: safe to run again (installs nothing twice, starts
# cupsd only if it is not running, re-creates nothing that is already there).
# Works without systemd (containers, CI runners).
#
# On success it prints, on stdout, the lines to eval:
#   export LOAN_KIOSK_TEST_PRINTER=LoanKioskPDF
#   export LOAN_KIOSK_TEST_PRINTER_OUT=/var/spool/cups-pdf/loan-kiosk
# e.g.  eval "$(.ci/setup-cups.sh)"
set -eu

QUEUE="${LOAN_KIOSK_CUPS_QUEUE:-LoanKioskPDF}"
OUT_DIR="${LOAN_KIOSK_CUPS_OUT:-/var/spool/cups-pdf/loan-kiosk}"
CONF=/etc/cups/cups-pdf.conf

log() { echo "setup-cups: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
    log "must run as root (it installs packages and configures CUPS)"
    exit 1
fi

# 1. packages
need=""
command -v cupsd >/dev/null 2>&1 || need="$need cups"
command -v lpstat >/dev/null 2>&1 || need="$need cups-client"
[ -x /usr/lib/cups/backend/cups-pdf ] || need="$need printer-driver-cups-pdf"
command -v pdftoppm >/dev/null 2>&1 || need="$need poppler-utils"
if [ -n "$need" ]; then
    log "installing:$need"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # shellcheck disable=SC2086
    apt-get install -y -qq $need >&2
fi

# 2. where cups-pdf writes: one known directory for every user (and anonymous jobs);
#    label each file with its CUPS job id so every job gives a distinct file.
mkdir -p "$OUT_DIR"
chmod 1777 "$OUT_DIR"
set_conf() {  # set_conf KEY VALUE: replace the (possibly commented) KEY line, or append it
    if grep -Eq "^[#[:space:]]*$1[[:space:]]" "$CONF"; then
        sed -i -E "s|^[#[:space:]]*$1[[:space:]].*|$1 $2|" "$CONF"
    else
        echo "$1 $2" >>"$CONF"
    fi
}
if [ -f "$CONF" ]; then
    set_conf Out "$OUT_DIR"
    set_conf AnonDirName "$OUT_DIR"
    set_conf Label 2
else
    log "warning: $CONF not found; cups-pdf keeps its default output directory"
fi

# 3. the scheduler, without systemd
if ! lpstat -r 2>/dev/null | grep -q "is running"; then
    if pgrep -x cupsd >/dev/null 2>&1; then
        log "cupsd is running but not answering yet"
    else
        log "starting cupsd"
        mkdir -p /run/cups
        /usr/sbin/cupsd  # forks into the background
    fi
fi
i=0
until lpstat -r 2>/dev/null | grep -q "is running"; do
    i=$((i + 1))
    if [ "$i" -gt 50 ]; then
        log "cupsd did not come up within 10 s"
        exit 1
    fi
    sleep 0.2
done

# 4. the PDF queue
if ! lpstat -p "$QUEUE" >/dev/null 2>&1; then
    ppd=$(lpinfo -m 2>/dev/null | grep -i "cups-pdf" | grep -iv noopt | head -n 1 | cut -d' ' -f1)
    [ -n "$ppd" ] || ppd=$(lpinfo -m 2>/dev/null | grep -i pdf | head -n 1 | cut -d' ' -f1)
    if [ -z "$ppd" ]; then
        log "no PDF printer model found (lpinfo -m); is printer-driver-cups-pdf installed?"
        exit 1
    fi
    log "adding queue $QUEUE (model $ppd)"
    lpadmin -p "$QUEUE" -E -v cups-pdf:/ -m "$ppd" -D "Loan Kiosk test PDF printer"
fi
cupsenable "$QUEUE"
cupsaccept "$QUEUE"

log "queue $QUEUE is ready; PDFs appear in $OUT_DIR"
echo "export LOAN_KIOSK_TEST_PRINTER=$QUEUE"
echo "export LOAN_KIOSK_TEST_PRINTER_OUT=$OUT_DIR"
