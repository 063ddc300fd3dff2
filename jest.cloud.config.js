// The real-cloud suites (test/cloud/*.cloud-test.ts): not part of `npm test`, since they need
// the local OpenStack of scripts/openstack-up.sh. `npm run test:cloud` runs them, one at a time.
const base = require('./jest.config.js');

module.exports = { ...base, testMatch: ['**/*.cloud-test.ts'], testTimeout: 120000, maxWorkers: 1 };
