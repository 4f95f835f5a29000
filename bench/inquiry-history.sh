#!/usr/bin/env bash
# Inquiry history benchmark: a citizen's first page of GET /v1/me/queries, and the store call
# alone, on a fresh embedded PostgreSQL holding ENTRIES audit entries appended through AuditLog,
# one in 100 of them a query about that citizen.
# Usage: bench/inquiry-history.sh [ENTRIES] [RUNS]   (defaults 1000000 200)
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-java-bench.sh" org.consentgateway.audit.InquiryHistoryBench "$@"
