// bench/jest-check.mjs: one test file, no transform (an installed package is not transformed either).
module.exports = { rootDir: __dirname, testMatch: ['<rootDir>/check.test.cjs'], testEnvironment: 'node', transform: {}, cache: false };
