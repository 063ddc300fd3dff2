#!/usr/bin/env node
// The `tsuk` command: the compiled CLI lives in dist/ (built by `npm install` / `npm run build`).
require('../dist/cli/main.js').main(process.argv.slice(2));
