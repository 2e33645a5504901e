// 'vitest' for the CommonJS build of kripke/vitest outside Vitest (the real
// package refuses require()): an `expect` that registers, and onTestFinished.
exports.expect = require('../../../bench/fake-jest-globals.cjs').expect;
exports.onTestFinished = () => {};
