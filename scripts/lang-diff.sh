#!/usr/bin/env bash
# Runs differential language test programs by hand: each on Node (transpiled with TypeScript to
# CommonJS, the whole test/lang tree so relative imports work) and compiled by tsuk under QEMU
# TCG; prints both outputs, exit statuses and a diff. Exits 0 when every program matches.
#
#   scripts/lang-diff.sh test/lang/foo.ts [more.ts …]     (uses dist/: run `npm run build` first)
#   KEEP=1 scripts/lang-diff.sh …                          keeps the temp dir (images, .js)
#   TSUK_ROOT=/other/checkout scripts/lang-diff.sh …       uses that checkout's built compiler
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tsuk="${TSUK_ROOT:-$root}/bin/tsuk.js"
[ $# -ge 1 ] || { echo "usage: $0 test/lang/program.ts [...]" >&2; exit 2; }
tmp=$(mktemp -d)
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$tmp"' EXIT; else echo "temp dir: $tmp"; fi

# Transpile the test/lang tree once, and net/ (the stack runs unchanged on Node) beside it, so
# test/lang/net-*.ts can import ../../net/… (and test/lang/dns-*.ts ../../examples/…).
for tree in test/lang net examples; do
[ -d "$root/$tree" ] || continue
node -e '
const ts = require(process.argv[1] + "/node_modules/typescript");
const fs = require("fs"), path = require("path");
const src = process.argv[2], out = process.argv[3];
(function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) { walk(p); continue; }
    if (!e.name.endsWith(".ts") || e.name.endsWith(".d.ts")) continue;
    const js = ts.transpileModule(fs.readFileSync(p, "utf8"), { fileName: p,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true } }).outputText;
    const o = path.join(out, path.relative(src, p)).replace(/\.ts$/, ".js");
    fs.mkdirSync(path.dirname(o), { recursive: true });
    fs.writeFileSync(o, js);
  }
})(src);' "$root" "$root/$tree" "$tmp/js/$tree" || exit 2
done

fail=0
for f in "$@"; do
  abs=$(realpath "$f")
  rel=${abs#"$root/test/lang/"}
  if [ "$rel" = "$abs" ]; then echo "$f: not under test/lang/" >&2; fail=1; continue; fi
  base=$(echo "${rel%.ts}" | tr / _)
  echo "=== $f"
  node "$tmp/js/test/lang/${rel%.ts}.js" >"$tmp/$base.node" 2>"$tmp/$base.node.err"; ns=$?
  if node "$tsuk" compile "$abs" -o "$tmp/$base.img" 2>"$tmp/$base.compile"; then
    node "$tsuk" run "$tmp/$base.img" --accel tcg >"$tmp/$base.tsuk" 2>"$tmp/$base.tsuk.err"; ts=$?
  else
    ts=compile-error; : >"$tmp/$base.tsuk"
    cat "$tmp/$base.compile"
  fi
  echo "--- node (status $ns)"; cat "$tmp/$base.node"; cat "$tmp/$base.node.err" >&2
  echo "--- tsuk (status $ts)"; cat "$tmp/$base.tsuk"; [ -f "$tmp/$base.tsuk.err" ] && cat "$tmp/$base.tsuk.err" >&2
  if [ "$ns" = 0 ] && [ "$ts" = 0 ] && cmp -s "$tmp/$base.node" "$tmp/$base.tsuk"; then
    echo "--- SAME"
  else
    echo "--- DIFFERENT (diff -u node tsuk)"
    diff -u --label node --label tsuk "$tmp/$base.node" "$tmp/$base.tsuk"
    fail=1
  fi
done
exit $fail
