#!/usr/bin/env node
// Prints the SHA-256 of every image the repository can build: the examples, the differential
// programs (test/lang/*.ts) and the kernel programs (test/kernel/*.ts), one "hash  path" line
// each, sorted by path. A restructuring commit must leave this list unchanged: run it before
// and after and diff the two (`node scripts/image-hashes.js > before.txt`).
//
// One process compiles them all (the compiler warms up once), from the built dist/ of the
// checkout this script lives in; run `npm run build` first. A program that does not compile
// prints "error" instead of a hash, so a refusal shows up in the diff too.
//
// --cache DIR compiles through the compile cache in DIR (compiler/cache/): run it twice into
// one folder and diff both lists against a run without it — the cache must not change a byte.
//
// Usage: node scripts/image-hashes.js [--count] [--cache DIR]

'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const { compile } = require(path.join(root, 'dist/compiler/compile.js'));

function programs() {
  const out = [];
  for (const dir of ['examples', 'test/lang', 'test/kernel']) {
    for (const name of fs.readdirSync(path.join(root, dir)).sort()) {
      if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path.join(dir, name));
    }
  }
  return out;
}

const cacheAt = process.argv.indexOf('--cache');
const cacheDir = cacheAt > 0 ? path.resolve(process.argv[cacheAt + 1]) : undefined;
const list = programs();
let compiled = 0;
for (const rel of list) {
  let hash = 'error';
  try {
    hash = crypto.createHash('sha256').update(compile(path.join(root, rel), { cacheDir }).image).digest('hex');
    compiled++;
  } catch {
    // Reported as "error": the diff shows which program stopped (or started) compiling.
  }
  process.stdout.write(`${hash}  ${rel}\n`);
}
if (process.argv.includes('--count')) process.stderr.write(`${compiled} of ${list.length} images compiled\n`);
