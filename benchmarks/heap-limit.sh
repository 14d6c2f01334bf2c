#!/usr/bin/env bash
# The largest request the server accepts fits a small heap (BENCHMARKS.md, "Request limits"):
# the server jar started with -Xmx512m on a fresh embedded database, one unit registration of
# exactly unitrace.limits.max-units-per-request units sent over HTTP (201 expected), then one
# unit more (413 expected, nothing written), then a body one byte over unitrace.limits.max-body-bytes
# (413 expected). The server's heap in use is sampled every 0.2 s meanwhile (actuator metrics,
# jvm.memory.used, area heap); the peak and the request times are printed. About a minute.
#
# Environment: HEAP (512m), UNITS (100000) and MAX_BYTES (33554432): the default limits, PORT (18090), SKIP_BUILD=1 to reuse
# the jar, SERVER_JAR to run another build, BENCH_DB_URL to run on PostgreSQL instead (a JDBC URL
# of an empty database; BENCH_DB_USER, BENCH_DB_PASSWORD).
set -euo pipefail
cd "$(dirname "$0")/.."

HEAP=${HEAP:-512m}
UNITS=${UNITS:-100000}
MAX_BYTES=${MAX_BYTES:-33554432}
PORT=${PORT:-18090}
OUT=benchmarks/target/heap-limit
PASSWORD="heap-$(date +%s)-$RANDOM"
TOKEN="metrics-$RANDOM$RANDOM"
BASE="http://127.0.0.1:$PORT"
rm -rf "$OUT" && mkdir -p "$OUT"

if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -q -pl server -am package -DskipTests
fi
cp "${SERVER_JAR:-server/target/unitrace-server-0.1.0-SNAPSHOT.jar}" "$OUT/server.jar"

DB_URL=${BENCH_DB_URL:-"jdbc:sqlite:$OUT/heap.db?journal_mode=WAL&synchronous=FULL&busy_timeout=30000&foreign_keys=true&transaction_mode=IMMEDIATE"}
UNITRACE_DB_URL="$DB_URL" UNITRACE_DB_USER="${BENCH_DB_USER:-}" UNITRACE_DB_PASSWORD="${BENCH_DB_PASSWORD:-}" \
  UNITRACE_PORT=$PORT UNITRACE_ADMIN_PASSWORD="$PASSWORD" UNITRACE_METRICS_TOKEN="$TOKEN" \
  UNITRACE_MAX_UNITS_PER_REQUEST=$UNITS UNITRACE_MAX_BODY_BYTES=$MAX_BYTES UNITRACE_LICENCE_KEY_FILE="$OUT/licence.key" \
  java -Xmx"$HEAP" -XX:+ExitOnOutOfMemoryError -jar "$OUT/server.jar" > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; [ -n "${SAMPLER:-}" ] && kill $SAMPLER 2>/dev/null || true' EXIT
for i in $(seq 1 120); do
  curl -sf -o /dev/null "$BASE/actuator/health" && break
  kill -0 $SERVER 2>/dev/null || { echo "the server did not start:"; tail -20 "$OUT/server.log"; exit 1; }
  sleep 1
done

post() { # path json [tenant] -> body; fails on anything but 2xx
  curl -sf -u "admin:$PASSWORD" -H 'Content-Type: application/json' ${3:+-H "X-Tenant: $3"} \
    -X POST "$BASE$1" --data "$2"
}
SUFFIX=$(date +%s)
TENANT="HEAP-$SUFFIX"
WH="WHEAP$SUFFIX"
post /api/v1/tenants "{\"code\":\"$TENANT\",\"name\":\"Heap check\"}" > /dev/null
post /api/v1/warehouses "{\"code\":\"$WH\",\"name\":\"Heap check\"}" > /dev/null
post /api/v1/locations "{\"warehouse\":\"$WH\",\"code\":\"$WH-DOCK\",\"type\":\"DOCK\",\"level\":\"AREA\"}" > /dev/null
# A GTIN-14 with its check digit (GS1 mod 10).
BODY13="0$(printf '%012d' $((SUFFIX % 1000000000000)))"
GTIN=$(awk -v d="$BODY13" 'BEGIN { s = 0; for (i = 13; i >= 1; i--) { w = ((13 - i) % 2 == 0) ? 3 : 1; s += substr(d, i, 1) * w }; print d (10 - s % 10) % 10 }')
post /api/v1/products "{\"sku\":\"HEAP-$SUFFIX\",\"name\":\"Heap check\",\"gtins\":[\"$GTIN\"],\"tracking\":\"SERIAL\"}" "$TENANT" > /dev/null

units_body() { # count -> a registration of that many units at the dock
  awk -v n="$1" -v g="$GTIN" -v loc="$WH-DOCK" 'BEGIN {
    printf "{\"location\":\"%s\",\"units\":[", loc
    for (i = 1; i <= n; i++) printf "%s{\"gtin\":\"%s\",\"serial\":\"SN%09d\"}", (i > 1 ? "," : ""), g, i
    printf "]}" }'
}
units_body "$UNITS" > "$OUT/limit.json"
units_body $((UNITS + 1)) > "$OUT/over.json"

(while true; do
   curl -s -H "Authorization: Bearer $TOKEN" "$BASE/actuator/metrics/jvm.memory.used?tag=area:heap" \
     | sed -n 's/.*"value":\([0-9.E]*\).*/\1/p'
   echo
   sleep 0.2
 done > "$OUT/heap-samples.txt") &
SAMPLER=$!

send() { # file key -> "status seconds"
  curl -s -o "$OUT/answer-$2.json" -w '%{http_code} %{time_total}\n' -u "admin:$PASSWORD" \
    -H 'Content-Type: application/json' -H "X-Tenant: $TENANT" -H "Idempotency-Key: heap-$2-$SUFFIX" \
    -X POST "$BASE/api/v1/units" --data-binary @"$1"
}
read -r LIMIT_STATUS LIMIT_TIME < <(send "$OUT/limit.json" limit)
read -r OVER_STATUS OVER_TIME < <(send "$OUT/over.json" over)
head -c $((MAX_BYTES + 1)) /dev/zero | tr '\0' ' ' > "$OUT/too-large.json"
read -r BIG_STATUS BIG_TIME < <(send "$OUT/too-large.json" big)
sleep 0.5
kill $SAMPLER; SAMPLER=

REGISTERED=$(curl -s -u "admin:$PASSWORD" -H "X-Tenant: $TENANT" "$BASE/api/v1/units?gtin=$GTIN&limit=1" | grep -c "SN" || true)
PEAK=$(grep . "$OUT/heap-samples.txt" | sort -g | tail -1)
echo "heap -Xmx$HEAP, limit $UNITS units, body $(stat -c %s "$OUT/limit.json") bytes"
echo "  $UNITS units: HTTP $LIMIT_STATUS in ${LIMIT_TIME}s ($(head -c 200 "$OUT/answer-limit.json"))"
echo "  $((UNITS + 1)) units: HTTP $OVER_STATUS in ${OVER_TIME}s ($(head -c 300 "$OUT/answer-over.json"))"
echo "  $((MAX_BYTES + 1)) bytes: HTTP $BIG_STATUS in ${BIG_TIME}s ($(head -c 300 "$OUT/answer-big.json"))"
echo "  peak heap in use (0.2 s samples): $(awk -v b="$PEAK" 'BEGIN { printf "%.0f MB", b / 1048576 }')"
kill -0 $SERVER 2>/dev/null && echo "  the server is still up" || { echo "  the server DIED"; exit 1; }
[ "$LIMIT_STATUS" = 201 ] && [ "$OVER_STATUS" = 413 ] && [ "$BIG_STATUS" = 413 ] && [ "$REGISTERED" -ge 1 ]
