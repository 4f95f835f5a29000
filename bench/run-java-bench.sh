#!/usr/bin/env bash
# Shared by the Java benchmarks: builds the test classes and classpath (outside the timings), then
# runs one bench class on a fresh work folder, removed afterwards.
# Usage: bench/run-java-bench.sh MAIN_CLASS [ARGS...]
#   BENCH_BUILD_DIR (default target-bench) and BENCH_JAVA_OPTS (default -Xmx2g) adjust it;
#   BENCH_DATA_DIR keeps the database there (created if missing, never removed) instead of a fresh one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
main_class="$1"
shift
build_dir="${BENCH_BUILD_DIR:-target-bench}"
work="$(mktemp -d /tmp/gateway-bench-XXXXXX)"
chmod 755 "$work"   # the embedded PostgreSQL runs as an unprivileged user when we are root
trap 'rm -rf "$work"' EXIT

echo "== build (test classes and the test classpath, outside the timings)"
./mvnw -q -B -Dbuild.dir="$build_dir" test-compile
./mvnw -q -B -Dbuild.dir="$build_dir" dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt"
classpath="$build_dir/classes:$build_dir/test-classes:$(cat "$work/classpath.txt")"

echo "== run ($(nproc) cores)"
data="$work/data"
if [ -n "${BENCH_DATA_DIR:-}" ]; then
  mkdir -p "$BENCH_DATA_DIR"
  chmod 755 "$BENCH_DATA_DIR"
  data="$BENCH_DATA_DIR/data"
fi
java ${BENCH_JAVA_OPTS:--Xmx2g} -cp "$classpath" "$main_class" "$data" "$@"
