// Tests run from the TypeScript sources through ts-jest (transpile only, as tsconfig's
// isolatedModules allows: `npm run build` already type-checks, and it runs before `npm test`).
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/support/env.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 60000,
};
