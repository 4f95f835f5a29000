#!/usr/bin/env bash
# End-to-end query benchmark (issue 13): a fresh gateway in its own JVM on a fresh embedded
# PostgreSQL (default durability, demo keys, per-caller rate limit out of the way), N synthetic
# subjects imported as `records import` does, K consents made through the API (request, approve,
# fetch token: the consent lifecycle, in calls/s), then wrk on POST /v1/queries, SUMMARY and DETAIL,
# at each connection count, beside GET /health/live on the same gateway and the bare baseline
# (bench: org.consentgateway.bench.BareQueryBaseline, the query's database round trips and nothing
# else, on the same PostgreSQL and data), and optionally another commit (--compare REV, its own
# gateway and database, the same data and load, runs alternating).
#
# Usage: bench/query-load.sh [--quick] [--subjects N] [--consents K] [--duration D] [--warmup W]
#                            [--connections 8,32,64] [--compare REV] [--lifecycle-rounds R] [--lifecycle-only]
# The same from the environment: SUBJECTS, CONSENTS, DURATION, WARMUP, CONNECTIONS ("8 32 64"), COMPARE,
# LIFECYCLE_ROUNDS (each round K more consents per gateway; with --compare the rounds alternate which goes first),
# LIFECYCLE_ONLY=1 (measure the lifecycle only: no query load, no bare baseline).
# GATEWAY_JAVA_OPTS is passed to the gateway JVMs (default: none, the JVM's default heap).
# BENCH_BUILD_DIR reuses a build folder (default: one in the temp folder, built afresh).
# Everything lives in one temp folder, removed at exit; every process started is stopped at exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$(pwd)"

subjects="${SUBJECTS:-1000}"
consents="${CONSENTS:-2000}"
duration="${DURATION:-20}"
warmup="${WARMUP:-5}"
connections="${CONNECTIONS:-8 32 64}"
compare="${COMPARE:-}"
in_flight="${LIFECYCLE_IN_FLIGHT:-32}"
rounds="${LIFECYCLE_ROUNDS:-1}"
lifecycle_only="${LIFECYCLE_ONLY:-}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) subjects=100; consents=200; duration=4; warmup=1 ;;
    --subjects) subjects="$2"; shift ;;
    --consents) consents="$2"; shift ;;
    --duration) duration="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    --connections) connections="${2//,/ }"; shift ;;
    --compare) compare="$2"; shift ;;
    --lifecycle-rounds) rounds="$2"; shift ;;
    --lifecycle-only) lifecycle_only=1 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if ! command -v wrk >/dev/null; then
  echo "wrk is missing: apt-get install -y wrk" >&2
  exit 1
fi

readonly bank="91350100M000100Y43"
readonly purpose="BENCH"
work="$(mktemp -d /tmp/query-load-XXXXXX)"
chmod 755 "$work"   # the embedded PostgreSQL runs as an unprivileged user when we are root
started=()          # every process this script started, stopped at exit in reverse order
compare_src=""

cleanup() {
  set +e
  local i pid
  for ((i = ${#started[@]} - 1; i >= 0; i--)); do
    kill -TERM "${started[i]}" 2>/dev/null
  done
  for pid in "${started[@]}"; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null
  done
  # A gateway stops its embedded PostgreSQL; one that died without doing so leaves it to us.
  for pidfile in "$work"/*/data/postgres/postmaster.pid; do
    [[ -f "$pidfile" ]] || continue
    pid="$(head -1 "$pidfile")"
    kill -TERM "$pid" 2>/dev/null && for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  done
  [[ -n "$compare_src" ]] && git -C "$repo" worktree remove --force "$compare_src" >/dev/null 2>&1 && git -C "$repo" worktree prune
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# build SRC_DIR BUILD_DIR SCOPE OUT: compiles (test classes too with SCOPE=test) and writes the classpath to OUT.
build() {
  local src="$1" out_dir="$2" scope="$3" out="$4"
  if [[ "$scope" == test ]]; then
    (cd "$src" && ./mvnw -q -B -Dbuild.dir="$out_dir" test-compile \
      && ./mvnw -q -B -Dbuild.dir="$out_dir" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out.deps")
    echo "$out_dir/classes:$out_dir/test-classes:$(cat "$out.deps")" >"$out"
  else
    (cd "$src" && ./mvnw -q -B -Dmaven.test.skip=true compile \
      && ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$out.deps")
    echo "$src/target/classes:$(cat "$out.deps")" >"$out"
  fi
}

echo "== build (outside the timings)"
build "$repo" "${BENCH_BUILD_DIR:-$work/build}" test "$work/classpath"
bench_cp="$(cat "$work/classpath")"
if [[ -n "$compare" ]]; then
  compare_src="$work/compare-src"
  git worktree add --detach "$compare_src" "$compare" >/dev/null
  echo "== build $compare ($(git -C "$compare_src" log -1 --format='%h %s' | cut -c1-70))"
  build "$compare_src" "$compare_src/target" main "$work/compare-classpath"
fi

echo "== data: $subjects synthetic subjects, purpose $purpose allowing every use of the run"
mkdir -p "$work/policies"
cp policies/purposes.yaml policies/grades.yaml policies/categories.yaml "$work/policies/"
cat >>"$work/policies/purposes.yaml" <<EOF
  - code: $purpose
    labels: {zh: 基准测试, en: Benchmark}
    max-grade: DETAIL
    max-validity-days: 30
    max-uses: 1000000
    uses-per-day: 1000000
    uses-per-month: 1000000
    max-data-window-months: 60
    one-time: false
EOF
java -cp "$bench_cp" org.consentgateway.cli.GatewayCommand records generate --subjects "$subjects" --out "$work/subjects.jsonl" >/dev/null

# start_gateway NAME CLASSPATH: a gateway process with its own data folder and embedded PostgreSQL,
# the bank registered, the subjects imported, K consents made through its API. Sets, for NAME,
# port_NAME, pid_NAME (the gateway JVM), pg_NAME (the postmaster), data_NAME.
start_gateway() {
  local name="$1" cp="$2" port pg_port dir
  dir="$work/$name"; mkdir -p "$dir"
  port="$(free_port)"; pg_port="$(free_port)"
  local genv=(GATEWAY_DATA_DIR="$dir/data" GATEWAY_POLICIES_DIR="$work/policies" GATEWAY_DB_EMBEDDED_PORT="$pg_port"
    GATEWAY_HTTP_PORT="$port" GATEWAY_HTTP_HOST=127.0.0.1 GATEWAY_ISSUER="http://127.0.0.1:$port"
    GATEWAY_AUTH_RATE_PER_SECOND=100000 GATEWAY_AUTH_RATE_BURST=100000 GATEWAY_AUTH_ACCESS_TOKEN_TTL_SECONDS=3600)
  echo "== $name: database, bank, subjects"
  env "${genv[@]}" java -cp "$cp" org.consentgateway.cli.GatewayCommand db migrate >"$dir/setup.log" 2>&1
  env "${genv[@]}" java -cp "$cp" org.consentgateway.cli.GatewayCommand institutions add --uscc "$bank" --name 基准银行 \
    --public-key keys-example/institution.pub.pem --purposes "$purpose" --max-grade DETAIL >>"$dir/setup.log" 2>&1
  env "${genv[@]}" java -cp "$cp" org.consentgateway.cli.GatewayCommand records import "$work/subjects.jsonl" >>"$dir/setup.log" 2>&1 \
    || { cat "$dir/setup.log" >&2; return 1; }
  echo "== $name: gateway on 127.0.0.1:$port"
  # shellcheck disable=SC2086
  env "${genv[@]}" java ${GATEWAY_JAVA_OPTS:-} -cp "$cp" org.consentgateway.cli.GatewayCommand serve >"$dir/gateway.log" 2>&1 &
  local pid=$!
  started+=("$pid")
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { tail -30 "$dir/gateway.log" >&2; return 1; }
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "$name did not get ready" >&2; return 1; }
  printf -v "port_$name" '%s' "$port"
  printf -v "pid_$name" '%s' "$pid"
  printf -v "pg_$name" '%s' "$(head -1 "$dir/data/postgres/postmaster.pid")"
  printf -v "pgport_$name" '%s' "$pg_port"
  printf -v "data_$name" '%s' "$dir/data"
}

# lifecycle NAME ROUND: K consents made through NAME's API (the first round's are the query load's pairs), timed,
# with the CPU its server, its PostgreSQL and the load generator used.
lifecycle() {
  local name="$1" round="$2" port pid pg pairs
  port="port_$name"; pid="pid_$name"; pg="pg_$name"
  pairs="$work/$name/pairs.tsv"; [[ "$round" -gt 1 ]] && pairs="$work/$name/pairs-$round.tsv"
  echo "== $name: consent lifecycle, round $round"
  java -cp "$bench_cp" org.consentgateway.bench.ConsentLifecycleLoad "http://127.0.0.1:${!port}" "http://127.0.0.1:${!port}" \
    "$work/subjects.jsonl" "$consents" "$in_flight" "$purpose" "$bank" "$pairs" "${!pid}" "${!pg}" | tee -a "$work/$name/lifecycle.txt"
}

clk="$(getconf CLK_TCK)"
jiffies() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# PostgreSQL: the postmaster, its finished children (cutime, cstime) and its live ones.
pg_jiffies() {
  local total child
  total="$(awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat")"
  for child in $(pgrep -P "$1"); do total=$((total + $(jiffies "$child"))); done
  echo "$total"
}
rss_peak_mib() { awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

results="$work/results.tsv"
# load LABEL GRADE CONNS PORT SERVER_PID PG_PID PAIRS ("" for /health/live)
load() {
  local label="$1" grade="$2" conns="$3" port="$4" pid="$5" pg="$6" pairs="$7" script=bench/query-load.lua url
  url="http://127.0.0.1:$port"
  [[ -n "$pairs" ]] || url="$url/health/live"
  PAIRS_FILE="$pairs" GRADE="$grade" PURPOSE="$purpose" wrk -t2 -c"$conns" -d"${warmup}s" --timeout 10s -s "$script" "$url" >/dev/null
  local cpu0 pg0 t0 out cpu1 pg1 t1
  cpu0="$(jiffies "$pid")"; pg0="$(pg_jiffies "$pg")"; t0="$(date +%s.%N)"
  out="$(PAIRS_FILE="$pairs" GRADE="$grade" PURPOSE="$purpose" wrk -t2 -c"$conns" -d"${duration}s" --timeout 10s -s "$script" "$url")"
  cpu1="$(jiffies "$pid")"; pg1="$(pg_jiffies "$pg")"; t1="$(date +%s.%N)"
  local line
  line="$(grep '^RESULT' <<<"$out")"
  awk -v label="$label" -v grade="$grade" -v conns="$conns" -v line="$line" -v clk="$clk" -v rss="$(rss_peak_mib "$pid")" \
      -v cpu="$((cpu1 - cpu0))" -v pg="$((pg1 - pg0))" -v wall="$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" 'BEGIN {
    n = split(line, kv, /[ =]/)
    for (i = 2; i < n; i += 2) v[kv[i]] = kv[i + 1]
    printf "%s\t%s\t%d\t%.0f\t%.1f\t%.1f\t%.1f\t%d\t%.2f\t%.2f\t%d\n", label, grade, conns,
      v["requests"] / (v["duration_us"] / 1e6), v["p50_us"] / 1000, v["p99_us"] / 1000, v["max_us"] / 1000, v["errors"],
      cpu / clk / wall, pg / clk / wall, rss
  }' | tee -a "$results" | awk -F'\t' '{printf "  %-9s %-7s c=%-3d %8s/s  p50 %6s ms  p99 %6s ms  max %7s ms  errors %d  server %s cores  PostgreSQL %s cores  peak RSS %s MiB\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11}'
}

start_gateway current "$bench_cp"
[[ -n "$compare" ]] && start_gateway compare "$(cat "$work/compare-classpath")"
for ((round = 1; round <= rounds; round++)); do
  order="current${compare:+ compare}"
  [[ -n "$compare" && $((round % 2)) -eq 0 ]] && order="compare current"
  for name in $order; do lifecycle "$name" "$round"; done
done
calls_per_s() { grep -o '[0-9,]* calls/s' "$work/$1/lifecycle.txt" | tr -d , | awk '{ sum += $1; n++ } END { if (n) printf "%.0f", sum / n }'; }
if [[ -n "$lifecycle_only" ]]; then
  echo
  echo "== summary ($(git log -1 --format=%h) $(date -u +%Y-%m-%d), $(nproc) cores, lifecycle only, $rounds round(s) of $consents consents;"
  echo "   load average now $(cut -d' ' -f1-3 /proc/loadavg))"
  for name in current compare; do
    [[ -f "$work/$name/lifecycle.txt" ]] && sed "s/^/$name /" "$work/$name/lifecycle.txt" && echo "$name mean of rounds: $(calls_per_s "$name") calls/s"
  done
  [[ -n "$compare" ]] && awk -v a="$(calls_per_s current)" -v b="$(calls_per_s compare)" -v rev="$compare" \
    'BEGIN { printf "lifecycle current / %s: %.2f\n", rev, a / b }'
  exit 0
fi

bare_port="$(free_port)"
java -cp "$bench_cp" org.consentgateway.bench.BareQueryBaseline "$bare_port" 127.0.0.1 "$pgport_current" gateway gateway \
  "$(cat "$data_current/postgres.password")" "${GATEWAY_DB_POOL_SIZE:-8}" "$(nproc)" >"$work/bare.log" 2>&1 &
bare_pid=$!
started+=("$bare_pid")
for _ in $(seq 1 60); do grep -qs listening "$work/bare.log" && break; kill -0 "$bare_pid" || { cat "$work/bare.log" >&2; exit 1; }; sleep 0.5; done

# A fresh JVM compiles its hot code in the first seconds: each server gets a longer warm-up once.
for server in "current $port_current $work/current/pairs.tsv" "bare $bare_port $work/current/pairs.tsv" \
    ${compare:+"compare $port_compare $work/compare/pairs.tsv"}; do
  read -r name port pairs <<<"$server"
  echo "== warm-up of $name: $((3 * warmup)) s"
  PAIRS_FILE="$pairs" GRADE=SUMMARY PURPOSE="$purpose" wrk -t2 -c32 -d"$((3 * warmup))s" --timeout 10s -s bench/query-load.lua \
    "http://127.0.0.1:$port" >/dev/null
done
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== load: wrk, 2 threads, ${warmup} s warm-up then ${duration} s per run, $(nproc) cores shared by everything"
for conns in $connections; do
  for grade in SUMMARY DETAIL; do
    load current "$grade" "$conns" "$port_current" "$pid_current" "$pg_current" "$work/current/pairs.tsv"
    [[ -n "$compare" ]] && load compare "$grade" "$conns" "$port_compare" "$pid_compare" "$pg_compare" "$work/compare/pairs.tsv"
  done
  load health - "$conns" "$port_current" "$pid_current" "$pg_current" ""
  for grade in SUMMARY DETAIL; do
    load bare "$grade" "$conns" "$bare_port" "$bare_pid" "$pg_current" "$work/current/pairs.tsv"
  done
done

echo
echo "== summary ($(git log -1 --format=%h) $(date -u +%Y-%m-%d), $(nproc) cores, $subjects subjects, $consents consents, ${duration} s runs;"
echo "   load average before the load $load_before, after $(cut -d' ' -f1-3 /proc/loadavg))"
echo
for name in current compare; do
  [[ -f "$work/$name/lifecycle.txt" ]] && sed "s/^/$name /" "$work/$name/lifecycle.txt"
done
[[ -n "$compare" ]] && awk -v a="$(calls_per_s current)" -v b="$(calls_per_s compare)" -v rev="$compare" \
  'BEGIN { printf "lifecycle current / %s: %.2f (mean calls/s of the rounds)\n", rev, a / b }'
for name in current compare; do
  [[ -f "$work/$name/gateway.log" ]] || continue
  problems="$(grep -E ' (WARN|ERROR) ' "$work/$name/gateway.log" | grep -cv ' \[main\] ' || true)"
  echo "$name gateway log: $problems lines at WARN or ERROR after start-up$([[ "$problems" -gt 0 ]] && echo ', the last ones:')"
  grep -E ' (WARN|ERROR) ' "$work/$name/gateway.log" | grep -v ' \[main\] ' | tail -3 | cut -c1-240 | sed 's/^/    /' || true
done
echo
echo "| server | grade | connections | queries/s | p50 ms | p99 ms | max ms | errors | server cores | PostgreSQL cores | server peak RSS MiB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
awk -F'\t' '{printf "| %s | %s | %d | %s | %s | %s | %s | %d | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11}' "$results"
echo
echo "Ratios in this run (the gateway's queries/s over the other's, same connections):"
echo
awk -F'\t' -v compare="$compare" '
  { qps[$1 "/" $2 "/" $3] = $4; if (!($3 in seen)) { seen[$3] = 1; order[++n] = $3 } }
  function r(a, b) { return (b > 0) ? sprintf("%.3f", a / b) : "-" }
  END {
    head = "| connections | SUMMARY / health | SUMMARY / bare | DETAIL / bare"
    if (compare != "") head = head " | SUMMARY / " compare " | DETAIL / " compare
    print head " |"
    print (compare != "") ? "|---|---|---|---|---|---|" : "|---|---|---|---|"
    for (i = 1; i <= n; i++) {
      c = order[i]
      row = "| " c " | " r(qps["current/SUMMARY/" c], qps["health/-/" c]) " | " r(qps["current/SUMMARY/" c], qps["bare/SUMMARY/" c]) \
        " | " r(qps["current/DETAIL/" c], qps["bare/DETAIL/" c])
      if (compare != "") row = row " | " r(qps["current/SUMMARY/" c], qps["compare/SUMMARY/" c]) " | " r(qps["current/DETAIL/" c], qps["compare/DETAIL/" c])
      print row " |"
    }
  }' "$results"
