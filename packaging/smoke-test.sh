#!/usr/bin/env bash
# Smoke-test a frozen Loan Kiosk the way a technician meets it: nothing but the bundle.
#
#     bash packaging/smoke-test.sh [EXECUTABLE]
#
# EXECUTABLE defaults to the build's: dist/loan-kiosk/loan-kiosk (Linux),
# dist/loan-kiosk/loan-kiosk.exe (Windows), "dist/Loan Kiosk.app/Contents/MacOS/loan-kiosk"
# (macOS). Every run of it gets a bare environment (env -i: system PATH only, a scratch HOME,
# its own data directory), so no Python, virtual environment or project file can help it.
#
# It checks, in order: --version; init (the migrations run from inside the bundle);
# demo-data; whois on an asset and a person; the pad tools (pad list; on Linux a simulated
# Topaz pad on a pseudo-terminal signed into `pad capture`, elsewhere a signature file);
# a leaver return that renders the signed receipt, and `receipt verify` of that PDF; the
# receipt printed to the CUPS PDF queue through each backend (lp, and Qt's print support
# offscreen), arriving as a PDF; audit verify; and the desk,
# offscreen, up to its sign-in screen with the database open (`--smoke-test`), on a new
# data directory and on the demo one (and under Xvfb with the xcb platform, when Xvfb is
# installed). Then it reports the bundle's size and start times, beside a source install's.
#
# Environment:
#   LOAN_KIOSK_TEST_PRINTER, LOAN_KIOSK_TEST_PRINTER_OUT   the CUPS PDF queue and where its
#       PDFs land (what .ci/setup-cups.sh prints); without them the print check is skipped,
#       and under LOAN_KIOSK_REQUIRE_ALL=1 that skip is a failure (as .ci/run sets).
#   LOAN_KIOSK_SMOKE_SOURCE   a source install's loan-kiosk (e.g. .venv/bin/loan-kiosk): its
#       size and start times are reported beside the bundle's.
#   LOAN_KIOSK_SMOKE_KEEP=1   keep the scratch folder (data, receipt, screenshots) and say where.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

case "$(uname -s)" in
    Linux*) OS=linux ;;
    Darwin*) OS=macos ;;
    MINGW* | MSYS* | CYGWIN*) OS=windows ;;
    *) OS=other ;;
esac
case "$OS" in
    windows) DEFAULT_BIN=dist/loan-kiosk/loan-kiosk.exe ;;
    macos) DEFAULT_BIN="dist/Loan Kiosk.app/Contents/MacOS/loan-kiosk" ;;
    *) DEFAULT_BIN=dist/loan-kiosk/loan-kiosk ;;
esac
BIN="${1:-$DEFAULT_BIN}"
case "$BIN" in /* | [A-Za-z]:*) ;; *) BIN="$ROOT/$BIN" ;; esac
if [ ! -x "$BIN" ]; then
    echo "smoke-test: no bundle at $BIN; build it first (bash packaging/build-$OS.sh)" >&2
    exit 1
fi

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/loan-kiosk-smoke.XXXXXX")
PIDS=()  # background processes this script started, ended on exit
cleanup() {
    local pid
    for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill "$pid" 2>/dev/null || true; done
    if [ "${LOAN_KIOSK_SMOKE_KEEP:-}" = 1 ]; then
        echo "smoke-test: kept $SCRATCH"
    else
        rm -rf "$SCRATCH"
    fi
}
trap cleanup EXIT
mkdir -p "$SCRATCH/home" "$SCRATCH/tmp"

# paths handed to the executable: native ones on Windows (Git Bash passes /c/... otherwise)
native() { if [ "$OS" = windows ]; then cygpath -w "$1"; else printf '%s\n' "$1"; fi; }
DATA=$(native "$SCRATCH/data")
FRESH=$(native "$SCRATCH/fresh")

# -- the bare environment every run gets ---------------------------------------------------------
CLEAN_ENV=(env -i "HOME=$(native "$SCRATCH/home")" "TMPDIR=$(native "$SCRATCH/tmp")"
           "QT_QPA_PLATFORM=offscreen" "LOAN_KIOSK_DATA_DIR=$DATA")
case "$OS" in
    windows)  # the least a Windows program needs to start; per-user folders in the scratch dir
        CLEAN_ENV+=("PATH=/c/Windows/System32:/c/Windows" "SYSTEMROOT=${SYSTEMROOT:-C:\\Windows}"
                    "WINDIR=${WINDIR:-C:\\Windows}" "TEMP=$(native "$SCRATCH/tmp")"
                    "TMP=$(native "$SCRATCH/tmp")" "USERPROFILE=$(native "$SCRATCH/home")"
                    "APPDATA=$(native "$SCRATCH/home")" "LOCALAPPDATA=$(native "$SCRATCH/home")"
                    "USERNAME=smoke-test") ;;
    *) CLEAN_ENV+=("PATH=/usr/bin:/bin:/usr/sbin:/sbin") ;;
esac

# Who the CLI acts as: every command that is not open without a PIN (README, "Signing in at
# the command line") goes through lk_write, signed in as the demo school's technician (a new
# database runs as the bootstrap admin until demo-data registers them).
TECH_ARGS=(--technician demo)
TECH_ENV=(LOAN_KIOSK_PIN=123456)

lk() { "${CLEAN_ENV[@]}" "$BIN" "$@"; }
lk_write() { "${CLEAN_ENV[@]}" "${TECH_ENV[@]+"${TECH_ENV[@]}"}" "$BIN" "$@" "${TECH_ARGS[@]}"; }

# -- reporting -----------------------------------------------------------------------------------
now_ms() {
    if [ -n "${EPOCHREALTIME:-}" ]; then
        local t=${EPOCHREALTIME/,/.}
        echo $(( ${t%.*} * 1000 + 10#$(printf '%.3s' "${t#*.}") ))
    else
        perl -MTime::HiRes=time -e 'printf("%d\n", time() * 1000)'
    fi
}
seconds() { printf '%d.%02d' $(($1 / 1000)) $(($1 % 1000 / 10)); }  # ms -> "1.23"

PASSED=0
STARTED=$(now_ms)
OUT="$SCRATCH/out.txt"
ERR="$SCRATCH/err.txt"

fail() {
    echo "smoke-test: FAILED: $*" >&2
    for f in "$OUT" "$ERR"; do
        [ -s "$f" ] && { echo "--- ${f##*/}:" >&2; tail -n 30 "$f" >&2; }
    done
    exit 1
}

# check NAME COMMAND...: run it (stdout to $OUT, stderr to $ERR), which must exit 0
LAST_MS=0
check() {
    local name=$1 t0 rc=0
    shift
    t0=$(now_ms)
    "$@" >"$OUT" 2>"$ERR" || rc=$?
    LAST_MS=$(( $(now_ms) - t0 ))
    [ "$rc" -eq 0 ] || fail "$name (exit status $rc)"
    PASSED=$((PASSED + 1))
    echo "smoke-test: ok   $name ($(seconds "$LAST_MS") s)"
}
expect() {  # expect TEXT: the last check printed TEXT
    grep -qF -- "$1" "$OUT" || fail "expected '$1' in the output"
}
skip() {
    if [ "${LOAN_KIOSK_REQUIRE_ALL:-}" = 1 ]; then fail "$1 cannot run: $2"; fi
    echo "smoke-test: SKIP $1: $2"
}
json_field() {  # json_field KEY: the first "KEY": "value" in the last output
    grep -o "\"$1\": *\"[^\"]*\"" "$OUT" | head -n 1 | sed 's/.*: *"\(.*\)"/\1/'
}

echo "smoke-test: $BIN ($OS), scratch $SCRATCH"

# -- the CLI -------------------------------------------------------------------------------------
check "--version" lk --version
expect "loan-kiosk "
VERSION_MS=$LAST_MS
check "init (migrations from inside the bundle)" lk_write init
expect "schema "
check "demo-data" lk_write demo-data
expect "demo school ready"
check "whois an asset" lk whois LT-0001 --json
expect '"type": "asset"'
check "leaver list" lk_write leaver list --days 365 --json
LEAVER=$(json_field staff_code)
[ -n "$LEAVER" ] || fail "the demo school has nobody leaving"
check "whois a person ($LEAVER)" lk whois "$LEAVER" --json
expect '"type": "person"'

# -- the pad tools (pyserial, the protocol decoders) ---------------------------------------------
check "pad list (serial ports)" lk pad list
SIG="$SCRATCH/signature.json"
if [ "$OS" = linux ]; then
    # a simulated Topaz pad on a pseudo-terminal; pad capture reads a signature from it
    "${CLEAN_ENV[@]}" "$BIN" pad simulate --protocol topaz --short --seed 22 \
        >"$SCRATCH/pad.out" 2>"$SCRATCH/pad.err" &
    PIDS+=($!)
    for _ in $(seq 100); do [ -s "$SCRATCH/pad.out" ] && break; sleep 0.1; done
    PORT=$(head -n 1 "$SCRATCH/pad.out")
    case "$PORT" in /dev/*) ;; *) OUT="$SCRATCH/pad.out" ERR="$SCRATCH/pad.err"
                                   fail "pad simulate did not say its port" ;; esac
    check "pad capture from a simulated Topaz pad" \
        lk_write pad capture --port "$PORT" --protocol topaz --out "$(native "$SIG")" --timeout 60
    expect "strokes"
else
    # no pseudo-terminals for the simulator here: a signature as a pad would give it
    cat >"$SIG" <<'EOF'
{"version": 1, "strokes": [[[0, 600, 500, 0.5], [10, 900, 700, 0.5], [20, 1400, 900, 0.5]],
 [[30, 700, 600, 0.4], [40, 1200, 650, 0.4], [50, 1800, 700, 0.4]]],
 "window": [500, 400, 2650, 2100], "device": "smoke-test"}
EOF
fi

# -- a leaver return: the signed receipt, rendered and verified ----------------------------------
RECEIPT_PDF="$SCRATCH/receipt.pdf"
check "leaver return $LEAVER (signed receipt)" lk_write leaver return "$LEAVER" \
    --signature "$(native "$SIG")" --out "$(native "$RECEIPT_PDF")" --json
NUMBER=$(json_field receipt)
[ -n "$NUMBER" ] && [ -s "$RECEIPT_PDF" ] || fail "no receipt came out of the leaver return"
check "receipt verify $NUMBER" lk_write receipt verify "$(native "$RECEIPT_PDF")"
expect "matches the record"

# -- printing to the CUPS PDF queue, through each backend ----------------------------------------
QUEUE="${LOAN_KIOSK_TEST_PRINTER:-}"
SPOOL="${LOAN_KIOSK_TEST_PRINTER_OUT:-}"
# print_check BACKEND: print the receipt through CUPS's lp or Qt's print support (the Qt plugin,
# QtPrintSupport and PDFium must be in the bundle) and wait for it to come out of the queue
print_check() {
    local backend=$1 printed="" done_ids name id
    ls "$SPOOL" >"$SCRATCH/spool.before" 2>/dev/null || true
    check "receipt print $NUMBER to $QUEUE through $backend" lk_write receipt print "$NUMBER" \
        --printer "$QUEUE" --copies 1 --backend "$backend"
    expect "sent to printer '$QUEUE'"
    # the PDF of a new, completed CUPS job (cups-pdf names it <title>-job_<id>.pdf, the title
    # naming the receipt) that shows this receipt; other jobs on a shared queue are passed over.
    # A page printed through Qt is an image: its file name says which receipt it is.
    for _ in $(seq 240); do
        done_ids=" $(lpstat -W completed -o "$QUEUE" 2>/dev/null | awk '{print $1}' | sed 's/.*-//' | tr '\n' ' ')"
        for name in $(ls "$SPOOL" 2>/dev/null | grep -vxF -f "$SCRATCH/spool.before" | grep -- '-job_[0-9]*\.pdf$' || true); do
            id=${name##*-job_}; id=${id%.pdf}
            case "$done_ids" in *" $id "*) ;; *) continue ;; esac
            head -c 5 "$SPOOL/$name" | grep -q '%PDF-' || fail "$SPOOL/$name is not a PDF"
            case "$name" in *"$NUMBER"*) printed=$name; break 2 ;; esac
            if [ "$backend" = cups ] && { ! command -v pdftotext >/dev/null 2>&1 \
                    || pdftotext "$SPOOL/$name" - | grep -qF "$NUMBER"; }; then
                printed=$name
                break 2
            fi
        done
        sleep 0.25
    done
    [ -n "$printed" ] || fail "no PDF of $NUMBER arrived in $SPOOL from the print queue $QUEUE within a minute ($backend)"
    PASSED=$((PASSED + 1))
    echo "smoke-test: ok   the print through $backend arrived: $SPOOL/$printed"
}
if [ -z "$QUEUE" ] || [ -z "$SPOOL" ]; then
    skip "print to a CUPS queue" "LOAN_KIOSK_TEST_PRINTER / LOAN_KIOSK_TEST_PRINTER_OUT not set (.ci/setup-cups.sh)"
else
    print_check cups
    print_check qt
fi

check "audit verify" lk audit verify
expect "audit log intact"

# -- the desk, offscreen, up to its sign-in screen -----------------------------------------------
desk() {  # desk DATA_DIR [PNG] [extra env...]: start the desk, wait for --smoke-test's verdict
    local data=$1 png=${2:-}
    shift 2 || shift $#
    local args=(--data-dir "$data" --smoke-test)
    [ -z "$png" ] || args+=(--smoke-screenshot "$(native "$png")")
    "${CLEAN_ENV[@]}" "$@" "$BIN" "${args[@]}"
}
# A source install, when given, starts right after each bundle start (the same data), so the
# two are timed under the same load on a shared machine.
SOURCE="${LOAN_KIOSK_SMOKE_SOURCE:-}"
[ -z "$SOURCE" ] || [ -x "$SOURCE" ] || fail "LOAN_KIOSK_SMOKE_SOURCE=$SOURCE is not an executable"
source_ms() {  # source_ms ARGS...: how long the source install's loan-kiosk takes, in ms
    local t0
    t0=$(now_ms)
    "${CLEAN_ENV[@]}" "$SOURCE" "$@" >"$OUT" 2>"$ERR" || fail "the source install failed: $SOURCE $*"
    echo $(( $(now_ms) - t0 ))
}
[ -z "$SOURCE" ] || SRC_VERSION_MS=$(source_ms --version)

check "desk, first start on a new data directory" desk "$FRESH" "$SCRATCH/desk-first-run.png"
expect "smoke-test: ok: the sign-in screen is up (create the first admin) and the database is open"
FIRST_MS=$LAST_MS
[ -z "$SOURCE" ] || SRC_FIRST_MS=$(source_ms --data-dir "$(native "$SCRATCH/source-fresh")" --smoke-test)
DESK_MS=()
SRC_MS=()
for i in 1 2 3 4 5; do
    check "desk start $i on the demo school" desk "$DATA" "$SCRATCH/desk-$i.png"
    expect "smoke-test: ok: the sign-in screen is up (sign in) and the database is open"
    DESK_MS+=("$LAST_MS")
    [ -z "$SOURCE" ] || SRC_MS+=("$(source_ms --data-dir "$DATA" --smoke-test)")
done
if [ "$OS" = linux ]; then
    if command -v Xvfb >/dev/null 2>&1; then
        # a display of our own (Xvfb picks a free number and writes it to fd 3)
        Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp 3>"$SCRATCH/display" 2>"$SCRATCH/xvfb.err" &
        PIDS+=($!)
        for _ in $(seq 100); do [ -s "$SCRATCH/display" ] && break; sleep 0.1; done
        [ -s "$SCRATCH/display" ] || { ERR="$SCRATCH/xvfb.err"; fail "Xvfb did not start"; }
        check "desk on X11 (the xcb platform, under Xvfb)" \
            desk "$DATA" "$SCRATCH/desk-x11.png" "QT_QPA_PLATFORM=xcb" "DISPLAY=:$(head -n 1 "$SCRATCH/display")"
        expect "smoke-test: ok: the sign-in screen is up (sign in) and the database is open"
    else
        echo "smoke-test: note: no Xvfb here, so the desk was not started on X11 (xcb)"
    fi
fi

# -- what it weighs and how fast it starts, beside a source install -----------------------------
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
BUNDLE_DIR=$(dirname "$BIN")
[ "$OS" = macos ] && BUNDLE_DIR=$(cd "$BUNDLE_DIR/../.." && pwd)  # the whole .app
BUNDLE_KB=$(du -sk "$BUNDLE_DIR" | cut -f1)
ARCHIVE=$(ls "$ROOT"/dist/loan-kiosk-*.tar.gz "$ROOT"/dist/*.dmg "$ROOT"/dist/*setup*.exe 2>/dev/null | head -n 1 || true)

if [ -n "$SOURCE" ]; then
    SRC_PY="$(dirname "$SOURCE")/python"
    [ -x "$SRC_PY" ] || SRC_PY="$(dirname "$SOURCE")/python.exe"
    eval "$("$SRC_PY" "$ROOT/packaging/source_size.py")"  # deps_kb= app_kb= python_kb=
fi

mb() { printf '%d MB' $(( ($1 + 512) / 1024 )); }
row() { printf '  %-34s %-22s %s\n' "$1" "$2" "$3"; }
echo
echo "smoke-test: every check passed on $OS, in $(seconds $(( $(now_ms) - STARTED ))) s"
row "" "frozen bundle" "${SOURCE:+source install ($SOURCE)}"
if [ -n "$SOURCE" ]; then
    row "size on disk" "$(mb "$BUNDLE_KB")" \
        "$(mb "$deps_kb") dependencies + $(mb "$app_kb") Loan Kiosk + $(mb "$python_kb") Python"
else
    row "size on disk" "$(mb "$BUNDLE_KB")" ""
fi
[ -z "$ARCHIVE" ] || row "download, compressed" "$(mb "$(du -k "$ARCHIVE" | cut -f1)") (${ARCHIVE##*/})" ""
row "loan-kiosk --version" "$(seconds "$VERSION_MS") s" "${SOURCE:+$(seconds "${SRC_VERSION_MS:-0}") s}"
row "desk up, first start (new data)" "$(seconds "$FIRST_MS") s" "${SOURCE:+$(seconds "${SRC_FIRST_MS:-0}") s}"
row "desk up, median of 5 (demo data)" "$(seconds "$(median "${DESK_MS[@]}")") s" \
    "${SOURCE:+$(seconds "$(median "${SRC_MS[@]}")") s}"
echo "  (desk up: from starting the process to the sign-in screen shown with the database open and"
echo "   the document machinery loaded, offscreen; files as the build left them in the page cache)"
echo "smoke-test: $PASSED passed, 0 failed"
