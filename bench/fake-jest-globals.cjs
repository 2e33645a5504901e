// @jest/globals outside Jest, for bench/setup-cost-child.mjs and the package
// tests: the real package throws when no Jest environment runs it. Jest's own
// `expect` (what @jest/globals re-exports), with the snapshot serializer hook
// Jest's environment adds to it (jest-snapshot's addSerializer).
const { expect } = require('expect');
/** @type {any} */ (expect).addSnapshotSerializer ??= require('jest-snapshot').addSerializer;
exports.expect = expect;
