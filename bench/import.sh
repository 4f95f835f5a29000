#!/usr/bin/env bash
# Generates N synthetic subjects and imports them into a fresh embedded PostgreSQL, timing both.
# Usage: bench/import.sh [SUBJECTS]   (default 100000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
subjects="${1:-100000}"
work="$(mktemp -d /tmp/gateway-bench-XXXXXX)"
chmod 755 "$work"   # the embedded PostgreSQL runs as an unprivileged user when we are root
trap 'rm -rf "$work"' EXIT
export GATEWAY_DATA_DIR="$work/data"
export GATEWAY_DB_EMBEDDED_PORT="${GATEWAY_DB_EMBEDDED_PORT:-54399}"
unset GATEWAY_DB_URL

# Wall time and peak memory with GNU time when installed (Debian: package "time"), else bash's own timer.
timed() {
  local label="$1"; shift
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f "$label: %e s wall, %M KiB max RSS" "$@"
  else
    local TIMEFORMAT="$label: %R s wall"
    time "$@"
  fi
}

./gateway --version >/dev/null   # builds the jar if needed, outside the timings
echo "== generate $subjects subjects"
timed generate ./gateway records generate --subjects "$subjects" --seed 1 \
  --as-of 2026-11-01 --out "$work/subjects.jsonl"
ls -l "$work/subjects.jsonl" | awk '{printf "file: %.1f MB\n", $5/1048576}'
echo "== migrate (initialises the database cluster first, so the import timing leaves out initdb)"
./gateway db migrate
echo "== import"
timed "import (whole command: JVM start, PostgreSQL start and stop included)" ./gateway records import "$work/subjects.jsonl"
