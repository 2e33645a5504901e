/**
 * A module whose worker-thread import ends the thread (process.exit in a
 * worker stops that worker): the parallel search must fall back, not hang.
 */
import { isMainThread } from 'node:worker_threads';
import { grid } from './worker-models.js';

export const exiting = grid(16, { corner: false });
if (!isMainThread) process.exit(3);
