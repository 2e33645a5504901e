// bench/setup-cost.mjs, inside a real `jest` run: one empty test file, and a
// setup file that times requiring the setup module under test
// (probe-setup.cjs) through Jest's module registry. No transform: a package
// from node_modules is not transformed either.
module.exports = {
  rootDir: __dirname,
  testMatch: ['<rootDir>/nothing.test.cjs'],
  setupFilesAfterEnv: ['<rootDir>/probe-setup.cjs'],
  testEnvironment: 'node',
  transform: {},
  cache: false,
};
