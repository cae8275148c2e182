#!/usr/bin/env bash
# Starts the system as a new user would (`npm start`, embedded PostgreSQL in a fresh folder),
# checks the README's examples and the supervisor (a killed service comes back while the others serve; a second
# start is refused; a service that cannot start stops everything, named), then checks Ctrl-C leaves nothing running.
set -euo pipefail
cd "$(dirname "$0")/.."

data_dir=$(mktemp -d -p "$PWD/.data" smoke-XXXXXX 2>/dev/null || { mkdir -p .data && mktemp -d -p "$PWD/.data" smoke-XXXXXX; })
chmod 755 "$data_dir"  # PostgreSQL runs as user postgres when we are root
log="$data_dir/start.log"
export EMBEDDED_PG_DIR="$data_dir/postgres" EMBEDDED_PG_PORT=25459

# Its own process group, so that "Ctrl-C" below reaches every process of it, as in a terminal.
setsid npm start >"$log" 2>&1 &
starter=$!
# Ctrl-C ends everything within 15 s (the supervisor escalates to SIGKILL itself).
interrupt() {
  kill -INT -- "-$starter" 2>/dev/null || return 0
  for _ in $(seq 1 150); do kill -0 "$starter" 2>/dev/null || return 0; sleep 0.1; done
  return 1
}
squatter=
cleanup() {
  interrupt || kill -KILL -- "-$starter" 2>/dev/null || true
  [ -z "$squatter" ] || kill "$squatter" 2>/dev/null || true
  rm -rf "$data_dir"
}
trap cleanup EXIT

fail() {
  echo "smoke: $*" >&2
  tail -40 "$log" >&2
  exit 1
}

for _ in $(seq 1 180); do
  curl -fs localhost:3001/health >/dev/null 2>&1 && break
  kill -0 "$starter" 2>/dev/null || fail "npm start exited"
  sleep 1
done
curl -fs localhost:3001/health >/dev/null || fail "inventory not healthy after 180 s"

products=$(curl -fs localhost:3001/api/v1/products)
echo "$products" | node -e '
  const page = JSON.parse(require("fs").readFileSync(0, "utf8"));
  if (page.total < 20 || page.data.length !== 20) throw new Error("expected the demo catalogue, got total " + page.total);
' || fail "GET /api/v1/products did not list the demo products: $products"

for id in 1 5; do
  stock=$(curl -fs "localhost:3001/api/v1/stock?product_id=$id&location_id=1")
  echo "$stock" | node -e '
    const page = JSON.parse(require("fs").readFileSync(0, "utf8"));
    if (!(page.data[0] && page.data[0].available > 0)) throw new Error("no stock");
  ' || fail "product $id is not in stock at the warehouse: $stock"
done

# The services start side by side: inventory answering does not mean the others already do.
for port in 3002 3003; do
  for _ in $(seq 1 60); do curl -fs "localhost:$port/health" >/dev/null 2>&1 && break; sleep 1; done
  curl -fs "localhost:$port/health" >/dev/null || fail "service on port $port is not healthy after 60 s"
done
curl -fs localhost:3002/api/v1/customers/123 >/dev/null || fail "demo customer 123 missing"
sales=$(curl -fs 'localhost:3003/api/v1/sales?limit=1')
echo "$sales" | node -e '
  const page = JSON.parse(require("fs").readFileSync(0, "utf8"));
  if (page.total < 500) throw new Error("expected 30 days of demo sales, got " + page.total);
' || fail "retail has no sales history: $sales"

# A till sale reaches inventory's store stock through the outbox (store 1 is location 2).
on_hand() { curl -fs "localhost:3001/api/v1/stock?product_id=1&location_id=2" | node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(0, "utf8")).data[0].on_hand))'; }
before=$(on_hand)
curl -fs -X POST localhost:3003/api/v1/sales -H 'content-type: application/json' \
  -d '{"store_id":1,"register_id":1,"lines":[{"product_id":1,"quantity":1}]}' >/dev/null || fail "sale refused"
# (retail's relay first delivers its ~1,500 demo sale events to inventory and reporting: up to ~15 s on a busy machine)
for _ in $(seq 1 60); do [ "$(on_hand)" = $((before - 1)) ] && break; sleep 0.5; done
[ "$(on_hand)" = $((before - 1)) ] || fail "store stock did not go from $before to $((before - 1)) after a sale"

# The gateway: what clients use. npm start reports "all healthy" once it is ready.
for _ in $(seq 1 60); do grep -q 'all healthy' "$log" && break; sleep 1; done
grep -q 'all healthy' "$log" || fail "npm start did not report the system healthy"
# Every request of the seed document, as it prints them, through the gateway.
GATEWAY_URL=http://127.0.0.1:8000 node --test test/seed-document/seed-document.test.mjs || fail "seed document"
# Whether an answer's body matches a pattern. The body is read whole first: `curl | grep -q` fails under pipefail
# whenever grep has its match and stops reading before curl has written everything (curl: write error).
answer_matches() {
  local pattern=$1 body
  shift
  body=$(curl -fs "$@") && grep -q -- "$pattern" <<<"$body"
}
key=(-H 'X-API-Key: admin-key-12345')
gw=localhost:8000/api/v1
answer_matches '"total"' "${key[@]}" "$gw/products" || fail "GET /products through the gateway failed"
answer_matches '"total"' "${key[@]}" "$gw/stores" || fail "GET /stores through the gateway failed"
status=$(curl -s -o /dev/null -w '%{http_code}' "$gw/products")
[ "$status" = 401 ] || fail "no API key answered $status, not 401"
saga=$(curl -fs "${key[@]}" -X POST "$gw/customers/123/order-processing" -H 'content-type: application/json' \
  -d '{"products":[{"product_id":1,"quantity":1}],"shipping_address":{"street":"1 rue de Rivoli","city":"Paris","postal_code":"75001","country":"FR"},"billing_address":{"street":"1 rue de Rivoli","city":"Paris","postal_code":"75001","country":"FR"},"payment_method":"credit_card"}') ||
  fail "order-processing through the gateway refused"
saga_id=$(echo "$saga" | node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(0, "utf8")).saga_id))')
answer_matches '"status":"COMPLETED"' "${key[@]}" "$gw/sagas/$saga_id?wait_seconds=10" || fail "saga $saga_id did not complete"
curl -fs "${key[@]}" "$gw/reports/sales" >/dev/null || fail "GET /reports/sales through the gateway failed"
answer_matches '^kong_http_requests_total' localhost:8100/metrics || fail "gateway metrics lack kong_http_requests_total"

status=$(curl -s -o "$data_dir/bad.json" -w '%{http_code}' -X POST localhost:3001/api/v1/products \
  -H 'content-type: application/json' -d '{"price":"abc"}')
[ "$status" = 400 ] || fail "bad product answered $status"
grep -q '"field":"price"' "$data_dir/bad.json" || fail "400 body does not name price: $(cat "$data_dir/bad.json")"

# A person reads the terminal: start-up lines and a table of addresses, no JSON; the JSON logs are in files.
! grep -q '^{' "$log" || fail "the terminal shows JSON log lines"
grep -q 'gateway .*http://localhost:8000/api/v1' "$log" || fail "no address table after start-up"
for service in inventory ecommerce retail reporting saga-orchestrator gateway postgres; do
  [ -s "$data_dir/logs/$service.log" ] || fail "no log file for $service in $data_dir/logs"
done
grep -q '"msg":"request completed"' "$data_dir/logs/inventory.log" || fail "inventory's JSON log lacks its requests"

# A second start while this one runs is refused, and shares nothing with it.
if second=$(timeout 60 npm start 2>&1); then fail "a second npm start ran: $second"; fi
grep -q 'already running' <<<"$second" || fail "a second npm start did not say why it stopped: $second"

# kill -9 of one service: it is started again while the others keep serving through the gateway.
victim=$(pgrep -f "node .*dist/apps/inventory/src/main.js" | head -1)
[ -n "$victim" ] || fail "no inventory process"
kill -KILL "$victim"
served_meanwhile=0
for _ in $(seq 1 120); do
  status=$(curl -s -o /dev/null -w '%{http_code}' "${key[@]}" "$gw/stores")
  [ "$status" = 200 ] || fail "GET /stores answered $status while inventory was restarting"
  served_meanwhile=$((served_meanwhile + 1))
  grep -q 'inventory serving again' "$log" && break
  sleep 0.25
done
grep -q '\[start\] inventory killed by SIGKILL; restarting in 1 s' "$log" || fail "no line saying inventory is restarted"
grep -q 'inventory serving again' "$log" || fail "inventory did not serve again within 30 s of kill -9"
answer_matches '"total"' "${key[@]}" "$gw/products" || fail "GET /products through the gateway failed after inventory's restart"

stop_started=$SECONDS
interrupt || fail "npm start still running 15 s after Ctrl-C"
echo "smoke: Ctrl-C ended everything in $((SECONDS - stop_started)) s; retail served $served_meanwhile requests while inventory restarted"

# A bad setting stops a service at once, naming the setting.
if PORT=eighty node dist/apps/inventory/src/main.js >"$data_dir/bad-config.log" 2>&1; then
  fail "inventory started with PORT=eighty"
fi
grep -q 'PORT="eighty"' "$data_dir/bad-config.log" || fail "bad PORT not named: $(cat "$data_dir/bad-config.log")"
for port in 3001 3002 3003 3004 3005 8000 8100; do
  ! curl -fs "localhost:$port/health" >/dev/null 2>&1 || fail "port $port still answers after Ctrl-C"
done
! pgrep -f "$data_dir/postgres" >/dev/null || fail "embedded PostgreSQL still running after Ctrl-C"
! pgrep -f "node .*dist/(apps|tools)/" >/dev/null || fail "a service is still running after Ctrl-C: $(pgrep -af "node .*dist/(apps|tools)/")"

# A service that cannot start (its port is taken) is not restarted for ever: npm start stops everything and says
# which one and why.
node -e 'require("net").createServer().listen(3003, "0.0.0.0"); setTimeout(() => {}, 120000)' &
squatter=$!
sleep 0.5
if timeout 120 npm start >"$data_dir/crash-loop.log" 2>&1; then fail "npm start succeeded with retail's port taken"; fi
kill "$squatter"
squatter=
grep -q 'retail failed to start 3 times in a row' "$data_dir/crash-loop.log" || fail "crash loop not reported: $(tail -20 "$data_dir/crash-loop.log")"
grep -q 'EADDRINUSE' "$data_dir/crash-loop.log" || fail "crash loop without its reason: $(tail -20 "$data_dir/crash-loop.log")"
! pgrep -f "node .*dist/(apps|tools)/" >/dev/null || fail "a service is still running after the crash loop"
! pgrep -f "$data_dir/postgres" >/dev/null || fail "embedded PostgreSQL still running after the crash loop"
echo "smoke: npm start serves the demo data, a sale reaches inventory, the gateway serves the seed's examples, bad input is a 400, a killed service comes back, a second start is refused, Ctrl-C stops everything; a bad setting stops a service; a crash loop stops the system"
