#!/usr/bin/env bash
# `npm test`: the whole suite. Unit and integration tests on the embedded database (and again on
# PostgreSQL when DATABASE_URL is set), then a production build and the end-to-end tests in Chromium.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .reports
rm -f .reports/*.json

# Installs a Debian package the tests need when it is missing (as root), or stops with the command to run.
#   need_package <package> <what needs it> <check command...>
need_package() {
  local package="$1" why="$2"
  shift 2
  "$@" >/dev/null 2>&1 && return 0
  local fix="sudo apt-get update && sudo apt-get install -y $package"
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "$why: installing Debian's $package ..."
    (apt-get install -y "$package" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$package" >/dev/null; }) \
      || { echo "Could not install $package. Run: $fix"; exit 1; }
  else
    echo "$why. Run: $fix"
    exit 1
  fi
}

need_package chromium "The end-to-end tests need Debian's Chromium" test -x "${CHROMIUM_PATH:-/usr/bin/chromium}"
# The portfolio export test renders the printed PDF's pages to images with pdftoppm.
need_package poppler-utils "The end-to-end tests need pdftoppm" command -v pdftoppm
# The system tests start a private PostgreSQL cluster from Debian's binaries (no running server needed).
need_package postgresql "The system tests need Debian's PostgreSQL binaries" sh -c 'ls /usr/lib/postgresql/*/bin/initdb'

status=0
step() { echo; echo "== $1"; }

step "Unit and integration tests on the embedded database (PGlite)"
env -u DATABASE_URL npx vitest run --reporter=default --reporter=json --outputFile.json=.reports/vitest-pglite.json || status=1

if [ -n "${DATABASE_URL:-}" ]; then
  step "Integration tests on PostgreSQL (${DATABASE_URL%%@*}@...)"
  npx vitest run --reporter=default --reporter=json --outputFile.json=.reports/vitest-postgres.json || status=1
fi

step "Production build"
if ! npm run -s build > .reports/build.log 2>&1; then
  cat .reports/build.log
  echo "The production build failed."
  exit 1
fi
tail -n 40 .reports/build.log

step "System tests: the production server through database outages and side by side (vitest)"
npx vitest run -c vitest.system.config.mts --reporter=default --reporter=json --outputFile.json=.reports/vitest-system.json || status=1

step "End-to-end tests (Playwright, Chromium)"
# A free port unless E2E_PORT pins one, so another run on this machine cannot hold it. The run's data folder
# is removed when it passes and kept for a look when it fails.
export E2E_PORT="${E2E_PORT:-$(node -e "const s = require('net').createServer().listen(0, () => { console.log(s.address().port); s.close(); })")}"
if env -u DATABASE_URL npx playwright test; then rm -rf ".data/e2e-$E2E_PORT"; else status=1; fi

node scripts/test-summary.mjs .reports || status=1
exit $status
