# Shared by the benchmark scripts: the class path, the reference target in its own JVM, one
# Gatling run of a simulation against it. Loopback only; every run is bounded by its settings.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/target/bench"
mkdir -p "$OUT"
PORT="${BENCH_PORT:-18002}"
# The JVM flags gatling:test gives Gatling (the pom's <jvmArgs>, its -D settings aside), then a fixed 2 GB heap
mapfile -t GATLING_OPTS < <(python3 -c 'import re
print("\n".join(a for a in re.findall(r"<jvmArg>([^<]+)</jvmArg>", open("pom.xml").read()) if not a.startswith("-D")))')
GATLING_OPTS+=(-Xms2g -Xmx2g)

# classpath: compiles what changed, once per script (a stale target/test-classes once measured the
# code as it was before an edit)
# ($$ is the script's process id in the subshell of "$(classpath)" too)
classpath() {
  if [ ! -f "$OUT/test.cp" ] || [ pom.xml -nt "$OUT/test.cp" ]; then
    ./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/test.cp" -Dmdep.includeScope=test
  elif [ ! -f "$OUT/.compiled-$$" ]; then
    ./mvnw -q -B test-compile
  fi
  rm -f "$OUT"/.compiled-*; touch "$OUT/.compiled-$$"
  echo "target/test-classes:target/classes:$(cat "$OUT/test.cp")"
}

# baseline_classpath: the class path of another checkout of this project (BENCH_BASELINE, e.g. a
# `git worktree` at the commit before a change), compiled there once per script: the "baseline"
# injector runs its EnterpriseLoad against the same warmed target, to measure a change A/B
baseline_classpath() {
  local base="${BENCH_BASELINE:?BENCH_BASELINE must name another checkout of this project}"
  [ -f "$base/pom.xml" ] || { echo "BENCH_BASELINE=$base is not a checkout of this project" >&2; exit 2; }
  if [ ! -f "$OUT/.baseline-$$" ]; then
    (cd "$base" && ./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/baseline.cp -Dmdep.includeScope=test) >&2
    touch "$OUT/.baseline-$$"
  fi
  echo "$base/target/test-classes:$base/target/classes:$(cat "$base/target/baseline.cp")"
}

# start_target <extra -D options...>: the reference target in a JVM of its own (BENCH_TARGET_JAVA_OPTS: extra JVM options)
start_target() {
  java -Xmx1g ${BENCH_TARGET_JAVA_OPTS:-} -cp "$(classpath)" -Dreference.port="$PORT" -Dreference.heartbeatSeconds=0 \
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
  # no target started: nothing to stop (`kill 0` would signal this whole process group)
  [ -n "${TARGET_PID:-}" ] || return 0
  kill "$TARGET_PID" 2> /dev/null || true
  wait "$TARGET_PID" 2> /dev/null || true
}

# launch_gatling <enterprise|baseline|plain> <results dir> <JVM or -D options...>: one Gatling injector
# against the target, in the background (sets GATLING_PID; its console in <results dir>/console.log;
# BENCH_INJECTOR_JAVA: the java binary the injectors run on, e.g. a JDK 25's; the target stays on the default):
# enterprise is this suite's EnterpriseLoad (health probe off), baseline the same as BENCH_BASELINE's checkout
# builds it, plain the hand-written journey io.chatload.bench.PlainGatlingChat. The one place a benchmark starts Gatling.
launch_gatling() {
  local kind="$1" dir="$2" sim extra=()
  shift 2
  case "$kind" in
    enterprise|baseline) sim=io.chatload.simulations.EnterpriseLoad; extra=(-Dhealth.interval=0) ;;
    plain) sim=io.chatload.bench.PlainGatlingChat ;;
    *) echo "unknown Gatling injector: $kind" >&2; exit 2 ;;
  esac
  mkdir -p "$dir"
  # compiled here, not inside the background job
  local cp; if [ "$kind" = baseline ]; then cp="$(baseline_classpath)"; else cp="$(classpath)"; fi
  "${BENCH_INJECTOR_JAVA:-java}" "${GATLING_OPTS[@]}" -cp "$cp" -Dtarget.backendUrl="http://127.0.0.1:$PORT" "${extra[@]}" "$@" \
    io.gatling.app.Gatling -s "$sim" -rf "$dir" > "$dir/console.log" 2>&1 &
  GATLING_PID=$!
}

# run_gatling <label> <-D options...>: EnterpriseLoad against the target (BENCH_JAVA_OPTS: extra JVM
# options for this measured injector, e.g. a JFR recording); wait_gatling then gives its run folder
run_gatling() {
  local results="$OUT/$1"; shift
  rm -rf "$results"
  # shellcheck disable=SC2086
  launch_gatling enterprise "$results" ${BENCH_JAVA_OPTS:-} "$@"
}

# wait_gatling <label>: waits for the run (in this shell, not a subshell) and sets FOLDER
wait_gatling() {
  wait "$GATLING_PID" || true
  FOLDER=$(ls -td "$OUT/$1"/enterpriseload-* | head -1)
}

# tree_cpu_ms <pid>: user+system CPU of a process and its descendants so far (threads included), in ms
tree_cpu_ms() {
  local hz; hz=$(getconf CLK_TCK)
  for p in $(tree_pids "$1"); do sed 's/^.*) //' "/proc/$p/stat" 2> /dev/null || true; done \
    | awk -v hz="$hz" '{ t += $12 + $13 } END { printf "%d\n", t * 1000 / hz }'
}

# heap_mb <pid>: heap in use after a full GC
heap_mb() {
  "$(injector_jcmd)" "$1" GC.run > /dev/null
  "$(injector_jcmd)" "$1" GC.heap_info | awk '/used/ && /total/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K", "", v); print v / 1024; exit } }'
}

# counter <name>: one of the target's /health/details counters; retried, since a target still busy with
# the last run's sockets may answer slowly (a failed read would end the whole comparison under set -e)
HEALTH="http://127.0.0.1:$PORT/health/details"
counter() {
  local v
  for _ in 1 2 3 4 5; do
    v=$(curl -sf --max-time 10 "$HEALTH" | python3 -c "import json,sys; print(json.load(sys.stdin)['counters']['$1'])" 2> /dev/null) \
      && { echo "$v"; return 0; }
    sleep 1
  done
  echo "the target's /health/details did not answer (counter $1): $OUT/target.log" >&2
  return 1
}

# warm_target <users> <turns>: a discarded run of each kind of traffic before anything is measured.
# A cold target answers its first thousands of logins and handshakes slowly (its JIT has not compiled
# them yet): whichever injector ran first paid for it (login p50 0.6-1.4 s instead of 4 ms, and
# delivery KOs). Plain Gatling's traffic alone was not enough: the suite's messages (varied prompts,
# its own ids) made the target's C2 compile again through the suite's arrival burst, half of the
# target's CPU then; so the suite's journey warms it too.
warm_target() {
  local users="$1" turns="$2" dir="$OUT/warmup"
  rm -rf "$dir"; mkdir -p "$dir"
  echo "warming the target: $users users, $turns turns of plain Gatling, then 3 of EnterpriseLoad (discarded)" >&2
  launch_gatling plain "$dir/plain" -Dbench.firstUser=9000000 -Dusers="$users" -Dramp=10 -Dturns="$turns" -DthinkMin=1 -DthinkMax=2
  wait "$GATLING_PID" || { echo "warm-up run failed: $dir/plain/console.log" >&2; tail -20 "$dir/plain/console.log" >&2; exit 1; }
  # its SLAs may fail on a cold burst: only that it ran matters
  launch_gatling enterprise "$dir/enterprise" -Dinjection=at-once -Dusers="$users" -Dramp=10 -Dhold=0 -Dturns=3 -DthinkMin=1 -DthinkMax=2
  wait "$GATLING_PID" || true
  for _ in $(seq 1 40); do [ "$(counter socketsOpen)" -eq 0 ] && break; sleep 0.5; done
  sleep 5 # the target's JIT finishes what the warm-up queued
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

# thread_cpu_diff <before> <after> [top]: CPU ms per kind of thread between two thread_cpu snapshots,
# threads grouped by name with their numbers dropped (gatling-1-3 → gatling-1-#), largest first;
# the first [top] kinds only (all by default: a `| head` would break the pipe under pipefail)
thread_cpu_diff() {
  python3 - "$1" "$2" "${3:-1000}" <<'PY'
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
for k, v in sorted(diff.items(), key=lambda kv: -kv[1])[:int(sys.argv[3])]:
    if v > 0:
        print(f"{v:8d} ms {100 * v / total:5.1f} %  {k}")
PY
}

# async-profiler (from Maven Central, unpacked once under target/bench): attached to a running JVM
# by jcmd for a window, CPU samples every 1 ms with thread names, written as collapsed stacks.
ASYNC_PROFILER_VERSION=4.2
async_profiler_lib() {
  local dir="$OUT/async-profiler-$ASYNC_PROFILER_VERSION"
  if [ ! -f "$dir/linux-x64/libasyncProfiler.so" ]; then
    ./mvnw -q -B dependency:copy -Dartifact="tools.profiler:async-profiler:$ASYNC_PROFILER_VERSION" -DoutputDirectory="$dir" > /dev/null
    (cd "$dir" && unzip -o -q "async-profiler-$ASYNC_PROFILER_VERSION.jar" 'linux-x64/*')
  fi
  echo "$dir/linux-x64/libasyncProfiler.so"
}
# The jcmd of the JDK the injector runs on: attaching through another JDK's jcmd aborted a JDK 25 injector.
injector_jcmd() {
  local java="${BENCH_INJECTOR_JAVA:-java}"
  [ "$java" = java ] && { echo jcmd; return; }
  echo "$(dirname "$java")/jcmd"
}
# profile_start <pid> / profile_stop <pid> <collapsed file> (jcmd splits its argument at commas unless quoted inside)
# BENCH_PROFILE_EVENT=alloc samples allocations (bytes by allocating stack) instead of CPU
profile_start() {
  local what="event=cpu,interval=1ms"
  [ "${BENCH_PROFILE_EVENT:-cpu}" = alloc ] && what="event=alloc"
  "$(injector_jcmd)" "$1" JVMTI.agent_load "$(async_profiler_lib)" "'start,$what,threads'" > /dev/null
}
profile_stop() {
  local total=""; [ "${BENCH_PROFILE_EVENT:-cpu}" = alloc ] && total=",total"   # bytes, not samples
  "$(injector_jcmd)" "$1" JVMTI.agent_load "$(async_profiler_lib)" "'stop,file=$2,collapsed$total'" > /dev/null
}

# profile_summary <collapsed file>: the samples by kind of thread, then the event loops' by whose
# code they were in (this suite's, the kernel's, Gatling's checks, the rest of Gatling, Netty)
profile_summary() {
  python3 - "$1" <<'PY'
import collections, re, sys
threads, loops = collections.Counter(), collections.Counter()
ours = collections.Counter()
# the code of this suite that runs on Gatling's threads (injector/ holds the event-loop lag probe)
SUITE = ("io/chatload/journey/", "io/chatload/injector/")
for line in open(sys.argv[1]):
    stack, n = line.rstrip().rsplit(" ", 1)
    n = int(n)
    frames = stack.split(";")
    kind = re.sub(r"\d+", "#", re.sub(r" tid=\d+\]", "]", frames[0]))
    threads[kind] += n
    if not kind.startswith("[gatling-"):
        continue
    if any(f.startswith(SUITE) for f in frames):
        loops["this suite's code (journey/ and injector/, with the Jackson reads it calls)"] += n
        for f in dict.fromkeys(frames):
            if f.startswith(SUITE) and "$$Lambda" not in f and ".lambda$" not in f:
                ours[f] += n
    elif any(f.endswith("_[k]") for f in frames):
        loops["kernel (epoll, socket reads and writes)"] += n
    elif any(f.startswith(("io/gatling/core/check/", "io/gatling/http/check/")) for f in frames):
        loops["Gatling's checks"] += n
    elif any(f.startswith("io/gatling/") for f in frames):
        loops["the rest of Gatling (actions, WebSocket state, stats)"] += n
    else:
        loops["Netty and the JDK"] += n
total = sum(threads.values()) or 1
print(f"{total} samples")
for k, v in threads.most_common(8):
    print(f"{v:7d} {100 * v / total:5.1f} %  {k}")
loop_total = sum(loops.values()) or 1
print("event loops:")
for k, v in loops.most_common():
    print(f"{v:7d} {100 * v / loop_total:5.1f} %  {k}")
print("this suite's methods on the event loops (inclusive):")
for k, v in ours.most_common(8):
    print(f"{v:7d} {100 * v / loop_total:5.1f} %  {k}")
PY
}
