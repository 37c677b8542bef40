#!/usr/bin/env bash
# Builds the bot as it was at a git revision (default: main) into dist-baseline/, so `npm run bench`
# can measure the model against it in the same run (see bench/model-throughput.ts). The revision's own
# `npm run build` builds it: since the CLI is bundled with a code cache, tsc alone would leave the
# baseline's CLI without them.
#   npm run bench:baseline -- <revision>
set -euo pipefail
cd "$(dirname "$0")/.."
revision="${1:-main}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git archive "$revision" package.json src tsconfig.json tsconfig.build.json | tar -x -C "$work"
ln -s "$PWD/node_modules" "$work/node_modules"
(cd "$work" && npm run build --silent)
rm -rf dist-baseline
# -p keeps the times: the CLI uses its code cache only when it is no older than the bundle.
cp -Rp "$work/dist" dist-baseline
git rev-parse --short "$revision" > dist-baseline/BASELINE_REF
echo "dist-baseline: $(cat dist-baseline/BASELINE_REF)"
