// The empty setup file of bench/setup-cost.mjs inside Jest: like kripke/jest,
// it takes expect from @jest/globals.
const { expect } = require('@jest/globals');

void expect;
