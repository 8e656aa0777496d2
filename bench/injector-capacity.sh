#!/usr/bin/env bash
# Injector capacity: the golden path with every check on, against the reference target in its own
# JVM (latencyScale 0.05), so the injector is what is stressed. Three rounds per user count.
# Usage: bench/injector-capacity.sh [users ...]   (default: 1000 5000)
source "$(dirname "$0")/common.sh"
USERS_LIST=("${@:-1000 5000}")
ROUNDS="${BENCH_ROUNDS:-3}"
RAMP=30; HOLD=40
start_target -Dreference.latencyScale=0.05
trap stop_target EXIT
printf "users\tround\tconnected\tevents/s\tcpu ms/1000 events\theap KB/user\tKO\n" | tee "$OUT/injector-capacity.tsv"
for users in ${USERS_LIST[*]}; do
  for round in $(seq 1 "$ROUNDS"); do
    run_gatling "capacity-$users-$round" -Dusers="$users" -Dramp=$RAMP -Dhold=$HOLD -Dturns=4 -DthinkMin=3 -DthinkMax=5
    sleep 2
    heap0=$(heap_mb "$GATLING_PID")                 # before the ramp has brought many users
    sleep $((RAMP + HOLD / 2 - 2))
    connected=$(curl -s "http://127.0.0.1:$PORT/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["counters"]["socketsOpen"])')
    heap1=$(heap_mb "$GATLING_PID")                 # mid-hold, all users connected
    cpu0=$(tree_cpu_ms "$GATLING_PID")
    sleep $((HOLD / 2 - 5))
    cpu1=$(tree_cpu_ms "$GATLING_PID")
    wait_gatling "capacity-$users-$round"
    python3 - "$FOLDER" "$users" "$round" "$connected" "$heap0" "$heap1" "$cpu0" "$cpu1" "$((HOLD / 2 - 5))" <<'PY' | tee -a "$OUT/injector-capacity.tsv"
import json, sys
folder, users, rnd, connected, heap0, heap1, cpu0, cpu1, secs = sys.argv[1:]
s = json.load(open(folder + "/sla-summary.json"))
events = {r["name"]: r for r in s["requests"]}
names = ["agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed"]
checked = sum(events[n]["count"] for n in names if n in events)
duration = max(1, s["run"]["durationSeconds"])
rate = checked / duration
cpu_ms = float(cpu1) - float(cpu0)
window_events = rate * float(secs)
ko = sum(r["ko"] for r in s["requests"])
heap_per_user = (float(heap1) - float(heap0)) * 1024 / max(1, int(connected))
print(f"{users}\t{rnd}\t{connected}\t{rate:.0f}\t{cpu_ms / max(1, window_events / 1000):.0f}\t{heap_per_user:.1f}\t{ko}")
PY
  done
done
