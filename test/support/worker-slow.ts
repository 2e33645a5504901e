/**
 * A module that takes 3 s to import in a worker thread (a heavy dependency,
 * say): the parallel search must not spend the check's whole timeout waiting.
 */
import { isMainThread } from 'node:worker_threads';
import { grid } from './worker-models.js';

export const slow = grid(16, { corner: false });
if (!isMainThread) for (const until = Date.now() + 3000; Date.now() < until; );
