#!/usr/bin/env bash
# Cold-start benchmark: fresh JVMs, start to first handled API request, against an in-memory dynalite on 127.0.0.1.
#
#   benchmarks/coldstart.sh [RUNS]        RUNS fresh JVMs per variant (default 10)
#
# Variants, each a fresh `java -cp functions.jar:probes ...` per run, interleaved a,b,c,d within every round:
#   (a) Hello                     bare JVM hello world
#   (b) GetItemFloor <id>         the same DynamoDbClient AwsClients builds + one GetItem: the floor
#   (c) ColdStartProbe query      new QueryApiHandler()   + GET  /orders/{orderId}  (buyer claims)
#   (d) ColdStartProbe command    new CommandApiHandler() + POST /orders (fresh order id, platform claims)
#
# Environment knobs:
#   JVM_OPTS   JVM flags for every measured run. Default: the JAVA_TOOL_OPTIONS of template.yaml's Globals
#              ("-XX:+TieredCompilation -XX:TieredStopAtLevel=1"), read from the template when present.
#   JAVA_HOME  the JDK to run (java from PATH otherwise). Probes are compiled with javac --release 21.
#   WARMUP     untimed rounds before measuring (default 1): warms the OS page cache and dynalite's own JIT.
#
# Needs: a JDK, Node.js >= 20 (dynalite), unzip or jar, GNU time at /usr/bin/time for peak RSS (falls back to
# sampling VmHWM from /proc/<pid>/status). Builds functions/target/functions.jar with Maven if it is missing.
set -euo pipefail

RUNS="${1:-10}"
WARMUP="${WARMUP:-1}"
case "$RUNS" in ''|*[!0-9]*) echo "usage: $0 [RUNS]" >&2; exit 2;; esac
[ "$RUNS" -ge 1 ] && [ "$RUNS" -le 200 ] || { echo "RUNS must be 1..200" >&2; exit 2; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVAC="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
JAR_SRC="$ROOT/functions/target/functions.jar"

if [ -z "${JVM_OPTS:-}" ]; then
  JVM_OPTS="$(sed -n 's/^ *JAVA_TOOL_OPTIONS: *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' "$ROOT/template.yaml" 2>/dev/null | head -1)"
  JVM_OPTS="${JVM_OPTS:--XX:+TieredCompilation -XX:TieredStopAtLevel=1}"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/coldstart.XXXXXX")"
DYNALITE_PID=""
cleanup() {
  if [ -n "$DYNALITE_PID" ] && kill -0 "$DYNALITE_PID" 2>/dev/null; then
    kill "$DYNALITE_PID" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$DYNALITE_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$DYNALITE_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "# $*" >&2; }

# ---------------------------------------------------------------- the deployable jar
if [ ! -f "$JAR_SRC" ]; then
  log "building $JAR_SRC (mvn -q -pl functions -am package -DskipTests)"
  (cd "$ROOT" && mvn -q -pl functions -am package -DskipTests)
fi
# A private copy, so a parallel rebuild of functions/target cannot change the jar mid-run.
cp "$JAR_SRC" "$WORK/functions.jar"
JAR="$WORK/functions.jar"

list_jar() { if command -v unzip >/dev/null; then unzip -Z1 "$1"; else "${JAVA_HOME:+$JAVA_HOME/bin/}jar" tf "$1"; fi; }
JAR_BYTES=$(wc -c < "$JAR")
list_jar "$JAR" > "$WORK/jar.list"
count_prefix() { grep -c "^$1" "$WORK/jar.list" || true; }
NETTY=$(count_prefix 'io/netty/')
APACHE=$(count_prefix 'org/apache/http/')
ENHANCED=$(count_prefix 'software/amazon/awssdk/enhanced/')
JAR_CLASSES=$(grep -c '\.class$' "$WORK/jar.list" || true)

# ---------------------------------------------------------------- probes
mkdir -p "$WORK/probes"
"$JAVAC" --release 21 -nowarn -cp "$JAR" -d "$WORK/probes" "$ROOT"/benchmarks/src/*.java "$ROOT"/benchmarks/seed/*.java
CP="$JAR:$WORK/probes"

# ---------------------------------------------------------------- dynalite on 127.0.0.1, in memory
CLI="$ROOT/emulators/node_modules/dynalite/cli.js"
if [ ! -f "$CLI" ]; then
  log "installing emulators (npm ci in emulators/)"
  (cd "$ROOT/emulators" && npm ci --no-audit --no-fund >&2)
fi
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
node "$CLI" --host 127.0.0.1 --port "$PORT" --createTableMs 0 --deleteTableMs 0 --updateTableMs 0 \
  > "$WORK/dynalite.log" 2>&1 < /dev/null &
DYNALITE_PID=$!
for i in $(seq 1 100); do
  grep -q listening "$WORK/dynalite.log" 2>/dev/null && break
  kill -0 "$DYNALITE_PID" 2>/dev/null || { cat "$WORK/dynalite.log" >&2; echo "dynalite exited" >&2; exit 1; }
  [ "$i" -eq 100 ] && { echo "dynalite not listening after 20 s" >&2; exit 1; }
  sleep 0.2
done
log "dynalite pid $DYNALITE_PID on 127.0.0.1:$PORT"

# Exactly the variables a Lambda writer function gets (template.yaml), nothing inherited from this shell:
# no real credentials, no profile, no proxy. Queue URLs and scheduler values are dummies; the measured request
# paths (GET /orders/{id}, POST /orders) do not touch SQS or the Scheduler.
RUN_ENV=(env -i "PATH=$PATH" "HOME=$WORK" "LANG=C.UTF-8"
  "AWS_REGION=eu-west-1" "AWS_ACCESS_KEY_ID=local" "AWS_SECRET_ACCESS_KEY=local"
  "AWS_ENDPOINT_URL=http://127.0.0.1:$PORT"
  "TABLE_NAME=bench-disputes"
  "ARBITRATION_QUEUE_URL=http://127.0.0.1:9/000000000000/bench-arbitration"
  "REFUND_QUEUE_URL=http://127.0.0.1:9/000000000000/bench-refunds"
  "SCHEDULE_GROUP=bench-deadlines"
  "SCHEDULER_ROLE_ARN=arn:aws:iam::123456789012:role/bench-scheduler"
  "DEADLINE_TARGET_ARN=arn:aws:lambda:eu-west-1:123456789012:function:bench-deadline:live"
  "DEADLINE_DLQ_ARN=arn:aws:sqs:eu-west-1:123456789012:bench-deadline-dlq")

SEED_ID="bench-seed-$$"
"${RUN_ENV[@]}" timeout 120 "$JAVA" -cp "$CP" Seed "$SEED_ID" >&2

# ---------------------------------------------------------------- measuring
HAVE_TIME=0
if /usr/bin/time -f %M true >/dev/null 2>&1; then HAVE_TIME=1; else log "GNU time missing (apt-get install -y time): sampling VmHWM instead"; fi

now_ns() { date +%s%N; }

# run_one <name> <main class and args...>: appends "wallMs inJvmMs rssKiB cpuMs" to $WORK/<name>.dat
run_one() {
  local name="$1"; shift
  local out="$WORK/out" err="$WORK/err" rss="$WORK/rss" t0 t1 status injvm peak cpu="-"
  # shellcheck disable=SC2086
  if [ "$HAVE_TIME" -eq 1 ]; then
    t0=$(now_ns)
    "${RUN_ENV[@]}" timeout 60 /usr/bin/time -f "%M %U %S" -o "$rss" "$JAVA" $JVM_OPTS -cp "$CP" "$@" > "$out" 2> "$err" || status=$?
    t1=$(now_ns)
    peak=$(tail -1 "$rss" | awk '{print $1}')
    cpu=$(tail -1 "$rss" | awk '{printf "%d", ($2 + $3) * 1000}')
  else
    t0=$(now_ns)
    # env execs java, so $! is the JVM's own pid (no timeout wrapper here: the loop bounds it to ~60 s instead)
    "${RUN_ENV[@]}" "$JAVA" $JVM_OPTS -cp "$CP" "$@" > "$out" 2> "$err" &
    local pid=$! hwm=0 v deadline=$(( $(date +%s) + 60 ))
    while kill -0 "$pid" 2>/dev/null; do
      v=$(awk '/^VmHWM/{print $2}' "/proc/$pid/status" 2>/dev/null || true)
      [ -n "$v" ] && [ "$v" -gt "$hwm" ] && hwm=$v
      [ "$(date +%s)" -gt "$deadline" ] && kill -9 "$pid" 2>/dev/null
      sleep 0.005
    done
    wait "$pid" || status=$?
    t1=$(now_ns)
    peak=$hwm
  fi
  if [ -n "${status:-}" ]; then
    echo "run of $* failed (exit $status):" >&2; cat "$out" "$err" >&2; exit 1
  fi
  injvm=$(sed -n 's/.*inJvmMs=\([0-9]*\).*/\1/p' "$out")
  echo "$(( (t1 - t0) / 1000000 )) ${injvm:--} $peak $cpu" >> "$WORK/$name.dat"
}

round() {
  run_one a Hello
  run_one b GetItemFloor "$SEED_ID"
  run_one c ColdStartProbe query "$SEED_ID"
  run_one d ColdStartProbe command "bench-$$-$1-$RANDOM"
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
log "JVM: $("$JAVA" -version 2>&1 | sed -n 2p)"
log "JVM_OPTS: $JVM_OPTS"
for w in $(seq 1 "$WARMUP"); do round "w$w"; done
rm -f "$WORK"/?.dat
for r in $(seq 1 "$RUNS"); do
  round "$r"
  log "round $r/$RUNS: a=$(tail -1 "$WORK/a.dat") b=$(tail -1 "$WORK/b.dat") c=$(tail -1 "$WORK/c.dat") d=$(tail -1 "$WORK/d.dat")  (wallMs inJvmMs rssKiB cpuMs)"
done

# ---------------------------------------------------------------- classes loaded (one extra, untimed run each)
classes() {
  local name="$1"; shift
  # shellcheck disable=SC2086
  "${RUN_ENV[@]}" timeout 60 "$JAVA" $JVM_OPTS -Xlog:class+load=info:file="$WORK/$name.classes" -cp "$CP" "$@" > /dev/null 2>&1
  local total shared jar
  total=$(grep -c 'source:' "$WORK/$name.classes" || true)
  shared=$(grep -c 'source: shared objects file' "$WORK/$name.classes" || true)
  jar=$(grep -c 'source: file:' "$WORK/$name.classes" || true)
  echo "$total $shared $jar"
}
CLS_A=$(classes a Hello)
CLS_B=$(classes b GetItemFloor "$SEED_ID")
CLS_C=$(classes c ColdStartProbe query "$SEED_ID")
CLS_D=$(classes d ColdStartProbe command "bench-$$-classes-$RANDOM")

# ---------------------------------------------------------------- report
# stat <file> <column> <median|p90|max>  (nearest-rank percentiles)
stat() {
  awk -v c="$2" '$c != "-" {print $c}' "$1" | sort -n | awk -v q="$3" '
    {v[NR]=$1} END {
      if (NR == 0) { print "-"; exit }
      if (q == "max") { print v[NR]; exit }
      p = (q == "median") ? 0.5 : 0.9
      i = int(p * NR + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR
      if (q == "median" && NR % 2 == 0) print (v[NR/2] + v[NR/2+1]) / 2; else print v[i]
    }'
}
mib() { awk -v k="$1" 'BEGIN { if (k == "-") print "-"; else printf "%.1f", k / 1024 }'; }
ms()  { awk -v m="$1" 'BEGIN { if (m == "-") print "-"; else printf "%.0f", m }'; }
ratio() { awk -v x="$1" -v y="$2" 'BEGIN { if (x == "-" || y == "-" || y == 0) print "-"; else printf "%.2f", x / y }'; }

label() {
  case "$1" in
    a) echo "(a) hello world";;
    b) echo "(b) GetItem floor";;
    c) echo "(c) QueryApiHandler GET /orders/{orderId}";;
    d) echo "(d) CommandApiHandler POST /orders";;
  esac
}

echo
echo "Runs per variant: $RUNS (after $WARMUP untimed warm-up round(s)); JVM flags: \`$JVM_OPTS\`"
echo "JDK: $("$JAVA" -version 2>&1 | sed -n 2p); machine: $(nproc) CPUs; load average (1/5/15 min) before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo
echo "| Variant | first response in JVM, median / p90 (ms) | process wall, median / p90 (ms) | CPU user+sys, median / p90 (ms) | peak RSS, median / max (MiB) | classes loaded (total / from CDS archive / from jar+probes) |"
echo "|---|---|---|---|---|---|"
for v in a b c d; do
  f="$WORK/$v.dat"
  case $v in a) cls=$CLS_A;; b) cls=$CLS_B;; c) cls=$CLS_C;; d) cls=$CLS_D;; esac
  read -r ct cs cj <<< "$cls"
  echo "| $(label $v) | $(ms "$(stat "$f" 2 median)") / $(ms "$(stat "$f" 2 p90)") | $(ms "$(stat "$f" 1 median)") / $(ms "$(stat "$f" 1 p90)") | $(ms "$(stat "$f" 4 median)") / $(ms "$(stat "$f" 4 p90)") | $(mib "$(stat "$f" 3 median)") / $(mib "$(stat "$f" 3 max)") | $ct / $cs / $cj |"
done
echo
B_IN=$(stat "$WORK/b.dat" 2 median); B_WALL=$(stat "$WORK/b.dat" 1 median); B_CPU=$(stat "$WORK/b.dat" 4 median)
echo "| Ratio to (b), medians | first response in JVM | process wall | CPU user+sys | target |"
echo "|---|---|---|---|---|"
for v in c d; do
  echo "| $(label $v) / (b) | $(ratio "$(stat "$WORK/$v.dat" 2 median)" "$B_IN") | $(ratio "$(stat "$WORK/$v.dat" 1 median)" "$B_WALL") | $(ratio "$(stat "$WORK/$v.dat" 4 median)" "$B_CPU") | <= 1.30 (first response) |"
done
echo
awk -v b="$JAR_BYTES" 'BEGIN { printf "Deployable jar functions/target/functions.jar: %d bytes = %.2f MB (10^6) = %.2f MiB; target <= 10 MB\n", b, b / 1e6, b / 1048576 }'
echo "Jar contents: $JAR_CLASSES classes; io/netty: $NETTY entries; org/apache/http: $APACHE entries; software/amazon/awssdk/enhanced: $ENHANCED entries"
echo "Peak RSS source: $([ "$HAVE_TIME" -eq 1 ] && echo '/usr/bin/time -f %M (max RSS of the java process)' || echo 'VmHWM sampled from /proc/<pid>/status every 5 ms')"
