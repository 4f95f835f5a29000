#!/usr/bin/env bash
# Log lines of a database outage under load: DatabaseOutageLogTest with the outage at full length
# (a killed server kept from starting, then a frozen one), each gateway on its own embedded
# PostgreSQL. Prints the answers the load got and every line the operator would read.
# Usage: bench/outage-logs.sh [SECONDS]   (default 60; the suite runs it with 10)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./mvnw -B -q verify -Dtest=DatabaseOutageLogTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dgateway.outage-seconds="${1:-60}" -DtrimStackTrace=false
