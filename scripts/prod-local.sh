#!/usr/bin/env bash
# The production shape on one machine, without Docker (issue 16; docs/operations.md "Production shape on one
# machine"): ActiveMQ Artemis (OpenWire), PostgreSQL, two hubs under the prod profile sharing one data root, and the
# CBS simulator as a process of its own.
#
#   scripts/prod-local.sh start    build the jar if missing, bring everything up, wait until healthy, print the addresses
#   scripts/prod-local.sh status   each service with its PID and whether it answers
#   scripts/prod-local.sh stop     stop what start started (by its PID files), hubs first, Artemis last
#
# Every default can be overridden by the environment variable named beside it. Needs Java 17, Maven (only to build),
# curl, and PostgreSQL 15 with its client tools (psql, pg_isready; Debian: postgresql, postgresql-client).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# ---- Defaults (docker/compose.yaml names the same ports and settings: ComposeMatchesScriptTest) -------------------
: "${GGK_PROD_LOCAL_DIR:=$REPO/target/prod-local}"      # the script's own: Artemis instance, simulator, PIDs, logs, secrets
: "${GGK_DATA_DIR:=$GGK_PROD_LOCAL_DIR/data}"           # the data root both hubs share
: "${GGK_HUB1_HTTP_PORT:=18081}"
: "${GGK_HUB1_MANAGEMENT_PORT:=19877}"
: "${GGK_HUB2_HTTP_PORT:=18082}"
: "${GGK_HUB2_MANAGEMENT_PORT:=19878}"
: "${GGK_SIMULATOR_PORT:=18090}"
: "${GGK_ARTEMIS_PORT:=61617}"
: "${GGK_PG_HOST:=127.0.0.1}"
: "${GGK_PG_PORT:=5432}"
: "${GGK_DB_NAME:=ggk}"                                # database the hubs share (created when missing and possible)
: "${GGK_DB_USER:=ggk}"                                # its role (created when missing and possible)
: "${GGK_BROKER_USER:=ggk-hub}"
: "${GGK_ARTEMIS_HOME:=$REPO/target/artemis/apache-artemis-2.40.0}"
: "${GGK_JAR:=$REPO/target/ggk-hub.jar}"
: "${GGK_CLASSPATH:=}"                                  # set: run nl.ggk.hub.GgkHub from this class path instead of the jar
: "${GGK_JAVA:=java}"
: "${GGK_JAVA_OPTS:=-Xmx512m -XX:+ExitOnOutOfMemoryError}"
: "${GGK_TLS_ENABLED:=false}"                           # the prod profile's TLS switches: off here (see docs)
: "${GGK_TLS_CLIENT_AUTH_WS:=off}"
: "${GGK_PORTAL_SECURE_COOKIE:=false}"
: "${GGK_START_TIMEOUT:=180}"                           # seconds start waits for each service to be healthy
: "${GGK_STOP_TIMEOUT:=60}"                             # seconds stop waits for a process before kill -9
# absolute paths: the processes run in directories of their own
GGK_PROD_LOCAL_DIR="$(realpath -m "$GGK_PROD_LOCAL_DIR")"
GGK_DATA_DIR="$(realpath -m "$GGK_DATA_DIR")"
GGK_ARTEMIS_HOME="$(realpath -m "$GGK_ARTEMIS_HOME")"
GGK_JAR="$(realpath -m "$GGK_JAR")"
ARTEMIS_VERSION=2.40.0
POSTGRES_MAJOR=15

RUN="$GGK_PROD_LOCAL_DIR/run"
LOGS="$GGK_PROD_LOCAL_DIR/logs"
SECRETS="$GGK_PROD_LOCAL_DIR/secrets.env"
KEYS="$GGK_PROD_LOCAL_DIR/keys.properties"
REGISTRY="$GGK_PROD_LOCAL_DIR/config/organisations.yaml"
INSTANCE="$GGK_PROD_LOCAL_DIR/artemis"
SERVICES=(artemis simulator hub1 hub2)

say() { printf '%s\n' "$*"; }
fail() { printf 'prod-local: %s\n' "$*" >&2; exit 1; }

# ---- Processes by PID file --------------------------------------------------------------------------------------
pid_of() { [[ -f "$RUN/$1.pid" ]] && cat "$RUN/$1.pid" || true; }

# alive and still ours: the PID is running and its command line names this prod-local directory (no PID reuse)
alive() {
  local pid; pid="$(pid_of "$1")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$GGK_PROD_LOCAL_DIR"
}

address_of() {
  case "$1" in
    artemis) say "tcp://127.0.0.1:$GGK_ARTEMIS_PORT" ;;
    simulator) say "http://127.0.0.1:$GGK_SIMULATOR_PORT/sim/cbs" ;;
    hub1) say "$(scheme)://127.0.0.1:$GGK_HUB1_HTTP_PORT (management http://127.0.0.1:$GGK_HUB1_MANAGEMENT_PORT)" ;;
    hub2) say "$(scheme)://127.0.0.1:$GGK_HUB2_HTTP_PORT (management http://127.0.0.1:$GGK_HUB2_MANAGEMENT_PORT)" ;;
  esac
}

scheme() { [[ "$GGK_TLS_ENABLED" == true ]] && say https || say http; }

healthy() {
  case "$1" in
    artemis) port_open "$GGK_ARTEMIS_PORT" ;;
    simulator) http_ok "http://127.0.0.1:$GGK_SIMULATOR_PORT/sim/cbs/receipts" ;;
    hub1) http_ok "http://127.0.0.1:$GGK_HUB1_MANAGEMENT_PORT/observe/health" ;;
    hub2) http_ok "http://127.0.0.1:$GGK_HUB2_MANAGEMENT_PORT/observe/health" ;;
  esac
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
http_ok() { [[ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null)" == 200 ]]; }

# start SERVICE COMMAND...: detached (own session, no terminal), output to logs/SERVICE.log, PID to run/SERVICE.pid
launch() {
  local name="$1"; shift
  if command -v setsid >/dev/null; then
    setsid "$@" </dev/null >"$LOGS/$name.log" 2>&1 &
  else
    nohup "$@" </dev/null >"$LOGS/$name.log" 2>&1 &
  fi
  echo $! > "$RUN/$name.pid"
}

# bounded wait until SERVICE is healthy; a process that died or a timeout stops everything started so far
await_healthy() {
  local name="$1" waited=0
  while ! healthy "$name"; do
    if ! kill -0 "$(pid_of "$name")" 2>/dev/null; then
      say "prod-local: $name ended during its start; the last lines of $LOGS/$name.log:" >&2
      tail -n 20 "$LOGS/$name.log" >&2 || true
      stop_all >&2
      exit 1
    fi
    if (( waited >= GGK_START_TIMEOUT )); then
      say "prod-local: $name not healthy after ${GGK_START_TIMEOUT}s (GGK_START_TIMEOUT); the last lines of $LOGS/$name.log:" >&2
      tail -n 20 "$LOGS/$name.log" >&2 || true
      stop_all >&2
      exit 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

stop_one() {
  local name="$1" pid waited=0
  pid="$(pid_of "$name")"
  if ! alive "$name"; then
    rm -f "$RUN/$name.pid"
    return
  fi
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && (( waited < GGK_STOP_TIMEOUT )); do
    sleep 1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "prod-local: $name (pid $pid) still running after ${GGK_STOP_TIMEOUT}s: kill -9"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
  rm -f "$RUN/$name.pid"
  say "$name stopped (pid $pid)"
}

stop_all() {
  # the hubs first (they finish what they hold), the simulator, the broker last
  local name running=0
  for name in hub2 hub1 simulator artemis; do
    alive "$name" && running=1
    stop_one "$name"
  done
  [[ $running == 1 ]] || say "prod-local: nothing was running (run/*.pid in $GGK_PROD_LOCAL_DIR)"
}

# ---- Secrets: only from the environment, or generated once and kept in secrets.env (mode 600) --------------------
secret() {
  local name="$1" value="${!1:-}"
  if [[ -z "$value" && -f "$SECRETS" ]]; then
    value="$(sed -n "s/^$name=//p" "$SECRETS" | head -n 1)"
  fi
  if [[ -z "$value" ]]; then
    value="$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    (umask 077; echo "$name=$value" >> "$SECRETS")
  fi
  printf '%s' "$value"
}

# The registry the hubs read: the repository's organisations with a fresh, non-demo key each (the prod profile
# refuses demo keys). The keys themselves are in keys.properties (organisation=key, mode 600), never in the registry.
make_registry() {
  [[ -n "${GGK_ORGANISATIONS:-}" || -f "$REGISTRY" ]] && return
  mkdir -p "$(dirname "$REGISTRY")"
  local org key
  (umask 077; : > "$KEYS")
  {
    sed '/^apiKeys:/,$d' "$REPO/config/organisations.yaml"
    echo "apiKeys:"
    for org in $(sed -n 's/^ *- organisation: "\([^"]*\)".*/\1/p' "$REPO/config/organisations.yaml" | sort -u); do
      key="$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
      echo "$org=$key" >> "$KEYS"
      printf '  - organisation: "%s"\n    sha256: %s\n    demo: false\n' "$org" \
        "$(printf %s "$key" | sha256sum | cut -d' ' -f1)"
    done
  } > "$REGISTRY"
}

# ---- TLS (GGK_TLS_ENABLED=true) ----------------------------------------------------------------------------------
# HTTPS on both hubs' API ports. Without a GGK_TLS_KEYSTORE of the operator's own, a local CA (90 days) made once with
# keytool under tls/: the hubs' server certificate (127.0.0.1, localhost) and a truststore with the CA, which the hubs
# use for client certificates and the simulator (and curl: --cacert tls/ca.pem) to trust the hubs. The passwords are
# GGK_TLS_KEYSTORE_PASSWORD (one for the three stores; generated into secrets.env when unset).
make_tls() {
  [[ "$GGK_TLS_ENABLED" == true ]] || return 0
  local dir="$GGK_PROD_LOCAL_DIR/tls" pass
  if [[ -n "${GGK_TLS_KEYSTORE:-}" ]]; then
    [[ -n "${GGK_TLS_TRUSTSTORE:-}" || "$GGK_TLS_CLIENT_AUTH_WS" == off ]] \
      || fail "GGK_TLS_CLIENT_AUTH_WS=$GGK_TLS_CLIENT_AUTH_WS needs GGK_TLS_TRUSTSTORE (and _PASSWORD) besides GGK_TLS_KEYSTORE"
    SIMULATOR_TRUST=()
    return 0
  fi
  command -v keytool >/dev/null || fail "keytool (part of the JDK) is missing: it makes the local CA for GGK_TLS_ENABLED=true"
  pass="$(secret GGK_TLS_KEYSTORE_PASSWORD)"
  export GGK_TLS_KEYSTORE="$dir/hub.p12" GGK_TLS_KEYSTORE_PASSWORD="$pass"
  export GGK_TLS_TRUSTSTORE="$dir/truststore.p12" GGK_TLS_TRUSTSTORE_PASSWORD="$pass"
  SIMULATOR_TRUST=("-Djavax.net.ssl.trustStore=$dir/truststore.p12" "-Djavax.net.ssl.trustStorePassword=$pass"
    -Djavax.net.ssl.trustStoreType=PKCS12)
  [[ -f "$dir/hub.p12" && -f "$dir/truststore.p12" ]] && return 0
  mkdir -p "$dir" && chmod 700 "$dir"
  local store=(-storetype PKCS12 -storepass "$pass")
  {
    keytool -genkeypair -keystore "$dir/ca.p12" "${store[@]}" -alias ca -dname "CN=ggk-hub prod-local CA" \
      -keyalg RSA -keysize 2048 -validity 90 -ext bc:c
    keytool -exportcert -keystore "$dir/ca.p12" "${store[@]}" -alias ca -rfc -file "$dir/ca.pem"
    keytool -genkeypair -keystore "$dir/hub.p12" "${store[@]}" -alias hub -dname "CN=127.0.0.1" \
      -keyalg RSA -keysize 2048 -validity 90
    keytool -certreq -keystore "$dir/hub.p12" "${store[@]}" -alias hub -file "$dir/hub.csr"
    keytool -gencert -keystore "$dir/ca.p12" "${store[@]}" -alias ca -infile "$dir/hub.csr" -outfile "$dir/hub.pem" \
      -rfc -validity 90 -ext san=ip:127.0.0.1,dns:localhost -ext eku=serverAuth -ext ku=digitalSignature,keyEncipherment
    keytool -importcert -keystore "$dir/hub.p12" "${store[@]}" -alias ca -file "$dir/ca.pem" -noprompt
    keytool -importcert -keystore "$dir/hub.p12" "${store[@]}" -alias hub -file "$dir/hub.pem"
    keytool -importcert -keystore "$dir/truststore.p12" "${store[@]}" -alias ca -file "$dir/ca.pem" -noprompt
  } > "$LOGS/tls.log" 2>&1 || { tail -n 20 "$LOGS/tls.log" >&2; fail "making the local CA failed (log: $LOGS/tls.log)"; }
  say "TLS: a local CA and the hubs' server certificate in $dir (trust it with: curl --cacert $dir/ca.pem)"
}

# ---- Artemis ------------------------------------------------------------------------------------------------------
create_artemis() {
  [[ -f "$INSTANCE/etc/broker.xml" ]] && return
  [[ -x "$GGK_ARTEMIS_HOME/bin/artemis" ]] \
    || fail "no Artemis $ARTEMIS_VERSION at $GGK_ARTEMIS_HOME: run 'mvn -B -q -DskipTests package' (it unpacks it) or set GGK_ARTEMIS_HOME"
  say "creating the Artemis instance $INSTANCE (OpenWire and every other protocol on 127.0.0.1:$GGK_ARTEMIS_PORT)"
  "$GGK_ARTEMIS_HOME/bin/artemis" create "$INSTANCE" --silent --name ggk-prod-local \
    --user "$GGK_BROKER_USER" --password "$BROKER_PASSWORD" --require-login \
    --host 127.0.0.1 --default-port "$GGK_ARTEMIS_PORT" --no-web --no-autotune \
    --no-amqp-acceptor --no-stomp-acceptor --no-hornetq-acceptor --no-mqtt-acceptor \
    --java-memory 512M > "$LOGS/artemis-create.log" 2>&1 \
    || { tail -n 20 "$LOGS/artemis-create.log" >&2; fail "artemis create failed (log: $LOGS/artemis-create.log)"; }
  apply_artemis_settings
}

# The project's shipped Artemis settings (config/artemis/: address settings DLQ.<queue>, redeliveries, security, the
# sender plugin), applied to a new instance before its first start. Kept apart so the way they are applied can change
# without touching the rest: today config/artemis/apply.sh <instance> <artemis-home> when the folder has one.
apply_artemis_settings() {
  local settings="$REPO/config/artemis"
  if [[ -f "$settings/apply.sh" ]]; then
    bash "$settings/apply.sh" "$INSTANCE" "$GGK_ARTEMIS_HOME" >> "$LOGS/artemis-create.log" 2>&1 \
      || { tail -n 20 "$LOGS/artemis-create.log" >&2; fail "applying config/artemis failed (log: $LOGS/artemis-create.log)"; }
    say "applied config/artemis to the instance"
  elif [[ -f "$settings/broker.properties" ]]; then
    cp "$settings/broker.properties" "$INSTANCE/etc/broker.properties"
    say "applied config/artemis/broker.properties to the instance"
  else
    say "no config/artemis: the instance keeps Artemis' defaults"
  fi
}

# ---- PostgreSQL ---------------------------------------------------------------------------------------------------
# GGK_DB_URL given: used as it is (with GGK_DB_USER, GGK_DB_PASSWORD), nothing created. Otherwise database GGK_DB_NAME
# on GGK_PG_HOST:GGK_PG_PORT with role GGK_DB_USER (password GGK_DB_PASSWORD, else generated once into secrets.env).
# What is missing of the two is created as the postgres superuser when the script may act as it (root, or sudo
# without a password); a role that exists is never changed (its password stays), else the commands are printed.
as_postgres() {
  if [[ "$(id -u)" == 0 ]] && command -v runuser >/dev/null; then
    runuser -u postgres -- "$@"
  elif command -v sudo >/dev/null && sudo -n -u postgres true 2>/dev/null; then
    sudo -n -u postgres "$@"
  else
    return 1
  fi
}

db_login() {
  PGPASSWORD="$DB_PASSWORD" psql -q -h "$GGK_PG_HOST" -p "$GGK_PG_PORT" -U "$DB_USER" -d "$GGK_DB_NAME" -tAc 'select 1' >/dev/null 2>&1
}

prepare_database() {
  command -v pg_isready >/dev/null && command -v psql >/dev/null \
    || fail "the PostgreSQL client tools (psql, pg_isready) are missing: apt-get install postgresql-client (and postgresql for a server)"
  if [[ -n "${GGK_DB_URL:-}" ]]; then
    [[ "$GGK_DB_URL" =~ ^jdbc:postgresql://([^:/]+)(:([0-9]+))?/ ]] \
      || fail "GGK_DB_URL must be jdbc:postgresql://host[:port]/database, not $GGK_DB_URL"
    GGK_PG_HOST="${BASH_REMATCH[1]}"; GGK_PG_PORT="${BASH_REMATCH[3]:-5432}"
    pg_isready -q -h "$GGK_PG_HOST" -p "$GGK_PG_PORT" -t 5 \
      || fail "PostgreSQL does not answer on $GGK_PG_HOST:$GGK_PG_PORT (from GGK_DB_URL): start it (Debian: pg_ctlcluster $POSTGRES_MAJOR main start)"
    [[ -n "${GGK_DB_USER:-}" && -n "${GGK_DB_PASSWORD:-}" ]] || fail "with GGK_DB_URL set GGK_DB_USER and GGK_DB_PASSWORD too"
    DB_URL="$GGK_DB_URL"; DB_USER="$GGK_DB_USER"; DB_PASSWORD="$GGK_DB_PASSWORD"
    return
  fi
  pg_isready -q -h "$GGK_PG_HOST" -p "$GGK_PG_PORT" -t 5 \
    || fail "PostgreSQL does not answer on $GGK_PG_HOST:$GGK_PG_PORT (GGK_PG_HOST, GGK_PG_PORT): install and start PostgreSQL $POSTGRES_MAJOR (Debian: apt-get install postgresql; pg_ctlcluster $POSTGRES_MAJOR main start)"
  DB_USER="$GGK_DB_USER"
  DB_PASSWORD="$(secret GGK_DB_PASSWORD)"
  DB_URL="jdbc:postgresql://$GGK_PG_HOST:$GGK_PG_PORT/$GGK_DB_NAME"
  db_login && return
  [[ "$DB_USER" =~ ^[a-z_][a-z0-9_]*$ && "$GGK_DB_NAME" =~ ^[a-z_][a-z0-9_]*$ ]] \
    || fail "cannot log in to PostgreSQL as $DB_USER to $GGK_DB_NAME; GGK_DB_NAME/GGK_DB_USER must be plain lower-case names for the script to create them"
  if as_postgres psql -tAc 'select 1' >/dev/null 2>&1; then
    if ! as_postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'" | grep -q 1; then
      as_postgres psql -q -v ON_ERROR_STOP=1 -c "CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD'" >/dev/null \
        || fail "could not create the PostgreSQL role $DB_USER"
      say "PostgreSQL: role $DB_USER created (its password in $SECRETS)"
    fi
    if ! as_postgres psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$GGK_DB_NAME'" | grep -q 1; then
      as_postgres psql -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $GGK_DB_NAME OWNER $DB_USER" >/dev/null \
        || fail "could not create the PostgreSQL database $GGK_DB_NAME"
      say "PostgreSQL: database $GGK_DB_NAME created, owned by $DB_USER"
    fi
    db_login && return
    fail "PostgreSQL role $DB_USER exists but does not log in with the password of GGK_DB_PASSWORD (or $SECRETS): set the right one (the script never changes an existing role), or another GGK_DB_USER"
  fi
  fail "cannot log in to PostgreSQL as $DB_USER on $GGK_PG_HOST:$GGK_PG_PORT/$GGK_DB_NAME, and cannot act as the postgres superuser to create it. As a superuser, run:
  CREATE ROLE $DB_USER LOGIN PASSWORD '<GGK_DB_PASSWORD, or the one in $SECRETS>';
  CREATE DATABASE $GGK_DB_NAME OWNER $DB_USER;
or set GGK_DB_URL, GGK_DB_USER and GGK_DB_PASSWORD to a database the hubs may use"
}

# ---- The processes ------------------------------------------------------------------------------------------------
java_command() {
  # the hub's main, from the jar or (GGK_CLASSPATH) a class path; a marker names this prod-local directory
  local name="$1"; shift
  # shellcheck disable=SC2206
  local opts=($GGK_JAVA_OPTS)
  # JVM options (-D...) before the command's own arguments
  while [[ $# -gt 0 && "$1" == -D* ]]; do
    opts+=("$1"); shift
  done
  if [[ -n "$GGK_CLASSPATH" ]]; then
    JAVA_CMD=("$GGK_JAVA" "${opts[@]}" "-Dggk.prod-local=$GGK_PROD_LOCAL_DIR/$name" -cp "$GGK_CLASSPATH" nl.ggk.hub.GgkHub "$@")
  else
    JAVA_CMD=("$GGK_JAVA" "${opts[@]}" "-Dggk.prod-local=$GGK_PROD_LOCAL_DIR/$name" -jar "$GGK_JAR" "$@")
  fi
}

# The settings of hub N: what docker/compose.yaml gives hub1 and hub2 too (ComposeMatchesScriptTest compares them).
hub_environment() {
  local n="$1" http_port="$2" management_port="$3"
  # GGK_BROKER_URL plain tcp, no failover transport: Camel's listeners reconnect by themselves and a transaction cut by
  # the broker going away rolls back; under failover a killed Artemis left messages with a consumer (FaultInjectionTest)
  HUB_ENV=(
    CAMEL_MAIN_PROFILE=prod
    GGK_DATA_DIR="$GGK_DATA_DIR"
    GGK_HTTP_HOST=127.0.0.1
    GGK_HTTP_PORT="$http_port"
    GGK_MANAGEMENT_PORT="$management_port"
    GGK_BROKER_URL="tcp://127.0.0.1:$GGK_ARTEMIS_PORT"
    GGK_BROKER_USER="$GGK_BROKER_USER"
    GGK_BROKER_PASSWORD="$BROKER_PASSWORD"
    GGK_DB_URL="$DB_URL"
    GGK_DB_USER="$DB_USER"
    GGK_DB_PASSWORD="$DB_PASSWORD"
    GGK_ORGANISATIONS="${GGK_ORGANISATIONS:-file:$REGISTRY}"
    GGK_CBS_ENDPOINT="http://127.0.0.1:$GGK_SIMULATOR_PORT/sim/cbs"
    GGK_TLS_ENABLED="$GGK_TLS_ENABLED"
    GGK_TLS_CLIENT_AUTH_WS="$GGK_TLS_CLIENT_AUTH_WS"
    GGK_PORTAL_SECURE_COOKIE="$GGK_PORTAL_SECURE_COOKIE"
  )
  : "$n"
}

start_hub() {
  local n="$1" http_port="$2" management_port="$3"
  hub_environment "$n" "$http_port" "$management_port"
  java_command "hub$n"
  # the working directory has no config/: the settings packaged in the jar, the profile's, and the environment
  mkdir -p "$GGK_PROD_LOCAL_DIR/hub$n"
  (cd "$GGK_PROD_LOCAL_DIR/hub$n" && launch "hub$n" env "${HUB_ENV[@]}" "${JAVA_CMD[@]}")
}

start_simulator() {
  java_command simulator "${SIMULATOR_TRUST[@]}" cbs-simulator --port "$GGK_SIMULATOR_PORT" \
    --hub-endpoint "$(scheme)://127.0.0.1:$GGK_HUB1_HTTP_PORT/ws/ggk0210,$(scheme)://127.0.0.1:$GGK_HUB2_HTTP_PORT/ws/ggk0210" --data-dir "$GGK_PROD_LOCAL_DIR/simulator"
  local key="${GGK_CBS_SIMULATOR_HUB_KEY:-$(sed -n 's/^RINIS=//p' "$KEYS" 2>/dev/null | head -n 1)}"
  [[ -n "$key" ]] || fail "no chain-side key for the simulator: set GGK_CBS_SIMULATOR_HUB_KEY (RINIS's key in GGK_ORGANISATIONS)"
  mkdir -p "$GGK_PROD_LOCAL_DIR/simulator"
  (cd "$GGK_PROD_LOCAL_DIR/simulator" && launch simulator env GGK_CBS_SIMULATOR_HUB_KEY="$key" \
    GGK_ORGANISATIONS="${GGK_ORGANISATIONS:-file:$REGISTRY}" "${JAVA_CMD[@]}")
}

check_ports() {
  local spec port what variable
  for spec in "$GGK_ARTEMIS_PORT:Artemis:GGK_ARTEMIS_PORT" "$GGK_SIMULATOR_PORT:CBS simulator:GGK_SIMULATOR_PORT" \
              "$GGK_HUB1_HTTP_PORT:hub1 API:GGK_HUB1_HTTP_PORT" "$GGK_HUB1_MANAGEMENT_PORT:hub1 management:GGK_HUB1_MANAGEMENT_PORT" \
              "$GGK_HUB2_HTTP_PORT:hub2 API:GGK_HUB2_HTTP_PORT" "$GGK_HUB2_MANAGEMENT_PORT:hub2 management:GGK_HUB2_MANAGEMENT_PORT"; do
    IFS=: read -r port what variable <<< "$spec"
    if port_open "$port"; then
      fail "port $port ($what) is in use: stop what listens there, or choose another with $variable=<port>"
    fi
  done
}

start() {
  local name
  for name in "${SERVICES[@]}"; do
    alive "$name" && fail "already running ($name pid $(pid_of "$name")): scripts/prod-local.sh status, or stop first"
  done
  command -v curl >/dev/null || fail "curl is missing (apt-get install curl): start checks health with it"
  command -v "$GGK_JAVA" >/dev/null || fail "no java ($GGK_JAVA): install Java 17 or set GGK_JAVA"
  check_ports
  mkdir -p "$RUN" "$LOGS" "$GGK_DATA_DIR"
  if [[ -z "$GGK_CLASSPATH" && ( ! -f "$GGK_JAR" || ! -x "$GGK_ARTEMIS_HOME/bin/artemis" ) ]]; then
    say "building $GGK_JAR (mvn -B -q -DskipTests package; it also unpacks Artemis $ARTEMIS_VERSION)"
    (cd "$REPO" && mvn -B -q -DskipTests package) || fail "the build failed"
  fi
  prepare_database
  BROKER_PASSWORD="$(secret GGK_BROKER_PASSWORD)"
  make_registry
  SIMULATOR_TRUST=()
  make_tls
  create_artemis

  # the simulator needs no broker of ours: it starts while Artemis does; the hubs once Artemis listens
  launch artemis "$INSTANCE/bin/artemis" run
  start_simulator
  await_healthy artemis
  start_hub 1 "$GGK_HUB1_HTTP_PORT" "$GGK_HUB1_MANAGEMENT_PORT"
  start_hub 2 "$GGK_HUB2_HTTP_PORT" "$GGK_HUB2_MANAGEMENT_PORT"
  for name in simulator hub1 hub2; do
    await_healthy "$name"
  done
  for name in "${SERVICES[@]}"; do
    say "$name $(address_of "$name")"
  done
}

status() {
  local name state running=0
  for name in "${SERVICES[@]}"; do
    if alive "$name"; then
      running=1
      if healthy "$name"; then state="healthy"; else state="not healthy"; fi
      say "$name pid $(pid_of "$name") $state $(address_of "$name")"
    else
      say "$name stopped"
    fi
  done
  [[ $running == 1 ]]
}

case "${1:-}" in
  start) start ;;
  stop) stop_all ;;
  status) status ;;
  *) say "usage: scripts/prod-local.sh start|stop|status (docs/operations.md \"Production shape on one machine\")" >&2; exit 2 ;;
esac
