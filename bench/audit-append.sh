#!/usr/bin/env bash
# Audit log benchmark: durable group-committed appends per second, the naive one-transaction-per-entry
# baseline in the same run, and proof latency at 1,000,000 entries, on a fresh embedded PostgreSQL
# with its default durability (fsync and synchronous_commit on).
# Usage: bench/audit-append.sh [ENTRIES] [IN_FLIGHT] [NAIVE_ENTRIES] [PROOF_LOG_SIZE] [PROOFS]
#        (defaults 200000 1000 20000 1000000 10000; 0 naive entries, or 0 for the proofs, skips that part)
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-java-bench.sh" org.consentgateway.audit.AuditAppendBench "$@"
