/**
 * `kripke/jest`: add it to Jest's `setupFilesAfterEnv`. It registers the
 * matchers (everything in the message: Jest prints nothing else),
 * `toMatchAssumptionsSnapshot` (through `jest-snapshot`, loaded when first
 * used) and the snapshot serializer. Its types extend `expect` from
 * `@jest/globals` and the global `expect` of `@types/jest`.
 *
 * @example
 * // jest.config.js
 * module.exports = { setupFilesAfterEnv: ['kripke/jest'] };
 *
 * @packageDocumentation
 */
import { expect } from '@jest/globals';
import './augment/expect.js';
import './augment/jest-namespace.js';
import { createMatchers } from './matchers/create-matchers.js';
import { snapshotSerializer } from './render/snapshot-serializer.js';
import { toMatchAssumptionsSnapshot } from './snapshot/jest.js';

expect.extend({ ...createMatchers(), toMatchAssumptionsSnapshot });
expect.addSnapshotSerializer(snapshotSerializer);
