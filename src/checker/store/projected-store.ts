/**
 * A visited set keyed by a projection of each state: its symmetry
 * representative, its view, or both (checker/identity.ts builds the key).
 * States with equal keys are one state. The search still holds and expands
 * concrete states, and traces are rebuilt by replaying the model through the
 * stored keys, so every step of a trace is a state the actions really produce.
 *
 * The mutation check compares the expanded state with itself before and after
 * its expansion, whole (the key alone would miss a change outside the view).
 */
import { ModelDefinitionError, StateShapeError } from '../../model/errors.js';
import { fingerprint64, type Fingerprinter } from './fingerprint.js';
import type { StateStore } from './state-store.js';

export class ProjectedStore implements StateStore {
  private readonly before = new Int32Array(2);
  private readonly after = new Int32Array(2);

  constructor(
    private readonly inner: StateStore,
    private readonly key: (state: unknown) => unknown,
    private readonly noun = 'view',
    private readonly whole: Fingerprinter = fingerprint64,
  ) {}

  /** The key of a state; a key that is not plain data is the symmetry's or view's error, named. */
  private keyOf(state: unknown, use: (key: unknown) => number): number {
    const key = this.key(state);
    try {
      return use(key);
    } catch (error) {
      if (error instanceof StateShapeError) throw new ModelDefinitionError(`${this.noun} returned a value that is not plain data: ${error.message}`, { cause: error });
      throw error;
    }
  }

  get keyedBy(): string {
    return this.noun;
  }

  get size(): number {
    return this.inner.size;
  }

  get bits(): number {
    return this.inner.bits;
  }

  get capacity(): number {
    return this.inner.capacity;
  }

  add(state: unknown, parent: number): number {
    return this.keyOf(state, (k) => this.inner.add(k, parent));
  }

  find(state: unknown): number {
    return this.keyOf(state, (k) => this.inner.find(k));
  }

  matches(state: unknown, id: number): boolean {
    return this.inner.matches(this.key(state), id);
  }

  verify(state: unknown, id: number): boolean {
    this.whole.of(state, this.after, true);
    return this.after[0] === this.before[0] && this.after[1] === this.before[1] && this.inner.verify(this.key(state), id);
  }

  parentOf(id: number): number {
    return this.inner.parentOf(id);
  }

  bytes(): number {
    return this.inner.bytes();
  }

  expanding(parent: unknown): void {
    if (parent === null) return this.inner.expanding(null);
    // The whole state as it is before its successors are built, for the mutation check.
    this.whole.of(parent, this.before, true);
    this.inner.expanding(this.key(parent));
  }
}
