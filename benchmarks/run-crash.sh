#!/usr/bin/env bash
# Crash consistency (BENCHMARKS.md, "Crash consistency"): the server jar killed with SIGKILL under
# load three times, on the embedded database and on PostgreSQL; unanswered requests sent again after
# each restart; then nothing lost, nothing doubled, the ledger intact. Needs the jars of a build
# (./mvnw package or verify); CI runs it after the suite. Exits non-zero on any inconsistency.
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), CRASH_KILLS (3),
# CRASH_ENGINES ("sqlite postgresql").
set -euo pipefail
cd "$(dirname "$0")/.."
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
OUT=benchmarks/target/crash
mkdir -p "$OUT"
SERVER_JAR=server/target/unitrace-server-0.1.0-SNAPSHOT.jar
DRIVER_JAR=benchmarks/target/benchmarks.jar
for engine in ${CRASH_ENGINES:-sqlite postgresql}; do
  echo "== crash consistency on $engine"
  if [ "$engine" = sqlite ]; then
    rm -f "$OUT"/crash.db*
    JDBC="jdbc:sqlite:$OUT/crash.db?journal_mode=WAL&synchronous=FULL&busy_timeout=30000&foreign_keys=true&transaction_mode=IMMEDIATE"
    USER_ARGS=()
  else
    DB="unitrace_crash_$(date +%s)"
    psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE $DB"
    JDBC="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
    USER_ARGS=(--jdbc-user "$PGUSER")
  fi
  status=0
  java -cp "$DRIVER_JAR" io.unitrace.bench.load.CrashConsistency --jar "$SERVER_JAR" --jdbc "$JDBC" \
    "${USER_ARGS[@]}" --kills "${CRASH_KILLS:-3}" || status=$?
  if [ "$engine" != sqlite ]; then
    psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -q -c "DROP DATABASE IF EXISTS $DB" || true
  fi
  if [ "$status" != 0 ]; then
    echo "crash consistency FAILED on $engine"
    exit "$status"
  fi
done
