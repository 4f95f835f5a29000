#!/usr/bin/env bash
# Audit log benchmark: durable group-committed appends per second, the naive one-transaction-per-entry
# baseline in the same run, and proof latency at 1,000,000 entries, on a fresh embedded PostgreSQL
# with its default durability (fsync and synchronous_commit on).
# Usage: bench/audit-append.sh [ENTRIES] [IN_FLIGHT] [NAIVE_ENTRIES] [PROOF_LOG_SIZE] [PROOFS]
#        (defaults 200000 1000 20000 1000000 10000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build_dir="${AUDIT_BENCH_BUILD_DIR:-target-bench}"
work="$(mktemp -d /tmp/audit-bench-XXXXXX)"
chmod 755 "$work"   # the embedded PostgreSQL runs as an unprivileged user when we are root
trap 'rm -rf "$work"' EXIT

echo "== build (test classes and the test classpath, outside the timings)"
./mvnw -q -B -Dbuild.dir="$build_dir" test-compile
./mvnw -q -B -Dbuild.dir="$build_dir" dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt"
classpath="$build_dir/classes:$build_dir/test-classes:$(cat "$work/classpath.txt")"

echo "== run ($(nproc) cores)"
java ${AUDIT_BENCH_JAVA_OPTS:--Xmx2g} -cp "$classpath" org.consentgateway.audit.AuditAppendBench "$work/data" "$@"
