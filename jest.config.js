// Tests run from the TypeScript sources through ts-jest (transpile only: `npm run build`
// already type-checks the compiler, and it runs before `npm test`).
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
  testTimeout: 60000,
};
