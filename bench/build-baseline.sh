#!/usr/bin/env bash
# Builds the bot as it was at a git revision (default: main) into dist-baseline/, so `npm run bench`
# can measure the model against it in the same run (see bench/model-throughput.ts).
#   npm run bench:baseline -- <revision>
set -euo pipefail
cd "$(dirname "$0")/.."
revision="${1:-main}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git archive "$revision" src tsconfig.json tsconfig.build.json | tar -x -C "$work"
ln -s "$PWD/node_modules" "$work/node_modules"
rm -rf dist-baseline
npx tsc -p "$work/tsconfig.build.json" --outDir "$PWD/dist-baseline"
git rev-parse --short "$revision" > dist-baseline/BASELINE_REF
echo "dist-baseline: $(cat dist-baseline/BASELINE_REF)"
