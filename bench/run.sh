#!/usr/bin/env bash
# Runs one documented benchmark scenario against a running stack and writes
# results/<scenario>-<timestamp>.json (a summary table goes to stderr).
#
#   bench/run.sh SCENARIO [generator options...]
#
# SCENARIO (the seed stack's suite, bench/run-all.sh there, plus connect):
#   warmup          direct, 1000 sockets, 100 senders, 300 msg/s for 10 s (run once after a fresh start)
#   direct-500      direct, 1000 sockets, 100 senders,   500 msg/s for 20 s
#   direct-2000     direct, 1000 sockets, 100 senders, 2,000 msg/s for 20 s
#   direct-5000     direct, 1000 sockets, 100 senders, 5,000 msg/s for 20 s
#   direct-20000    direct, 1000 sockets, 100 senders, 20,000 msg/s for 20 s (the bare relay's ceiling)
#   sustained-60    direct, 1000 sockets, 100 senders, 5,000 msg/s for 60 s (--rate N for another rate)
#   fanout-100x20   fanout, 1000 sockets, 20 senders, 20 msg/s x 100 receivers for 20 s
#   fanout-999      fanout, 1000 sockets, 10 senders, 50 msg/s x 999 receivers for 20 s (every other socket)
#   room-1000       room of 1,000 members (every socket; made while connecting), 10 senders, 50 msg/s x 999
#                   deliveries for 20 s: the same offered deliveries as fanout-999 (the seed's broadcast)
#   room-10000      room of 10,000 members over 127.0.0.1-4, 10 senders, 5 msg/s x 9,999 deliveries for 20 s
#                   (needs ulimit -n >= 11,000 here and in the shell that started the gateway)
#   idle-10000      idle, 10,000 sockets over 127.0.0.1-4, hold 15 s
#   idle-19000      idle, 19,000 sockets over 127.0.0.1-4, hold 15 s (two worker JVMs)
#   idle-40000      idle, 40,000 sockets over 127.0.0.1-8, hold 15 s (three worker JVMs)
#   idle-100000     idle, 100,000 sockets over six gateways on ports 8080-8085 (HERALD_LOCAL_GATEWAYS=6
#                   deploy/local/run.sh) and 127.0.0.1-8, hold 15 s (six worker JVMs, 40 opening at once each)
#   connect-10000   connect only, 10,000 sockets over 127.0.0.1-4
#   soak            10,000 sockets over 127.0.0.1-4, every one a sender, 2,000 msg/s for 10 minutes; the
#                   services' old generation after a forced full GC read at the end of every minute, the
#                   last minute within 10% of minute 2 (exit 4 otherwise); needs ulimit -n >= 11,000 here
#                   and in the shell that started the gateway
#   soak-smoke      the same with 500 sockets at 200 msg/s for 2 minutes
#   all             warmup, the direct runs, fanout, idle-10000, idle-19000
# Extra options go to the generator and win over the scenario's, e.g.
#   bench/run.sh direct-500 --protocol nest-seed --tokens /tmp/nest-seed/bench/tokens.json \
#       --server-pid "$(cat /tmp/nest-seed/nest-seed.pid)"
# Herald's three service JVMs are found with pgrep when no --server-pid is given.
# Environment: JAVA_HOME (JDK 21+), BENCH_OUT (results directory, default bench/results),
# BENCH_JAVA_OPTS (options of the generator's JVM).
# Exit status: the generator's (0 passed, 1 failed to run, 2 usage, 3 lost or duplicated, 4 soak: old gen grew).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
out_dir=${BENCH_OUT:-$here/results}

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 1 ]] || usage
scenario=$1; shift

jar() { ls "$here"/target/herald-bench-*-all.jar 2>/dev/null | head -n 1; }
if [[ -z "$(jar)" ]]; then
  echo "building the generator (mvn -B -f bench/pom.xml -DskipTests package)" >&2
  (cd "$root" && mvn -B -q -f bench/pom.xml -DskipTests package >&2)
fi

has_option() { local o; for o in "${extra[@]}"; do [[ $o == "$1" || $o == "$1="* ]] && return 0; done; return 1; }
extra=("$@")
pids=()
if ! has_option --server-pid && ! has_option --protocol; then
  found=$(pgrep -d, -f 'gateway-service-.*-all\.jar|message-service-.*-all\.jar|persistence-worker-.*-all\.jar' || true)
  if [[ -n $found ]]; then
    echo "server processes (gateway, message-service, persistence-worker): $found" >&2
    pids=(--server-pid "$found")
  fi
fi

run_one() {
  local name=$1; shift
  mkdir -p "$out_dir"
  local file="$out_dir/$name-$(date -u +%Y%m%dT%H%M%SZ).json"
  echo "== $name -> $file" >&2
  # shellcheck disable=SC2086
  "$java" ${BENCH_JAVA_OPTS:-} -jar "$(jar)" "$@" --label "$name" --out "$file" "${pids[@]}" "${extra[@]}" >/dev/null
}

need_files() { # the generator holds one file per socket (the JVM raises its soft limit to the hard one)
  local hard; hard=$(ulimit -Hn)
  if [[ $hard != unlimited && $hard -lt $1 ]]; then
    echo "ulimit -Hn is $hard: $2 needs at least $1 open files (raise the hard limit)" >&2; exit 1
  fi
}

addrs4=127.0.0.1,127.0.0.2,127.0.0.3,127.0.0.4
addrs8=$addrs4,127.0.0.5,127.0.0.6,127.0.0.7,127.0.0.8
gateways6=$(for p in 8080 8081 8082 8083 8084 8085; do printf 'ws://127.0.0.1:%s/ws,' $p; done); gateways6=${gateways6%,}
scenario() {
  case $1 in
    warmup)        run_one warmup --mode direct --conns 1000 --senders 100 --rate 300 --duration 10 ;;
    direct-500)    run_one direct-500 --mode direct --conns 1000 --senders 100 --rate 500 --duration 20 ;;
    direct-2000)   run_one direct-2000 --mode direct --conns 1000 --senders 100 --rate 2000 --duration 20 ;;
    direct-5000)   run_one direct-5000 --mode direct --conns 1000 --senders 100 --rate 5000 --duration 20 ;;
    direct-20000)  run_one direct-20000 --mode direct --conns 1000 --senders 100 --rate 20000 --duration 20 ;;
    sustained-60)  run_one sustained-60 --mode direct --conns 1000 --senders 100 --rate 5000 --duration 60 ;;
    fanout-999)    run_one fanout-999 --mode fanout --conns 1000 --senders 10 --rate 50 --fanout 999 --duration 20 ;;
    fanout-100x20) run_one fanout-100x20 --mode fanout --conns 1000 --senders 20 --rate 20 --fanout 100 --duration 20 ;;
    room-1000)     run_one room-1000 --mode room --conns 1000 --senders 10 --rate 50 --duration 20 ;;
    room-10000)    need_files 11000 room-10000
                   run_one room-10000 --mode room --conns 10000 --senders 10 --rate 5 --duration 20 --local-addrs $addrs4 ;;
    idle-10000)    run_one idle-10000 --mode idle --conns 10000 --hold 15 --local-addrs $addrs4 ;;
    idle-19000)    run_one idle-19000 --mode idle --conns 19000 --hold 15 --local-addrs $addrs4 ;;
    idle-40000)    run_one idle-40000 --mode idle --conns 40000 --hold 15 --local-addrs $addrs8 ;;
    idle-100000)   run_one idle-100000 --mode idle --conns 100000 --hold 15 --local-addrs $addrs8 --url "$gateways6" --connect-concurrency 40 ;;
    soak)          need_files 11000 soak; run_one soak --mode soak --local-addrs $addrs4 ;;
    soak-smoke)    run_one soak-smoke --mode soak --conns 500 --rate 200 --duration 120 ;;
    connect-10000) run_one connect-10000 --mode connect --conns 10000 --local-addrs $addrs4 ;;
    all)
      local status=0 s
      for s in warmup direct-500 direct-2000 direct-5000 fanout-100x20 idle-10000 idle-19000; do
        scenario "$s" || status=$?
      done
      return $status ;;
    *) echo "unknown scenario '$1'" >&2; usage ;;
  esac
}
scenario "$scenario"
