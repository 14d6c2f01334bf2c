#!/usr/bin/env bash
# The foundation load benchmark (BENCHMARKS.md, "Foundation (ledger over HTTP)"):
# a fresh PostgreSQL database, a fresh build, the server jar started on it, the load driver run
# against it over HTTP (plus JDBC for the raw ceiling and the synthetic history), the server
# stopped, the figures printed. Arguments are passed to the driver, e.g. "--phases moves".
#
# BENCH_ENGINE=sqlite runs the server on the embedded database (a fresh file under
# benchmarks/target/load) instead of PostgreSQL.
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres; trust or ~/.pgpass),
# BENCH_DB (unitrace_bench), BENCH_PORT (18080), SKIP_BUILD=1 to reuse the jars, KEEP_DB=1 to
# keep the database afterwards, BENCH_ADMIN_PASSWORD to choose the admin password (to measure a kept
# database again), SERVER_JAVA_OPTS for the server JVM, SERVER_JAR (DRIVER_JAR) to run another
# build of the server (driver), e.g. for before/after comparisons, QUIET_LOAD=1.0 to wait (at most an hour)
# until the 1-minute load average is below that before starting, on a machine shared with others.
set -euo pipefail
cd "$(dirname "$0")/.."

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
DB=${BENCH_DB:-unitrace_bench}
PORT=${BENCH_PORT:-18080}
OUT=benchmarks/target/load
ENGINE=${BENCH_ENGINE:-postgresql}
JDBC="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
if [ "$ENGINE" = sqlite ]; then
  # The embedded database, as `run` uses it (same pragmas as application.yml), in a fresh file.
  JDBC="jdbc:sqlite:$OUT/bench.db?journal_mode=WAL&synchronous=FULL&busy_timeout=30000&foreign_keys=true&transaction_mode=IMMEDIATE"
fi
PASSWORD=${BENCH_ADMIN_PASSWORD:-"bench-$(date +%s)-$RANDOM"}
mkdir -p "$OUT"

if [ -n "${QUIET_LOAD:-}" ]; then
  for i in $(seq 1 360); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$load" -v q="$QUIET_LOAD" 'BEGIN { exit !(l < q) }'; then
      break
    fi
    if [ "$i" = 360 ]; then
      echo "== the load average stayed above $QUIET_LOAD for an hour; running anyway (now $load)"
      break
    fi
    sleep 10
  done
  echo "== load average $(cut -d' ' -f1-3 /proc/loadavg)"
fi

if [ "$ENGINE" = sqlite ]; then
  echo "== fresh embedded database $OUT/bench.db"
  rm -f "$OUT"/bench.db*
else
  echo "== fresh database $DB"
  psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -v ON_ERROR_STOP=1 -q -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== build"
  ./mvnw -q -pl server,benchmarks -am package -DskipTests
fi

# Run copies of the jars: a build started meanwhile (in this checkout) must not swap classes under
# the running server or driver.
mkdir -p "$OUT/jars"
cp "${SERVER_JAR:-server/target/unitrace-server-0.1.0-SNAPSHOT.jar}" "$OUT/jars/server.jar"
cp "${DRIVER_JAR:-benchmarks/target/benchmarks.jar}" "$OUT/jars/benchmarks.jar"

echo "== server on port $PORT (log: $OUT/server.log)"
# Checkpoints are closed once an hour here instead of every 5 minutes: the first one would digest
# every entry loaded so far in the middle of a measurement, which a running site never does.
DB_USER=$PGUSER
if [ "$ENGINE" = sqlite ]; then
  DB_USER=""
fi
# The outbound phase times explicit allocation runs, and the returns and recalls phases ship their
# orders by explicit runs: orders must not be allocated by the server's own worker thread after each
# import (or after stock arrives, or after a recall released them) in the middle of the setup.
AUTO_ALLOCATE=true
case " $* " in
  *outbound*|*returns*|*recalls*) AUTO_ALLOCATE=false ;;
esac
UNITRACE_DB_URL="$JDBC" UNITRACE_DB_USER="$DB_USER" UNITRACE_ADMIN_PASSWORD="$PASSWORD" UNITRACE_PORT="$PORT" \
  UNITRACE_CHECKPOINT_INTERVAL_MS=3600000 UNITRACE_OUTBOUND_AUTO_ALLOCATE=$AUTO_ALLOCATE \
  java ${SERVER_JAVA_OPTS:-} -jar "$OUT/jars/server.jar" > "$OUT/server.log" 2>&1 &
SERVER=$!
stop_server() {
  if kill -0 "$SERVER" 2>/dev/null; then
    kill "$SERVER"
    wait "$SERVER" 2>/dev/null || true
  fi
  if [ "${KEEP_DB:-0}" != 1 ] && [ "$ENGINE" != sqlite ]; then
    psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -q -c "DROP DATABASE IF EXISTS $DB" || true
  fi
}
trap stop_server EXIT

for i in $(seq 1 300); do
  if curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null; then
    break
  fi
  if ! kill -0 "$SERVER" 2>/dev/null; then
    echo "the server stopped during startup:"; tail -30 "$OUT/server.log"; exit 1
  fi
  if [ "$i" = 300 ]; then
    echo "the server was not healthy after 300 s"; exit 1
  fi
  sleep 1
done
echo "== server up (pid $SERVER)"

java -cp "$OUT/jars/benchmarks.jar" io.unitrace.bench.load.LoadDriver \
  --url "http://127.0.0.1:$PORT" --admin-password "$PASSWORD" --jdbc "$JDBC" --jdbc-user "$DB_USER" \
  --server-pid "$SERVER" --report "$OUT/figures.txt" "$@"

echo "== figures (also in $OUT/figures.txt)"
cat "$OUT/figures.txt"
