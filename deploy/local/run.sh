#!/usr/bin/env bash
# Runs the whole Herald stack on this machine: NATS with JetStream, PostgreSQL (database
# "herald", or HERALD_LOCAL_DB_NAME), the development identity provider and the three services. Builds first if needed.
# Ctrl-C stops everything this script started. The services run in development mode
# (HERALD_DEV_MODE=true): they accept the published default HERALD_GATEWAY_SECRET, which they
# refuse without it. Never run production services in development mode.
#
#   deploy/local/run.sh            then connect a client to the printed WebSocket URL
#   deploy/local/token.sh alice    prints a token for user alice
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
data="$root/.data"
mkdir -p "$data/logs"

log() { echo "[herald] $*" >&2; }

# --- Java 21+ -------------------------------------------------------------------------------
java_ok() { "$1" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; }
if [ -n "${JAVA_HOME:-}" ] && java_ok "$JAVA_HOME/bin/java"; then :; else
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    if [ -x "$candidate/bin/java" ] && java_ok "$candidate/bin/java"; then export JAVA_HOME=$candidate; break; fi
  done
fi
[ -n "${JAVA_HOME:-}" ] || { log "need a JDK 21+ (set JAVA_HOME)"; exit 1; }
java="$JAVA_HOME/bin/java"
java_opts=(--enable-native-access=ALL-UNNAMED ${HERALD_JAVA_OPTS:--XX:+UseSerialGC})
# The gateway's options replace the common ones (a different collector cannot be added on top).
gateway_java_opts=(--enable-native-access=ALL-UNNAMED ${HERALD_GATEWAY_JAVA_OPTS:-${HERALD_JAVA_OPTS:--XX:+UseSerialGC}})

# --- nats-server ----------------------------------------------------------------------------
"$root/deploy/local/ensure-services.sh" --nats-only

# --- build if needed ------------------------------------------------------------------------
jar() { ls "$root"/$1/target/*-all.jar 2>/dev/null | head -1; }
if [ -z "$(jar gateway-service)" ] || [ -z "$(jar message-service)" ] || [ -z "$(jar persistence-worker)" ] \
   || [ -z "$(jar dev-idp)" ] || [ -z "$(jar test-support)" ]; then
  command -v mvn >/dev/null || { log "installing maven"; apt-get install -y -qq maven >&2; }
  log "building (first run only)..."
  mvn -B -q -DskipTests package >&2
fi

pids=()
declare -A name_of=()
cleanup() {
  trap - INT TERM EXIT
  log "stopping..."
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill "${pids[$i]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  log "stopped"
}
trap cleanup INT TERM EXIT

start() { # name, command...
  local name=$1; shift
  "$@" >"$data/logs/$name.log" 2>&1 &
  pids+=($!)
  name_of[$!]=$name
  log "started $name (pid $!, log .data/logs/$name.log)"
}

wait_port() { # port, name
  for _ in $(seq 1 150); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.2; done
  log "$2 did not open port $1; see .data/logs/$2.log"; exit 1
}

# --- PostgreSQL: reuse the server on 127.0.0.1:5432, start a stopped local cluster, else embedded
pg_port=${HERALD_LOCAL_PG_PORT:-5432}
pg_up() { (exec 3<>/dev/tcp/127.0.0.1/$pg_port) 2>/dev/null; }
if ! pg_up && [ "$pg_port" = 5432 ] && ls /etc/postgresql/*/main >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  log "starting the local PostgreSQL cluster"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
  for _ in $(seq 1 50); do pg_up && break; sleep 0.2; done
fi
# Least privilege, as in production: the owner role migrates the schema, the services run as a role that
# can only read and write rows (docs/security.md).
db_owner=${HERALD_LOCAL_DB_OWNER:-herald_owner}
db_name=${HERALD_LOCAL_DB_NAME:-herald}
db_app=${HERALD_DB_APP_ROLE:-herald_app}
if pg_up; then
  log "reusing PostgreSQL on 127.0.0.1:$pg_port"
  if command -v psql >/dev/null; then
    pg() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
    # Without statistics the sign-in queries take bad plans (docs/operations.md, "Query plans").
    [ "$(pg -d postgres -Atc 'show autovacuum')" = on ] || log "warning: this PostgreSQL has autovacuum off:" \
      "its tables are never analyzed and sign-ins slow down as messages are stored (ANALYZE them, or turn it on)"
    for role in "$db_owner" "$db_app"; do
      pg -d postgres -c "DO \$\$ BEGIN CREATE ROLE $role LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$"
    done
    pg -d postgres -Atc "select 1 from pg_database where datname = '$db_name'" | grep -q 1 \
      || pg -d postgres -c "create database $db_name owner $db_owner"
    # A database made before the roles existed: the owner role takes over its schema and tables.
    pg -d "$db_name" -c "GRANT CREATE, USAGE ON SCHEMA public TO $db_owner" -c "DO \$\$ DECLARE t record; BEGIN
        FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner <> '$db_owner' LOOP
          EXECUTE format('ALTER TABLE public.%I OWNER TO $db_owner', t.tablename);
        END LOOP; END \$\$"
  else
    log "no psql: migrating and running as postgres (no separate roles)"; db_owner=postgres; db_app=""
  fi
else
  start postgres "$java" -jar "$(jar test-support)" "$data/postgres" "$pg_port"
  wait_port "$pg_port" postgres
  for _ in $(seq 1 100); do grep -q "embedded PostgreSQL on" "$data/logs/postgres.log" && break; sleep 0.2; done
  log "embedded PostgreSQL: migrating and running as postgres (no separate roles)"; db_owner=postgres; db_app=""
fi

# --- NATS with JetStream --------------------------------------------------------------------
nats_port=${HERALD_LOCAL_NATS_PORT:-4222}
# HERALD_LOCAL_NATS_CLUSTER=N (2..5) starts N nats-servers as one JetStream cluster: client ports from
# HERALD_LOCAL_NATS_PORT, routes from it + 2000, monitoring from it + 4000, stores .data/nats-<i>; the
# stream and buckets get N replicas unless HERALD_NATS_REPLICAS says otherwise. Unset or 1: one server.
nats_nodes=${HERALD_LOCAL_NATS_CLUSTER:-1}
[[ "$nats_nodes" =~ ^[1-5]$ ]] \
  || { log "HERALD_LOCAL_NATS_CLUSTER: $nats_nodes (expected: 1..5)"; exit 2; }
nats_urls=()
for ((n=0; n<nats_nodes; n++)); do nats_urls+=("nats://127.0.0.1:$((nats_port+n))"); done
if [ "$nats_nodes" -eq 1 ]; then
  if (exec 3<>/dev/tcp/127.0.0.1/$nats_port) 2>/dev/null; then
    log "reusing the NATS server already on 127.0.0.1:$nats_port"
  else
    mkdir -p "$data/nats"
    start nats nats-server -a 127.0.0.1 -p "$nats_port" -js -sd "$data/nats"
    wait_port "$nats_port" nats
  fi
else
  command -v curl >/dev/null || { log "HERALD_LOCAL_NATS_CLUSTER needs curl (to wait for the cluster)"; exit 1; }
  for ((n=0; n<nats_nodes; n++)); do
    for port in $((nats_port+n)) $((nats_port+2000+n)) $((nats_port+4000+n)); do
      if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
        log "HERALD_LOCAL_NATS_CLUSTER=$nats_nodes: port $port is taken (a cluster is never mixed with a running"
        log "server: stop it, or move the cluster with HERALD_LOCAL_NATS_PORT)"; exit 1
      fi
    done
  done
  for ((n=0; n<nats_nodes; n++)); do
    routes=()
    for ((r=0; r<nats_nodes; r++)); do if [ "$r" -ne "$n" ]; then routes+=("nats://127.0.0.1:$((nats_port+2000+r))"); fi; done
    mkdir -p "$data/nats-$n"
    start "nats-$n" nats-server -a 127.0.0.1 -p "$((nats_port+n))" -n "herald-nats-$n" -js -sd "$data/nats-$n" \
      -m "$((nats_port+4000+n))" --cluster_name herald-local --cluster "nats://127.0.0.1:$((nats_port+2000+n))" \
      --routes "$(IFS=,; echo "${routes[*]}")"
  done
  for ((n=0; n<nats_nodes; n++)); do wait_port "$((nats_port+n))" "nats-$n"; done
  # Streams can be made once a meta leader is elected and every node has joined it (without ?streams, jsz has
  # one "leader": the meta leader's).
  nats_ready() {
    local jsz; jsz=$(curl -sf "http://127.0.0.1:$((nats_port+4000))/jsz" | tr -d ' \n') || return 1
    [[ $jsz =~ \"leader\":\"[^\"]+\" && $jsz == *"\"cluster_size\":$nats_nodes"* ]]
  }
  for _ in $(seq 1 150); do nats_ready && break; sleep 0.2; done
  nats_ready || { log "the NATS cluster elected no JetStream leader in 30 s; see .data/logs/nats-*.log"; exit 1; }
  log "NATS cluster of $nats_nodes on 127.0.0.1:$nats_port-$((nats_port+nats_nodes-1)) (monitoring :$((nats_port+4000)))"
  export HERALD_NATS_REPLICAS=${HERALD_NATS_REPLICAS:-$nats_nodes}
fi

# --- identity provider and services ---------------------------------------------------------
idp_port=${HERALD_DEV_IDP_PORT:-8090}
export HERALD_DEV_IDP_DIR="$data/idp"
export HERALD_NATS_URL=$(IFS=,; echo "${nats_urls[*]}")
export HERALD_DB_URL=${HERALD_DB_URL:-jdbc:postgresql://127.0.0.1:$pg_port/$db_name}
export HERALD_JWKS_URL="http://127.0.0.1:$idp_port/.well-known/jwks.json"
export HERALD_JWT_ISSUER=${HERALD_JWT_ISSUER:-herald-dev}
export HERALD_JWT_AUDIENCE=${HERALD_JWT_AUDIENCE:-herald}
# Development mode: settings only fit for this machine (the local gateway secret) are accepted.
export HERALD_DEV_MODE=true
grpc_port=${HERALD_GRPC_PORT:-9090}
# gRPC in plain text stays on this machine (off loopback it needs TLS: docs/operations.md "TLS").
export HERALD_GRPC_HOST=${HERALD_GRPC_HOST:-127.0.0.1}
gateway_port=${HERALD_GATEWAY_PORT:-8080}
# HERALD_LOCAL_MESSAGE_SERVICES=N starts N message-services on consecutive gRPC ports from
# HERALD_GRPC_PORT; every gateway links to all of them (each user is served by one, by rendezvous).
message_services=${HERALD_LOCAL_MESSAGE_SERVICES:-1}
[[ "$message_services" =~ ^[1-9][0-9]*$ ]] \
  || { log "HERALD_LOCAL_MESSAGE_SERVICES: $message_services (expected: a whole number >= 1)"; exit 2; }
gateways=${HERALD_LOCAL_GATEWAYS:-1}
[[ "$gateways" =~ ^[1-9][0-9]*$ ]] \
  || { log "HERALD_LOCAL_GATEWAYS: $gateways (expected: a whole number >= 1)"; exit 2; }
# HERALD_LOCAL_WORKERS=N starts N persistence-workers on the one durable consumer (below).
workers=${HERALD_LOCAL_WORKERS:-1}
[[ "$workers" =~ ^[1-9][0-9]*$ ]] \
  || { log "HERALD_LOCAL_WORKERS: $workers (expected: a whole number >= 1)"; exit 2; }
targets=()
for ((m=0; m<message_services; m++)); do targets+=("127.0.0.1:$((grpc_port+m))"); done
export HERALD_MESSAGE_SERVICE_TARGETS=${HERALD_MESSAGE_SERVICE_TARGETS:-$(IFS=,; echo "${targets[*]}")}

log "migrating the schema as $db_owner"
HERALD_DB_USER=$db_owner HERALD_DB_APP_ROLE=$db_app "$java" "${java_opts[@]}" -jar "$(jar message-service)" migrate >&2 \
  || { log "migrate failed"; exit 1; }
export HERALD_DB_USER=${HERALD_DB_USER:-${db_app:-postgres}}

# The browser app at each gateway signs users in by name: the identity provider mints tokens for pages of the
# gateways' origins only (POST /token, on loopback), and the gateways name it in /config.json.
token_origins=()
for ((g=0; g<gateways; g++)); do
  token_origins+=("http://127.0.0.1:$((gateway_port+g))" "http://localhost:$((gateway_port+g))")
done
export HERALD_DEV_TOKEN_URL=${HERALD_DEV_TOKEN_URL:-http://127.0.0.1:$idp_port/token}
start idp "$java" "${java_opts[@]}" -jar "$(jar dev-idp)" serve --port "$idp_port" --dir "$data/idp" \
  --token-origins "$(IFS=,; echo "${token_origins[*]}")"
wait_port "$idp_port" idp
instance_name() { if [ "$2" -eq 0 ]; then echo "$1"; else echo "$1-$(($2+1))"; fi; } # base, index
# Each service's /metrics, /health/live and /health/ready are on its own port + 100: gateway g on 8180+g,
# message-service m on 9190+m by default.
gateway_ops_port=$((gateway_port+100))
grpc_ops_port=$((grpc_port+100))
for ((m=0; m<message_services; m++)); do
  HERALD_GRPC_PORT=$((grpc_port+m)) HERALD_OPS_PORT=$((grpc_ops_port+m)) start "$(instance_name message-service $m)" \
    "$java" "${java_opts[@]}" -jar "$(jar message-service)"
done
for ((m=0; m<message_services; m++)); do wait_port $((grpc_port+m)) "$(instance_name message-service $m)"; done
# HERALD_LOCAL_WORKERS=N starts N persistence-workers on the one durable consumer (each pulls its own batches;
# their writes end the same in any order: docs/architecture.md "Several workers"); ops ports 9290, 9291, ...
for ((w=0; w<workers; w++)); do
  HERALD_OPS_PORT=$((9290+w)) start "$(instance_name persistence-worker $w)" \
    "$java" "${java_opts[@]}" -jar "$(jar persistence-worker)"
done
# HERALD_LOCAL_GATEWAYS=N starts N gateways on consecutive ports (one process holds at most
# ~19,000 sockets here: the open-file limit is 20,000 per process).
for ((g=0; g<gateways; g++)); do
  HERALD_GATEWAY_PORT=$((gateway_port+g)) HERALD_OPS_PORT=$((gateway_ops_port+g)) start "$(instance_name gateway $g)" \
    "$java" "${gateway_java_opts[@]}" -jar "$(jar gateway-service)"
done
for ((g=0; g<gateways; g++)); do wait_port $((gateway_port+g)) "$(instance_name gateway $g)"; done

# One line per instance, so a client (or buf curl) can pick any of them.
listening=""
for ((g=0; g<gateways; g++)); do
  listening+="    $(printf '%-20s' "$(instance_name gateway $g):")ws://127.0.0.1:$((gateway_port+g))/ws"
  listening+="   ops http://127.0.0.1:$((gateway_ops_port+g))/metrics (/health/ready)"$'\n'
done
for ((m=0; m<message_services; m++)); do
  listening+="    $(printf '%-20s' "$(instance_name message-service $m):")gRPC 127.0.0.1:$((grpc_port+m)) (reflection on)"
  listening+="   ops http://127.0.0.1:$((grpc_ops_port+m))/metrics (/health/ready)"$'\n'
done

cat >&2 <<MSG

  Herald is running, in development mode (HERALD_DEV_MODE=true: the local gateway secret is accepted).
${listening}    Browser app:        http://127.0.0.1:$gateway_port/   (sign in with any name; tick Admin for the admin view)
    Token:              deploy/local/token.sh alice [--admin] [--name Alice]
    Logs:               .data/logs/
  Ctrl-C stops it.

MSG
# One process of a tier that has several (a NATS node of a cluster, one of several gateways, message-services or
# workers) may exit, e.g. killed to try a fault: the others keep serving. The stack stops when the last process of
# a kind exits.
live=("${pids[@]}")
while [ ${#live[@]} -gt 0 ]; do
  exited=""
  wait -n -p exited "${live[@]}" || true
  [ -n "$exited" ] || break
  name=${name_of[$exited]:-pid $exited}
  kind=${name%-[0-9]*}
  rest=(); same=0
  for p in "${live[@]}"; do
    [ "$p" = "$exited" ] && continue
    rest+=("$p")
    [ "${name_of[$p]%-[0-9]*}" = "$kind" ] && same=$((same+1))
  done
  live=("${rest[@]}")
  if [ "$same" -eq 0 ]; then
    log "$name exited; see .data/logs/$name.log"
    break
  fi
  log "$name exited (see .data/logs/$name.log); $same other $kind process(es) keep serving. Ctrl-C stops the stack"
done
