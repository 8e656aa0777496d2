#!/usr/bin/env bash
# Peer comparison: the same chat journey, the same target, three injectors side by side —
#   enterprise: this suite's EnterpriseLoad (every contract check on),
#   plain:      plain Gatling, checks matching only the frame's "type" (io.chatload.bench.PlainGatlingChat),
#   baseline:   EnterpriseLoad as another checkout builds it (BENCH_BASELINE): a change measured A/B,
#   artillery:  Artillery 2 with a hand-written processor (bench/artillery/), same journey and checks.
# One reference target in its own JVM on 127.0.0.1 with fixed, jitter-free delays
# (agent_started 100, agent_thinking 300, tool_executing 500, tool_completed 900, agent_completed 1300 ms),
# heartbeats off, message and socket limits raised. Users arrive over 10 s, 14 turns each, think 3-5 s.
# Measured from 20 s to 60 s after the first login reached the target (all users arrived, none left):
# the injector's CPU (user+system of its process tree, /proc) per 1,000 events the target delivered
# (its /health/details counters), events/s, RSS per user; after the window, heap after a full GC per
# user (JVMs, only with BENCH_HEAP=1: the forced full GC pauses the injector and inflates its tail);
# after the run, p50/p99 of each event minus its true delay, and KOs. Medians over rounds.
#
# Usage: bench/peer-comparison.sh [users]            (default 5000)
#   BENCH_ROUNDS=3                                    rounds per injector
#   BENCH_INJECTORS="enterprise plain artillery"      which injectors, in this order each round
#   BENCH_JAVA_OPTS="-XX:+UseZGC"                      extra JVM options for both Gatling injectors
#   BENCH_BASELINE=/path/to/other/checkout             the "baseline" injector's code (compiled there once)
#   BENCH_INJECTOR_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java   the java both Gatling injectors run on
#   BENCH_WARMUP_USERS=N  BENCH_WARMUP_TURNS=8        the discarded warm-up run of the target (users default: users; 0 = none)
#   BENCH_HEAP=1                                      also heap after a full GC per user (disturbs the JVM injectors' tails)
#   BENCH_PROFILE=1                                   async-profiler on the JVM injectors through the window: profile.collapsed
#                                                     and profile.txt (by thread, and whose code the event loops ran) in each
#                                                     run's folder; the profiler's own cost inflates that round's CPU (~1.3x)
#   BENCH_PROFILE_EVENT=alloc                         with BENCH_PROFILE=1: sample allocations (bytes) instead of CPU
# Needs bash, curl, python3, the JDK (jcmd) and node/npm (Artillery is installed on first use into
# bench/.artillery/, which git ignores). Writes target/bench/peer-comparison.{tsv,md}.
source "$(dirname "$0")/common.sh"
USERS="${1:-5000}"
ROUNDS="${BENCH_ROUNDS:-3}"
INJECTORS="${BENCH_INJECTORS:-enterprise plain artillery}"
RAMP=10; TURNS=14; THINK_MIN=3; THINK_MAX=5
FROM=20; TO=60
ARTILLERY_VERSION=2.0.34
ART_DIR="$ROOT/bench/.artillery"
if [ "$USERS" -gt 10000 ] || [ "$USERS" -lt 1 ]; then
  echo "users must be 1..10000 (loopback, one machine)" >&2; exit 2
fi

INJECTOR_PID=""
cleanup() {
  if [ -n "$INJECTOR_PID" ]; then
    pkill -TERM -P "$INJECTOR_PID" 2> /dev/null || true
    kill -TERM "$INJECTOR_PID" 2> /dev/null || true
    sleep 1
    kill -KILL "$INJECTOR_PID" 2> /dev/null || true
  fi
  stop_target
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

install_artillery() {
  if [ ! -x "$ART_DIR/node_modules/.bin/artillery" ] \
      || ! grep -q "\"version\": \"$ARTILLERY_VERSION\"" "$ART_DIR/node_modules/artillery/package.json"; then
    echo "installing artillery@$ARTILLERY_VERSION into bench/.artillery (once)" >&2
    mkdir -p "$ART_DIR"
    (cd "$ART_DIR" && npm i --ignore-scripts --no-audit --no-fund "artillery@$ARTILLERY_VERSION" > npm.log 2>&1) \
      || { echo "npm install failed: $ART_DIR/npm.log" >&2; exit 1; }
  fi
}


tree_rss_kb() {
  for p in $(tree_pids "$1"); do awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2> /dev/null || true; done | awk '{ t += $1 } END { print t + 0 }'
}
load1() { awk '{ print $1 }' /proc/loadavg; }

# start_injector <name> <results dir>: starts it in the background, sets INJECTOR_PID
start_injector() {
  local name="$1" dir="$2"
  case "$name" in
    enterprise|baseline)
      # shellcheck disable=SC2086
      launch_gatling "$name" "$dir" ${BENCH_JAVA_OPTS:-} -Dinjection=at-once -Dusers="$USERS" -Dramp=$RAMP -Dhold=0 -Dturns=$TURNS \
        -DthinkMin=$THINK_MIN -DthinkMax=$THINK_MAX
      INJECTOR_PID=$GATLING_PID; return
      ;;
    plain)
      # shellcheck disable=SC2086
      launch_gatling plain "$dir" ${BENCH_JAVA_OPTS:-} -Dusers="$USERS" -Dramp=$RAMP -Dturns=$TURNS -DthinkMin=$THINK_MIN -DthinkMax=$THINK_MAX
      INJECTOR_PID=$GATLING_PID; return
      ;;
    artillery)
      (cd "$ROOT/bench/artillery" && exec env NODE_PATH="$ART_DIR/node_modules" ARTILLERY_DISABLE_TELEMETRY=true DO_NOT_TRACK=1 \
        BENCH_TARGET="http://127.0.0.1:$PORT" BENCH_USERS="$USERS" BENCH_RAMP=$RAMP BENCH_TURNS=$TURNS \
        BENCH_THINK_MIN=$THINK_MIN BENCH_THINK_MAX=$THINK_MAX \
        node "$ART_DIR/node_modules/artillery/bin/run" run --output "$dir/artillery-report.json" chat.yml > "$dir/console.log" 2>&1) &
      ;;
    *) echo "unknown injector: $name" >&2; exit 2 ;;
  esac
  INJECTOR_PID=$!
}

# figures <name> <results dir>: p50/p99 error per event and KO from the injector's own results, as JSON
figures() {
  local name="$1" dir="$2" folder
  if [ "$name" = artillery ]; then
    python3 - "$dir/artillery-report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["aggregate"]
c, s = r.get("counters", {}), r.get("summaries", {})
mine = {k[3:] for k in c if k.startswith("ko.")}
ko = sum(v for k, v in c.items() if k.startswith("ko."))
ko += sum(v for k, v in c.items() if k.startswith("http.codes.") and k != "http.codes.200")
ko += sum(v for k, v in c.items() if k.startswith("errors.") and k[7:] not in mine)
events = {e: {"p50": s[e]["p50"], "p99": s[e]["p99"], "count": s[e]["count"]} for e in
          ["agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed"] if e in s}
print(json.dumps({"ko": ko, "events": events, "saturated": None, "excused": None, "verdict": None, "gc_max": None}))
PY
  else
    folder=$(ls -td "$dir"/*/ 2> /dev/null | head -1)
    folder="${folder%/}"
    if [ ! -f "$folder/sla-summary.json" ]; then   # the plain simulation writes none: summarize its run
      java --add-opens=java.base/java.lang=ALL-UNNAMED -cp "$(classpath)" -Drun="$folder" io.chatload.report.RunSummary > "$dir/summary.log" 2>&1 \
        || { echo "summary of $folder failed: $dir/summary.log" >&2; tail -5 "$dir/summary.log" >&2; }
    fi
    python3 - "$folder/sla-summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
req = {r["name"]: r for r in s["requests"]}
ko = sum(r["ko"] for r in s["requests"])
events = {e: {"p50": req[e]["p50"], "p99": req[e]["p99"], "count": req[e]["count"]} for e in
          ["agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed"] if e in req}
inj = s.get("injector")
print(json.dumps({"ko": ko, "events": events, "saturated": None if inj is None else inj["saturated"],
                  "excused": None if inj is None else inj.get("lateFramesExcused"), "verdict": None if inj is None else s.get("verdict"),
                  "gc_max": None if inj is None else inj.get("gcPauseMaxMs")}))
PY
  fi
}

install_artillery_if_needed() { case " $INJECTORS " in *" artillery "*) install_artillery ;; esac; }
install_artillery_if_needed
classpath > /dev/null
case " $INJECTORS " in *" baseline "*) baseline_classpath > /dev/null ;; esac   # compiled now, not between rounds
[ "${BENCH_PROFILE:-0}" = 1 ] && async_profiler_lib > /dev/null   # fetched now, not inside a window
start_target -Dreference.latency=fixed:100,300,500,900,1300

WARMUP_USERS="${BENCH_WARMUP_USERS:-$USERS}"
WARMUP_TURNS="${BENCH_WARMUP_TURNS:-8}"
[ "$WARMUP_USERS" -gt 0 ] && warm_target "$WARMUP_USERS" "$WARMUP_TURNS"
# round r runs the injectors starting from the r-th: enterprise plain artillery, plain artillery enterprise, ...
rotated() {
  local -a list; read -r -a list <<< "$INJECTORS"
  local n=${#list[@]} i
  for ((i = 0; i < n; i++)); do printf '%s ' "${list[$(( (i + $1 - 1) % n ))]}"; done
}

TSV="$OUT/peer-comparison.tsv"
printf "users\tround\tinjector\tload1\tcpu_ms\tevents\tcpu_ms_per_1000\tevents_per_s\trss_kb_per_user\theap_kb_per_user\tko\tp50_err_min\tp50_err_max\tp99_err_min\tp99_err_max\tsaturated\tlate_excused\tverdict\tgc_max_ms\n" > "$TSV"
for round in $(seq 1 "$ROUNDS"); do
  for inj in $(rotated "$round"); do
    dir="$OUT/peer-$inj-$USERS-$round$(echo "${BENCH_JAVA_OPTS:-}" | tr -c 'A-Za-z0-9' '_' | sed 's/^_*/-/; s/_*$//; s/^-$//')"
    rm -rf "$dir"; mkdir -p "$dir"
    logins0=$(counter logins)
    start_injector "$inj" "$dir"
    # the run starts when its first login reaches the target (JVM and Node start-up excluded)
    for _ in $(seq 1 600); do
      [ "$(counter logins)" -gt "$logins0" ] && break
      kill -0 "$INJECTOR_PID" 2> /dev/null || { echo "$inj exited before its first login: $dir/console.log" >&2; tail -20 "$dir/console.log" >&2; exit 1; }
      sleep 0.1
    done
    t0=$(date +%s.%N)
    sleep_until() { local s; s=$(python3 -c "import time; print(max(0, $t0 + $1 - time.time()))"); sleep "$s"; }
    sleep_until $FROM
    cpu0=$(tree_cpu_ms "$INJECTOR_PID"); ev0=$(counter eventsSent); l0=$(load1); thread_cpu "$INJECTOR_PID" > "$dir/threads-0.tsv"
    profiled=""; [ "${BENCH_PROFILE:-0}" = 1 ] && [ "$inj" != artillery ] && profile_start "$INJECTOR_PID" && profiled=1
    sleep_until $TO
    [ -n "$profiled" ] && profile_stop "$INJECTOR_PID" "$dir/profile.collapsed"
    cpu1=$(tree_cpu_ms "$INJECTOR_PID"); ev1=$(counter eventsSent); rss=$(tree_rss_kb "$INJECTOR_PID"); l1=$(load1)
    thread_cpu "$INJECTOR_PID" > "$dir/threads-1.tsv"
    # where the window's CPU went, by kind of thread (event loops, GC, JIT, ...)
    thread_cpu_diff "$dir/threads-0.tsv" "$dir/threads-1.tsv" > "$dir/thread-cpu.txt"
    [ -n "$profiled" ] && profile_summary "$dir/profile.collapsed" > "$dir/profile.txt"
    heap_kb=""
    # heap after a full GC is a stop-the-world pause of up to ~0.5 s while users are still active: it
    # would inflate the JVM injectors' tails (the injector watch reports it as a GC pause), so only on request
    if [ "$inj" != artillery ] && [ "${BENCH_HEAP:-0}" = 1 ]; then heap_kb=$(python3 -c "print(round($(heap_mb "$INJECTOR_PID") * 1024))"); fi
    # bounded: the injectors stop by themselves when every user has done its turns
    for _ in $(seq 1 1200); do kill -0 "$INJECTOR_PID" 2> /dev/null || break; sleep 0.25; done
    if kill -0 "$INJECTOR_PID" 2> /dev/null; then echo "$inj still running after 5 min past the window: killed" >&2; cleanup; fi
    wait "$INJECTOR_PID" 2> /dev/null || true
    INJECTOR_PID=""
    fig=$(figures "$inj" "$dir") || { echo "no figures for $inj: $dir" >&2; continue; }
    python3 - "$USERS" "$round" "$inj" "$l0" "$l1" "$cpu0" "$cpu1" "$ev0" "$ev1" "$rss" "${heap_kb:-}" "$fig" $((TO - FROM)) <<'PY' | tee -a "$TSV"
import json, sys
users, rnd, inj, l0, l1, cpu0, cpu1, ev0, ev1, rss, heap, fig, secs = sys.argv[1:]
f = json.loads(fig)
truth = {"agent_started": 100, "agent_thinking": 300, "tool_executing": 500, "tool_completed": 900, "agent_completed": 1300}
cpu = int(cpu1) - int(cpu0); ev = int(ev1) - int(ev0); u = int(users)
p50 = [f["events"][e]["p50"] - t for e, t in truth.items() if e in f["events"]]
p99 = [f["events"][e]["p99"] - t for e, t in truth.items() if e in f["events"]]
rng = lambda v, g: round(g(v)) if v else ""
sat = "" if f["saturated"] is None else ("yes" if f["saturated"] else "no")
print("\t".join(str(x) for x in [users, rnd, inj, f"{float(l0):.1f}-{float(l1):.1f}", cpu, ev, round(cpu * 1000 / max(1, ev)), round(ev / int(secs)),
      round(int(rss) / u, 1), round(int(heap) / u, 1) if heap else "", f["ko"], rng(p50, min), rng(p50, max), rng(p99, min), rng(p99, max), sat,
      "" if f.get("excused") is None else f["excused"], f.get("verdict") or "", "" if f.get("gc_max") is None else f["gc_max"]]))
PY
    # let the target close the last sockets before the next injector
    for _ in $(seq 1 40); do [ "$(counter socketsOpen)" -eq 0 ] && break; sleep 0.5; done
  done
done

python3 - "$TSV" "$OUT/peer-comparison.md" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
med = lambda xs: statistics.median(xs) if xs else None
out = ["| injector | users | rounds | CPU ms / 1,000 events | events/s | p50 − true (ms) | p99 − true (ms) | KO | RSS KB / user | heap KB / user | load (1 min) | self-verdict | late frames excused | verdict | GC longest pause (ms) |",
       "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---|---:|"]
for inj in dict.fromkeys(r["injector"] for r in rows):
    rs = [r for r in rows if r["injector"] == inj]
    num = lambda k: [float(r[k]) for r in rs if r[k] != ""]
    cpu = num("cpu_ms_per_1000")
    def span(lo, hi):
        a, b = med(num(lo)), med(num(hi))
        return "" if a is None else f"{a:+.0f} to {b:+.0f}"
    per_round = " / ".join(r["cpu_ms_per_1000"] for r in rs)
    heap = med(num("heap_kb_per_user"))
    sat = ", ".join(sorted({r["saturated"] for r in rs if r["saturated"]})) or "n/a"
    out.append(f"| {inj} | {rs[0]['users']} | {len(rs)} | **{med(cpu):.0f}** ({per_round}) | {med(num('events_per_s')):.0f} | {span('p50_err_min', 'p50_err_max')} | "
               f"{span('p99_err_min', 'p99_err_max')} | {' / '.join(r['ko'] for r in rs)} | {med(num('rss_kb_per_user')):.0f} | "
               f"{'' if heap is None else f'{heap:.0f}'} | {', '.join(r['load1'] for r in rs)} | saturated: {sat} | "
               f"{' / '.join(r.get('late_excused') or 'n/a' for r in rs)} | {' / '.join(r.get('verdict') or 'n/a' for r in rs)} | "
               f"{' / '.join(r.get('gc_max_ms') or 'n/a' for r in rs)} |")
text = "\n".join(out)
open(sys.argv[2], "w").write(text + "\n")
print()
print(text)
PY
