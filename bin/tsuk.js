#!/usr/bin/env node
// The `tsuk` command. The compiled CLI lives in dist/: an installed package ships it (built by
// `prepack`); a clone of the repository builds it with `npm run build` (scripts/setup.sh does).
const fs = require('fs');
const path = require('path');
const main = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
// Checked before loading, so that a module missing *inside* the built compiler is reported as
// itself (with Node's require stack), not as an unbuilt compiler.
if (!fs.existsSync(main)) {
  process.stderr.write('tsuk: the compiler is not built (no dist/cli/main.js); in a clone of tsuk run `npm run build`\n');
  process.exit(1);
}
require(main).main(process.argv.slice(2));
