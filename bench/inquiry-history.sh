#!/usr/bin/env bash
# Inquiry history benchmark: a citizen's first page of GET /v1/me/queries, and the store call
# alone, on a fresh embedded PostgreSQL holding ENTRIES audit entries appended through AuditLog,
# one in 100 of them a query about that citizen.
# Usage: bench/inquiry-history.sh [ENTRIES] [RUNS]   (defaults 1000000 200)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build_dir="${INQUIRY_BENCH_BUILD_DIR:-target-bench}"
work="$(mktemp -d /tmp/inquiry-bench-XXXXXX)"
chmod 755 "$work"   # the embedded PostgreSQL runs as an unprivileged user when we are root
trap 'rm -rf "$work"' EXIT

echo "== build (test classes and the test classpath, outside the timings)"
./mvnw -q -B -Dbuild.dir="$build_dir" test-compile
./mvnw -q -B -Dbuild.dir="$build_dir" dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt"
classpath="$build_dir/classes:$build_dir/test-classes:$(cat "$work/classpath.txt")"

echo "== run ($(nproc) cores)"
java ${INQUIRY_BENCH_JAVA_OPTS:--Xmx2g} -cp "$classpath" org.consentgateway.audit.InquiryHistoryBench "$work/data" "$@"
