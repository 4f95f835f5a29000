#!/usr/bin/env bash
# Statistics benchmark (issue 14): fills a log of ENTRIES synthetic entries, times the follower
# catching up (entries/s), times GET /v1/audit/stats pages (p50/p99) over a week, a month and a
# year, and measures durable appends/s with the follower off and on, as a ratio, in one run (after an untimed
# warm-up, PAIRS times).
# Usage: bench/audit-stats.sh [ENTRIES] [APPEND_ENTRIES] [PAGES] [PAIRS]   (defaults 10000000 200000 200 2; 0 skips that part)
# With BENCH_DATA_DIR the database is kept there and a later run resumes it: fill once, time later, e.g.
#   BENCH_DATA_DIR=/var/tmp/stats bench/audit-stats.sh 10000000 0 0   then   BENCH_DATA_DIR=/var/tmp/stats bench/audit-stats.sh
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-java-bench.sh" org.consentgateway.supervision.AuditStatsBench "$@"
