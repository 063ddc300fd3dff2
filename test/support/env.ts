// Jest setup (jest.config.js setupFiles): the environment every test and every `tsuk` it runs
// inherits. Compiles share one cache folder in the system's temp folder, never the
// checkout's node_modules/.cache (compiler/cache/store.ts), unless the caller chose one.

import * as os from 'os';
import * as path from 'path';

process.env.TSUK_CACHE_DIR ??= path.join(os.tmpdir(), 'tsuk-test-cache');
