#!/usr/bin/env bash
# Local runtime start-up: time from launching ./local-run (already built) to its "ready" line, and the resident
# memory of all its processes (the JVM and dynalite) once ready and after a short scripted workload.
#
#   benchmarks/local-runtime.sh [RUNS]     RUNS fresh starts, each on an empty data folder (default 5)
#
# Only 127.0.0.1; every process it starts is stopped at exit.
set -euo pipefail
RUNS="${1:-5}"
case "$RUNS" in ''|*[!0-9]*) echo "usage: $0 [RUNS]" >&2; exit 2;; esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./local-run token --role buyer --sub warm-up >/dev/null   # builds if needed, outside the measurement

WORK="$(mktemp -d "${TMPDIR:-/tmp}/local-runtime.XXXXXX")"
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

rss_mib() { # resident memory of a process and its descendants, MiB
  local total=0 p
  for p in $1 $(pgrep -P "$1" 2>/dev/null); do
    total=$((total + $(awk '/VmRSS/ {print $2}' /proc/"$p"/status 2>/dev/null || echo 0)))
  done
  echo $((total / 1024))
}

port=$((20000 + RANDOM % 20000))
echo "| run | ready (ms, wall) | ready (ms, as printed) | RSS when ready (MiB) | RSS after workload (MiB) |"
echo "|---|---|---|---|---|"
for i in $(seq 1 "$RUNS"); do
  data="$WORK/data-$i"
  start=$(date +%s%N)
  ./local-run --port "$port" --data "$data" --sweep-seconds 5 > "$WORK/out-$i.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 600); do grep -q "ready in" "$WORK/out-$i.log" && break; sleep 0.05; done
  ready_wall=$(( ($(date +%s%N) - start) / 1000000 ))
  printed=$(sed -n 's/.*ready in \([0-9]*\) ms.*/\1/p' "$WORK/out-$i.log")
  java_pid=$(pgrep -f "local-runtime.jar --port $port" | head -1)
  rss_ready=$(rss_mib "$java_pid")
  base="http://127.0.0.1:$port"
  tok() { curl -s -XPOST "$base/_local/token" -d "{\"role\":\"$1\",\"sub\":\"$2\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/'; }
  pt=$(tok platform p); bt=$(tok buyer b-1); st=$(tok seller s-1)
  for n in $(seq 1 20); do
    curl -s -o /dev/null -XPOST "$base/orders" -H "authorization: Bearer $pt" \
      -d "{\"orderId\":\"o$n\",\"buyerId\":\"b-1\",\"sellerId\":\"s-1\",\"amountPaid\":{\"amount\":1000,\"currency\":\"EUR\"},\"deliveryTimeLimitDays\":7}"
    curl -s -o /dev/null -XPOST "$base/orders/o$n/shipments" -H "authorization: Bearer $st" \
      -d "{\"carrier\":\"DHL\",\"trackingNumber\":\"$n\",\"shippedAt\":\"2020-01-01T00:00:00Z\",\"allGoodsShipped\":true}"
  done
  curl -s -o /dev/null -XPOST "$base/_local/clock/advance" -d '{"by":"P5D"}'
  for n in $(seq 1 20); do
    curl -s -o /dev/null -XPOST "$base/orders/o$n/disputes" -H "authorization: Bearer $bt" \
      -d '{"reason":"DAMAGED","amount":{"amount":500,"currency":"EUR"}}'
  done
  curl -s -o /dev/null -XPOST "$base/_local/clock/advance" -d '{"by":"P20D"}'
  rss_after=$(rss_mib "$java_pid")
  echo "| $i | $ready_wall | $printed | $rss_ready | $rss_after |"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
done
echo
echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); load before last run: $(cut -d' ' -f1-3 /proc/loadavg)"
