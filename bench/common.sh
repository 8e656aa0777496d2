# Shared by the benchmark scripts: the class path, the reference target in its own JVM, one
# Gatling run of a simulation against it. Loopback only; every run is bounded by its settings.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/target/bench"
mkdir -p "$OUT"
PORT="${BENCH_PORT:-18002}"
GATLING_OPTS=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED
  -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12 -Xms2g -Xmx2g)

classpath() {
  if [ ! -f "$OUT/test.cp" ] || [ pom.xml -nt "$OUT/test.cp" ]; then
    ./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/test.cp" -Dmdep.includeScope=test
  fi
  echo "target/test-classes:target/classes:$(cat "$OUT/test.cp")"
}

# start_target <extra -D options...>: the reference target in a JVM of its own
start_target() {
  java -Xmx1g -cp "$(classpath)" -Dreference.port="$PORT" -Dreference.heartbeatSeconds=0 \
    -Dreference.messagesPerMinute=1000000 -Dreference.connectionsPerUser=10 "$@" \
    io.chatload.reference.ReferenceTargetMain > "$OUT/target.log" 2>&1 &
  TARGET_PID=$!
  for _ in $(seq 1 50); do
    curl -sf "http://127.0.0.1:$PORT/health" > /dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "reference target did not start: $(cat "$OUT/target.log")" >&2
  return 1
}

stop_target() {
  kill "${TARGET_PID:-0}" 2> /dev/null || true
  wait "${TARGET_PID:-0}" 2> /dev/null || true
}

# run_gatling <label> <-D options...>: EnterpriseLoad against the target; prints the run folder
run_gatling() {
  local label="$1"; shift
  local results="$OUT/$label"
  rm -rf "$results"; mkdir -p "$results"
  # BENCH_JAVA_OPTS: extra injector JVM options, e.g. a JFR recording to profile a round
  # shellcheck disable=SC2086
  java "${GATLING_OPTS[@]}" ${BENCH_JAVA_OPTS:-} -cp "$(classpath)" -Dtarget.backendUrl="http://127.0.0.1:$PORT" -Dhealth.interval=0 "$@" \
    io.gatling.app.Gatling -s io.chatload.simulations.EnterpriseLoad -rf "$results" > "$results/console.log" 2>&1 &
  GATLING_PID=$!
}

# wait_gatling <label>: waits for the run (in this shell, not a subshell) and sets FOLDER
wait_gatling() {
  wait "$GATLING_PID" || true
  FOLDER=$(ls -td "$OUT/$1"/enterpriseload-* | head -1)
}

# cpu_seconds <pid>: user+system CPU time of a process so far
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"
}

# heap_mb <pid>: heap in use after a full GC
heap_mb() {
  jcmd "$1" GC.run > /dev/null
  jcmd "$1" GC.heap_info | awk '/used/ && /total/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K", "", v); print v / 1024; exit } }'
}

# thread_cpu <pid>: one line per thread of a process and its children: "<name>\t<user+system CPU ms so far>"
thread_cpu() {
  local hz; hz=$(getconf CLK_TCK)
  for p in $(tree_pids "$1"); do
    for t in /proc/"$p"/task/*; do
      local name; name=$(cat "$t/comm" 2> /dev/null) || continue
      # a thread may end between the listing and the read: skip it (under pipefail its failed read would end the script)
      { sed 's/^.*) //' "$t/stat" 2> /dev/null || true; } | awk -v n="$name" -v hz="$hz" '{ printf "%s\t%d\n", n, ($12 + $13) * 1000 / hz }'
    done
  done
}
tree_pids() { echo "$1"; for c in $(pgrep -P "$1" 2> /dev/null); do tree_pids "$c"; done; }

# thread_cpu_diff <before> <after>: CPU ms per kind of thread between two thread_cpu snapshots,
# threads grouped by name with their numbers dropped (gatling-1-3 → gatling-1-#), largest first
thread_cpu_diff() {
  python3 - "$1" "$2" <<'PY'
import re, sys, collections
def read(p):
    d = collections.Counter()
    for line in open(p):
        name, ms = line.rstrip("\n").rsplit("\t", 1)
        d[re.sub(r"\d+", "#", name)] += int(ms)
    return d
a, b = read(sys.argv[1]), read(sys.argv[2])
diff = {k: b[k] - a.get(k, 0) for k in b}
total = sum(v for v in diff.values() if v > 0) or 1
for k, v in sorted(diff.items(), key=lambda kv: -kv[1]):
    if v > 0:
        print(f"{v:8d} ms {100 * v / total:5.1f} %  {k}")
PY
}
