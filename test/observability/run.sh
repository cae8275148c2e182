#!/usr/bin/env bash
# The observability proof (issue 7), for CI: static checks of the Prometheus and Alertmanager
# configs and rules, then the whole local system (two instances of each service, the local
# gateway) with a real Prometheus on prometheus/prometheus.local.yml, a traffic mix through the
# gateway, and:
#   - every panel query of every dashboard returns data, every alert rule evaluates
#     (test/observability/check-panels.mjs);
#   - one saga's correlation id is in the logs of the gateway, the orchestrator and both participants.
#
# Needs: prometheus and promtool on PATH (Debian: apt-get install prometheus); amtool is used when
# present (apt-get install prometheus-alertmanager). Run from anywhere; `npm ci` done.
# Environment: SKIP_BUILD=1 uses the existing dist/; OBS_PROMETHEUS_PORT (19090), OBS_PG_PORT
# (25469); OBS_DIRECT=1 sends the traffic straight to the services (no gateway: the gateway's
# panels and its log line then fail, the rest is still checked).
set -euo pipefail
cd "$(dirname "$0")/../.."

PROM_PORT=${OBS_PROMETHEUS_PORT:-19090}
PG_PORT=${OBS_PG_PORT:-25469}
PG_DIR=.data/obs-pg
WORK=$(mktemp -d "${TMPDIR:-/tmp}/observability.XXXXXX")
LOG=$WORK/system.log
# Each process's JSON log (npm start writes them to files; the terminal, $LOG, has start-up and errors only).
LOG_DIR=$WORK/logs
CORRELATION_ID=$(node -e 'console.log(crypto.randomUUID())')
SERVICE_PORTS=(3001 3002 3003 3004 3005 3101 3102 3103 3104 3105)
SYSTEM_PID=
PROMETHEUS_PID=
PASSED=

step() { printf '\n== %s\n' "$*"; }
fail() {
  printf '\nFAILED: %s\n' "$*" >&2
  printf '(system log: %s, processes: %s, Prometheus log: %s/prometheus.log)\n' "$LOG" "$LOG_DIR" "$WORK" >&2
  exit 1
}

cleanup() {
  [ -n "$PROMETHEUS_PID" ] && kill "$PROMETHEUS_PID" 2>/dev/null || true
  if [ -n "$SYSTEM_PID" ] && kill -0 "$SYSTEM_PID" 2>/dev/null; then
    kill -TERM "$SYSTEM_PID" 2>/dev/null || true # stops the services, the gateway, then PostgreSQL
    for _ in $(seq 1 60); do kill -0 "$SYSTEM_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$SYSTEM_PID" 2>/dev/null || true # its own process group (setsid below)
  fi
  wait 2>/dev/null || true
  [ -z "$PASSED" ] || rm -rf "$WORK" # kept after a failure: the logs say why
}
trap cleanup EXIT

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
answers() { curl -fsS -o /dev/null --max-time 2 "$@" 2>/dev/null; }

step "Static checks: promtool, amtool"
promtool check config prometheus/prometheus.yml
promtool check config prometheus/prometheus.local.yml
promtool check rules prometheus/rules/*.rules.yml
promtool test rules prometheus/rules/*.test.yml
if command -v amtool >/dev/null; then amtool check-config alertmanager/alertmanager.yml; else echo "(amtool not installed: alertmanager.yml not checked)"; fi

if [ "${SKIP_BUILD:-}" != 1 ]; then
  step "Build"
  node tools/build.mjs
fi

step "Start the system (INSTANCES=2, PostgreSQL on $PG_PORT)"
PORTS=("${SERVICE_PORTS[@]}" "$PROM_PORT" "$PG_PORT")
[ "${OBS_DIRECT:-}" = 1 ] || PORTS+=(8000 8100)
for port in "${PORTS[@]}"; do
  listening "$port" && fail "port $port is in use: another system or Prometheus runs here; stop it first"
done
rm -rf "$PG_DIR" # a fresh database: demo data only, no sagas left over from an earlier run
INSTANCES=2 EMBEDDED_PG_PORT=$PG_PORT EMBEDDED_PG_DIR=$PG_DIR LOG_DIR=$LOG_DIR LOG_LEVEL=info \
  setsid node dist/tools/src/main.js start >"$LOG" 2>&1 &
SYSTEM_PID=$!

deadline=$((SECONDS + 240))
until {
  ok=1
  for port in "${SERVICE_PORTS[@]}"; do answers "http://127.0.0.1:$port/health" || { ok=0; break; }; done
  if [ "${OBS_DIRECT:-}" != 1 ]; then
    answers "http://127.0.0.1:8100/metrics" || ok=0
    answers -H 'X-API-Key: admin-key-12345' "http://127.0.0.1:8000/api/v1/categories" || ok=0
  fi
  [ $ok = 1 ]
}; do
  kill -0 "$SYSTEM_PID" 2>/dev/null || { tail -30 "$LOG" >&2; fail "the system stopped while starting"; }
  [ $SECONDS -lt $deadline ] || { tail -30 "$LOG" >&2; fail "the system was not healthy within 240 s"; }
  sleep 1
done
echo "healthy"

step "Start Prometheus on 127.0.0.1:$PROM_PORT (prometheus/prometheus.local.yml)"
PROMETHEUS_URL=http://127.0.0.1:$PROM_PORT
prometheus --config.file=prometheus/prometheus.local.yml --storage.tsdb.path="$WORK/tsdb" \
  --web.listen-address="127.0.0.1:$PROM_PORT" >"$WORK/prometheus.log" 2>&1 &
PROMETHEUS_PID=$!
started_at=$SECONDS
expected_up=$(( ${#SERVICE_PORTS[@]} + $([ "${OBS_DIRECT:-}" = 1 ] && echo 0 || echo 1) ))
deadline=$((SECONDS + 60))
until [ "$(curl -fsS --max-time 2 "$PROMETHEUS_URL/api/v1/query" --data-urlencode 'query=count(up == 1)' 2>/dev/null |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).data.result[0]?.value[1]??0)}catch{console.log(0)}})')" \
  -ge "$expected_up" ]; do
  kill -0 "$PROMETHEUS_PID" 2>/dev/null || { cat "$WORK/prometheus.log" >&2; fail "Prometheus stopped"; }
  [ $SECONDS -lt $deadline ] || fail "Prometheus does not see $expected_up targets up within 60 s ($PROMETHEUS_URL/targets)"
  sleep 1
done
echo "scraping $expected_up targets"

step "Traffic"
if [ "${OBS_DIRECT:-}" = 1 ]; then
  node test/observability/traffic.mjs --direct --correlation-id "$CORRELATION_ID"
else
  node test/observability/traffic.mjs --gateway http://127.0.0.1:8000 --correlation-id "$CORRELATION_ID"
fi
sleep 8 # a few scrapes and rule evaluations; the orchestrator's gauges refresh every 5 s

step "Every panel query returns data, every rule evaluates"
failed=()
PROMETHEUS_URL=$PROMETHEUS_URL node test/observability/check-panels.mjs --window $((SECONDS - started_at + 30)) ||
  failed+=("dashboards or rules (above)")

step "Correlation id $CORRELATION_ID in every log of the saga"
components=(saga-orchestrator inventory ecommerce)
[ "${OBS_DIRECT:-}" = 1 ] || components=(gateway "${components[@]}")
missing=()
for component in "${components[@]}"; do
  count=$(cat "$LOG_DIR"/*.log | grep -F "$CORRELATION_ID" | grep -c "\"name\":\"$component\"" || true)
  printf '  %-18s %s line(s)\n' "$component" "$count"
  [ "$count" -gt 0 ] || missing+=("$component")
done
[ ${#missing[@]} = 0 ] || failed+=("no log line of ${missing[*]} carries the saga's correlation id")

[ ${#failed[@]} = 0 ] || fail "$(printf '%s; ' "${failed[@]}")"
step "Observability suite passed"
PASSED=1
