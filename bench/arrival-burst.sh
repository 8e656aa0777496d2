#!/usr/bin/env bash
# Where the CPU goes while users arrive: every 2 s through the first ~25 s of a run, the CPU of each
# kind of thread of the injector and of the target (JIT compiler, event loops, GC, ...), from
# /proc/<pid>/task/*/stat. The peer comparison's shape (users over 10 s, think 3-5 s, 3 turns), the
# target warmed first as there (warm_target), so what is left is the injector's own burst.
#
# Usage: bench/arrival-burst.sh [users] [enterprise|plain]     (default 2000 enterprise)
#   BENCH_JAVA_OPTS="..."   extra options for the measured injector's JVM
# Loopback only; the run stops by itself after its 3 turns.
source "$(dirname "$0")/common.sh"
USERS="${1:-2000}"
INJ="${2:-enterprise}"
case "$INJ" in enterprise|plain) ;; *) echo "injector must be enterprise or plain" >&2; exit 2 ;; esac
if [ "$USERS" -gt 10000 ] || [ "$USERS" -lt 1 ]; then echo "users must be 1..10000" >&2; exit 2; fi
IPID=""
trap 'stop_target; [ -n "$IPID" ] && kill "$IPID" 2> /dev/null' EXIT
classpath > /dev/null
start_target -Dreference.latency=fixed:100,300,500,900,1300
warm_target "$USERS" 8
dir="$OUT/burst-$INJ-$USERS"; rm -rf "$dir"; mkdir -p "$dir"
extra=()
[ "$INJ" = enterprise ] && extra=(-Dinjection=at-once -Dhold=0)
# shellcheck disable=SC2086
launch_gatling "$INJ" "$dir" ${BENCH_JAVA_OPTS:-} "${extra[@]}" -Dusers="$USERS" -Dramp=10 -Dturns=3 -DthinkMin=3 -DthinkMax=5
IPID=$GATLING_PID
for i in $(seq 0 12); do
  thread_cpu "$IPID" > "$dir/inj-$i.tsv"; thread_cpu "$TARGET_PID" > "$dir/tgt-$i.tsv"
  if [ "$i" -gt 0 ]; then
    echo "--- until ${i}x2 s: injector"; thread_cpu_diff "$dir/inj-$((i - 1)).tsv" "$dir/inj-$i.tsv" 4
    echo "    target"; thread_cpu_diff "$dir/tgt-$((i - 1)).tsv" "$dir/tgt-$i.tsv" 3
  fi
  sleep 2
done
wait "$IPID" || true
IPID=""
echo "run folder: $(ls -td "$dir"/*/ | head -1)"
