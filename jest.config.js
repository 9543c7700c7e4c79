/** Tests run the TypeScript sources through SWC (fast, no type check: `tsc` does that in `npm test`).
 *  lowdb, steno and stemmer ship ESM only, so SWC turns them into CommonJS for jest's module system. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(lowdb|steno|stemmer)/)'],
  testTimeout: 20000,
  // fast-check runs from one fixed seed (FC_SEED overrides), printed with any failure.
  setupFilesAfterEnv: ['<rootDir>/test/helpers/fast-check-seed.ts'],
};
