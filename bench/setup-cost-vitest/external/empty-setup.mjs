// The empty setup file of bench/setup-cost.mjs inside Vitest: loaded as
// kripke/vitest is (by Node, not inlined), and like it imports vitest.
import { expect } from 'vitest';

void expect;
