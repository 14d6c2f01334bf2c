#!/usr/bin/env bash
# Cycle counts benchmark (BENCHMARKS.md, "Cycle counts"): a fresh PostgreSQL database, the server jar
# of a build run on it by the driver, a location of 10,000 serials counted over HTTP and closed
# (reconciled) five times, next to the raw SQL of the same comparison. Needs the jars of a build
# (./mvnw -pl server,benchmarks -am package -DskipTests). Arguments go to the driver, e.g.
# "--serials 10000 --other-units 100000 --runs 5".
set -euo pipefail
cd "$(dirname "$0")/.."
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
DB=${BENCH_DB:-unitrace_bench_counts}
psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -v ON_ERROR_STOP=1 -q -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
trap 'psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -q -c "DROP DATABASE IF EXISTS $DB" || true' EXIT
java -cp benchmarks/target/benchmarks.jar io.unitrace.bench.load.CountReconciliation \
  --jar server/target/unitrace-server-0.1.0-SNAPSHOT.jar --jdbc "jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
  --jdbc-user "$PGUSER" --runs 5 "$@"
