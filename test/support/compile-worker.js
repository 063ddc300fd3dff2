// A long-lived tsuk compiler for the differential suite (test/support/lang.ts): one process
// compiles program after program, so Node's start-up and V8's warm-up of the compiler (about
// half of a cold `tsuk compile`) are paid once per worker instead of once per program.
//
// Protocol: one JSON request per line on stdin, {"entry": "...", "out": "..."}; one JSON reply
// per line on stdout, {"error": undefined | "diagnostics or crash text"}. The image written is
// what `tsuk compile <entry> -o <out>` writes for a raw image: the same bytes.
//
// Usage: node compile-worker.js <dist folder of a built tsuk (…/dist)>

'use strict';
const fs = require('fs');
const path = require('path');
const readline = require('readline');

const dist = process.argv[2];
const { compile } = require(path.join(dist, 'compiler/compile.js'));
const { CompileError, formatDiagnostic } = require(path.join(dist, 'compiler/frontend/diagnostics.js'));

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const { entry, out } = JSON.parse(line);
  let error;
  try {
    fs.writeFileSync(out, compile(entry).image);
  } catch (e) {
    error = e instanceof CompileError ? e.diagnostics.map((d) => formatDiagnostic(d)).join('\n') : String((e && e.stack) || e);
  }
  process.stdout.write(JSON.stringify({ error }) + '\n');
});
