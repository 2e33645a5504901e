// The empty setup file of bench/setup-cost.mjs inside Vitest: it imports
// vitest, as kripke/vitest does (a test file would, later, if it did not).
import { expect } from 'vitest';

void expect;
