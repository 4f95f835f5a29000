#!/usr/bin/env bash
# Fuzz run: HostileRequestsTest's seeded generator of malformed requests over every operation of
# docs/openapi.yaml, for MINUTES against a gateway on a fresh embedded PostgreSQL. Prints each
# rule broken (5xx, an error that is not problem JSON, planted input echoed, no answer...) with a
# count and an example, and the HTTP metric series before and after; exits 1 on any rule broken.
# Usage: bench/fuzz.sh [MINUTES] [SEED]   (defaults 10 1)
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-java-bench.sh" org.consentgateway.wiring.HostileRequestsBench "$@"
