#!/usr/bin/env bash
# `npm run bench`: every benchmark under tests/bench, in turn. They print figures; none passes or fails.
# The module-page and load benchmarks need a production build (`npm run build`).
# Record the figures you get in tests/bench/RESULTS.md.
set -uo pipefail
cd "$(dirname "$0")/.."
node -e "import('./scripts/build-fingerprint.mjs').then((m) => process.exit(m.staleBuildReason(process.env.NEXT_DIST_DIR) ? 1 : 0))" || npm run -s build
for bench in tests/bench/*.bench.ts; do
  echo
  echo "== $bench"
  npx tsx "$bench" || echo "(benchmark $bench stopped with an error)"
done
