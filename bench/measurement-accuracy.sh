#!/usr/bin/env bash
# Measurement accuracy: the reference target with fixed, jitter-free delays
# (agent_started 100, agent_thinking 300, tool_executing 500, tool_completed 900, agent_completed 1300 ms);
# the error of Gatling's reported p50 and p99 per event against the true delay.
# Usage: bench/measurement-accuracy.sh [users ...]   (default: 100 1000 5000)
source "$(dirname "$0")/common.sh"
USERS_LIST=("${@:-100 1000 5000}")
ROUNDS="${BENCH_ROUNDS:-3}"
start_target -Dreference.latency=fixed:100,300,500,900,1300
trap stop_target EXIT
printf "users\tround\tevent\ttrue ms\tp50 error ms\tp99 error ms\n" | tee "$OUT/measurement-accuracy.tsv"
for users in ${USERS_LIST[*]}; do
  for round in $(seq 1 "$ROUNDS"); do
    run_gatling "accuracy-$users-$round" -Dusers="$users" -Dramp=20 -Dhold=30 -Dturns=3 -DthinkMin=3 -DthinkMax=5
    wait_gatling "accuracy-$users-$round"
    python3 - "$FOLDER" "$users" "$round" <<'PY' | tee -a "$OUT/measurement-accuracy.tsv"
import json, sys
folder, users, rnd = sys.argv[1:]
s = json.load(open(folder + "/sla-summary.json"))
truth = {"agent_started": 100, "agent_thinking": 300, "tool_executing": 500, "tool_completed": 900, "agent_completed": 1300}
for r in s["requests"]:
    if r["name"] in truth:
        t = truth[r["name"]]
        print(f"{users}\t{rnd}\t{r['name']}\t{t}\t{r['p50'] - t}\t{r['p99'] - t}")
PY
  done
done
