// The lossy-link suite (test/lossy/*.lossy-test.ts): not part of `npm test`, since it needs root
// (a network namespace and a TAP device) and takes a minute or two under TCG. `npm run
// test:lossy` runs it; .ci/run has it as a step of its own.
const base = require('./jest.config.js');

module.exports = { ...base, testMatch: ['**/*.lossy-test.ts'], testTimeout: 180000, maxWorkers: 1 };
