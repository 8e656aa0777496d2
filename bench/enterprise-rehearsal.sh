#!/usr/bin/env bash
# A local rehearsal of a Gatling Enterprise run (docs/SCALING_OUT.md): builds the package with
# `gatling:enterprisePackage`, checks what it holds, then launches it as a load generator does —
# `java -cp <package jar>:<Gatling's class path> io.gatling.app.Gatling -s …`, no option of the pom,
# only the two --add-opens Gatling itself needs — against a standalone reference target:
#   1. one generator running EnterpriseLoad: its verdict must hold;
#   2. N injectors at once against one fresh target, each with its share (-Dinjector.index/count):
#      each verdict must hold, and the target's counters must show no user logged in from two
#      injectors (distinct users logged in = the injectors' logins; repeat logins = their N pre-flights).
# The combined verdict fails when any of this does: one breached injector fails the whole run.
#
# Usage: bench/enterprise-rehearsal.sh [injectors] [users per injector]     (default 3 × 30)
#        bench/enterprise-rehearsal.sh package     the package and its checks only (~15 s; CI runs this)
#   REHEARSAL_RAMP   seconds over which each injector starts its users (default 30)
#   BENCH_PORT       the reference target's loopback port (default 18310)
#   REHEARSAL_SHARES=off   start the injectors without their shares: the check must then fail (a test of the test)
# Loopback only; at most 4 injectors × 200 users, each injector's JVM killed after 300 s.
export BENCH_PORT="${BENCH_PORT:-18310}"
source "$(dirname "$0")/common.sh"
PACKAGE_ONLY=false
if [ "${1:-}" = package ]; then PACKAGE_ONLY=true; set --; fi
INJECTORS="${1:-3}"
USERS="${2:-30}"
RAMP="${REHEARSAL_RAMP:-30}"
if [ "$INJECTORS" -lt 2 ] || [ "$INJECTORS" -gt 4 ]; then echo "injectors must be 2..4" >&2; exit 2; fi
if [ "$USERS" -lt 1 ] || [ "$USERS" -gt 200 ]; then echo "users per injector must be 1..200" >&2; exit 2; fi
if [ "$RAMP" -lt 1 ] || [ "$RAMP" -gt 120 ]; then echo "REHEARSAL_RAMP must be 1..120 s" >&2; exit 2; fi
DIR="$OUT/rehearsal"
rm -rf "$DIR"; mkdir -p "$DIR"
PIDS=()
trap 'stop_target; for p in "${PIDS[@]}"; do kill "$p" 2> /dev/null || true; done' EXIT
BREACHES=()
breach() { BREACHES+=("$1"); echo "BREACH: $1"; }

echo "== the package"
./mvnw -q -B gatling:enterprisePackage
JAR=$(ls -t target/*-shaded.jar | head -1)
unzip -Z1 "$JAR" > "$DIR/package.txt"
count() { grep -c -E "$1" "$DIR/package.txt" || true; }
echo "$JAR: $(wc -l < "$DIR/package.txt") entries"
printf '  %-44s %s\n' "Gatling's own classes (io/gatling/)" "$(count '^io/gatling/')" \
  "classes of io/chatload/simulations/" "$(count '^io/chatload/simulations/.+\.class$')" \
  "user-files: targets/ sla/ feeders/" "$(count '^(targets|sla|feeders)/.+\.(properties|json|csv)$')" \
  "test classes (*Test*.class)" "$(count 'Test(\$.*)?\.class$')" \
  "bench classes (io/chatload/bench/)" "$(count '^io/chatload/bench/.+\.class$')" \
  "JUnit (org/junit/)" "$(count '^org/junit/.+\.class$')"
[ "$(count '^io/gatling/')" -eq 0 ] || breach "the package holds Gatling's own classes"
for f in io/chatload/simulations/EnterpriseLoad.class feeders/users.csv feeders/prompts.csv sla/embedded.json targets/staging.properties gatling.conf; do
  grep -qx "$f" "$DIR/package.txt" || breach "the package lacks $f"
done

if $PACKAGE_ONLY; then
  [ "${#BREACHES[@]}" -eq 0 ] && { echo "PACKAGE HELD"; exit 0; }
  printf 'PACKAGE FAILED:\n'; printf '  - %s\n' "${BREACHES[@]}"; exit 1
fi

# Gatling's class path as a generator has it: gatling-charts-highcharts and what it brings, nothing of this project
mkdir -p "$DIR/gatling"
GATLING_VERSION=$(sed -n "s:.*<gatling.version>\(.*\)</gatling.version>.*:\1:p" pom.xml)
cat > "$DIR/gatling/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>rehearsal</groupId><artifactId>gatling-classpath</artifactId><version>1</version>
  <dependencies><dependency><groupId>io.gatling.highcharts</groupId><artifactId>gatling-charts-highcharts</artifactId>
    <version>$GATLING_VERSION</version></dependency></dependencies>
</project>
POM
./mvnw -q -B -f "$DIR/gatling/pom.xml" dependency:build-classpath -Dmdep.outputFile="$DIR/gatling/classpath.txt"
GENERATOR_CP="$ROOT/$JAR:$(cat "$DIR/gatling/classpath.txt")"

# generator <results dir> <-D options...>: EnterpriseLoad from the package, as a load generator runs it (in the background).
# No health probe, as in the other benchmarks: a few samples of /health taken while N JVMs start on 2 shared cores
# made a p95 of one slow sample (1.2 s) the only breach of a first rehearsal; the journey's SLAs all apply.
generator() {
  local dir="$1"; shift
  mkdir -p "$dir"
  # from the results folder: nothing of the checkout (pom, user-files/, target/) is at hand
  (cd "$dir" && exec timeout 300 java --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED \
    -cp "$GENERATOR_CP" -Dtarget.backendUrl="http://127.0.0.1:$PORT" \
    -Dinjection=at-once -Dusers="$USERS" -Dramp="$RAMP" -Dhold=0 -Dturns=2 -DthinkMin=2 -DthinkMax=3 -Dhealth.interval=0 "$@" \
    io.gatling.app.Gatling -s io.chatload.simulations.EnterpriseLoad -rf "$dir/results" > "$dir/console.log" 2>&1) &
  PIDS+=($!)
}

# login_ok <run dir>: the logins that got a token, from the injector's sla-summary.json
login_ok() {
  python3 - "$1" <<'PY'
import glob, json, sys
files = glob.glob(sys.argv[1] + "/results/*/sla-summary.json")
if not files:
    print(-1); sys.exit()
reqs = json.load(open(files[0]))["requests"]
print(sum(r["ok"] for r in (reqs.values() if isinstance(reqs, dict) else reqs) if r["name"] == "login"))
PY
}

target_counters() { for c in logins usersLoggedIn repeatLogins handshakesRefused; do printf '%s=%s ' "$c" "$(counter "$c")"; done; echo; }

echo "== one generator, without the pom's options, against a standalone reference target on 127.0.0.1:$PORT"
classpath > /dev/null
start_target -Dreference.connectionsPerUser=3
generator "$DIR/single"
wait "${PIDS[0]}" && code=0 || code=$?
echo "  exit $code; $(grep -h '^SLA summary' "$DIR/single/console.log" || echo 'no SLA summary')"
[ "$code" -eq 0 ] || { breach "the lone generator's verdict (exit $code): $DIR/single/console.log"; tail -30 "$DIR/single/console.log"; }
echo "  target: $(target_counters)"
stop_target

echo "== $INJECTORS injectors at once, $USERS users each, against one fresh target"
start_target -Dreference.connectionsPerUser=3
PIDS=()
for i in $(seq 1 "$INJECTORS"); do
  if [ "${REHEARSAL_SHARES:-on}" = off ]; then
    generator "$DIR/injector-$i"
  else
    generator "$DIR/injector-$i" -Dinjector.index="$i" -Dinjector.count="$INJECTORS"
  fi
done
total_logins=0
for i in $(seq 1 "$INJECTORS"); do
  wait "${PIDS[$((i - 1))]}" && code=0 || code=$?
  ok=$(login_ok "$DIR/injector-$i")
  share=$(grep -ho 'injector [0-9]* of [0-9]*: identity stripes [0-9-]*' "$DIR/injector-$i/console.log" | head -1 || true)
  echo "  injector $i ($share): exit $code, $ok logins; $(grep -h '^SLA summary' "$DIR/injector-$i/console.log" | sed 's/: .*//' || echo 'no SLA summary')"
  [ "$code" -eq 0 ] || breach "injector $i's verdict (exit $code): $DIR/injector-$i/console.log"
  [ "$ok" -ge 0 ] || breach "injector $i wrote no sla-summary.json"
  total_logins=$((total_logins + (ok > 0 ? ok : 0)))
done
distinct=$(counter usersLoggedIn); repeat=$(counter repeatLogins); logins=$(counter logins); refused=$(counter handshakesRefused)
echo "  target: logins=$logins usersLoggedIn=$distinct repeatLogins=$repeat handshakesRefused=$refused; the injectors' logins: $total_logins"
# each injector's pre-flight logs in as the first user of its share, whom its first virtual user logs in as again
[ "$distinct" -eq "$total_logins" ] || breach "$distinct distinct users logged in for $total_logins logins of the injectors: an account was shared"
[ "$repeat" -eq "$INJECTORS" ] || breach "$repeat repeat logins, expected $INJECTORS (one per injector's pre-flight user)"
[ "$refused" -eq 0 ] || breach "$refused handshakes refused"
stop_target

echo
if [ "${#BREACHES[@]}" -eq 0 ]; then
  echo "REHEARSAL HELD: the package runs as a generator; $INJECTORS injectors × $USERS users, $total_logins distinct accounts, none shared; every verdict held"
else
  echo "REHEARSAL FAILED (${#BREACHES[@]}):"; printf '  - %s\n' "${BREACHES[@]}"
  exit 1
fi
