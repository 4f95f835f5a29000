#!/usr/bin/env bash
# Query benchmark: POST /v1/queries through a running gateway on a fresh embedded PostgreSQL, one
# at a time (latency) and INFLIGHT at a time on as many consents (throughput).
# Usage: bench/query.sh [QUERIES] [INFLIGHT]   (defaults 2000 16)
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-java-bench.sh" org.consentgateway.query.QueryBench "$@"
