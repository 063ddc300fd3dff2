#!/usr/bin/env node
// The `tsuk` command. The compiled CLI lives in dist/: an installed package ships it (built by
// `prepack`); a clone of the repository builds it with `npm run build` (scripts/setup.sh does).
let cli;
try {
  cli = require('../dist/cli/main.js');
} catch (e) {
  if (e.code !== 'MODULE_NOT_FOUND' || !String(e.message).includes('dist/cli/main.js')) throw e;
  process.stderr.write('tsuk: the compiler is not built (no dist/cli/main.js); in a clone of tsuk run `npm run build`\n');
  process.exit(1);
}
cli.main(process.argv.slice(2));
