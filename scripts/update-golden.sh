#!/usr/bin/env bash
# Re-pins the golden image hashes in test/golden/ — run only after a reviewed change to what
# the compiler emits, and say why in the commit message.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for example in hello dns; do
  node bin/tsuk.js compile "examples/$example.ts" -o "$tmp/$example.img" 2>/dev/null
  sha256sum "$tmp/$example.img" | cut -d' ' -f1 > "test/golden/$example.img.sha256"
  echo "test/golden/$example.img.sha256: $(cat "test/golden/$example.img.sha256")"
done
