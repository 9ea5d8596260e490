#!/usr/bin/env bash
# `npm test`: the whole suite. Unit and integration tests on the embedded database (and again on
# PostgreSQL when DATABASE_URL is set), then a production build and the end-to-end tests in Chromium.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .reports
rm -f .reports/*.json

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Chromium is missing: installing Debian's chromium ..."
    (apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }) \
      || { echo "Could not install Chromium. Run: sudo apt-get update && sudo apt-get install -y chromium"; exit 1; }
  else
    echo "The end-to-end tests need Debian's Chromium. Run: sudo apt-get update && sudo apt-get install -y chromium"
    exit 1
  fi
fi

# The portfolio export test renders the printed PDF's pages to images with pdftoppm (poppler-utils).
if ! command -v pdftoppm >/dev/null; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "pdftoppm is missing: installing Debian's poppler-utils ..."
    (apt-get install -y poppler-utils >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y poppler-utils >/dev/null; }) \
      || { echo "Could not install poppler-utils. Run: sudo apt-get update && sudo apt-get install -y poppler-utils"; exit 1; }
  else
    echo "The end-to-end tests need pdftoppm. Run: sudo apt-get update && sudo apt-get install -y poppler-utils"
    exit 1
  fi
fi

# The system tests start a private PostgreSQL cluster from Debian's binaries (no running server needed).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "PostgreSQL binaries are missing: installing Debian's postgresql ..."
    (apt-get install -y postgresql >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y postgresql >/dev/null; }) \
      || { echo "Could not install PostgreSQL. Run: sudo apt-get update && sudo apt-get install -y postgresql"; exit 1; }
  else
    echo "The system tests need Debian's PostgreSQL binaries. Run: sudo apt-get update && sudo apt-get install -y postgresql"
    exit 1
  fi
fi

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
env -u DATABASE_URL npx playwright test || status=1

node scripts/test-summary.mjs .reports || status=1
exit $status
