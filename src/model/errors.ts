/**
 * kripke's own errors. A user sees these when a model is malformed (thrown at
 * definition time) or when a state or a user function misbehaves during a check
 * (carried in the result as `error`, with the trace that led there).
 */

/** Base class: every error kripke raises on its own account is a KripkeError. */
export class KripkeError extends Error {
  override name = 'KripkeError';

  // The CommonJS and ES module builds each define these classes: a registered
  // symbol brand (see brandErrorClass) makes instanceof hold across the two.
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    try {
      return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[Symbol.for(`kripke.${this.name}`)] === true;
    } catch {
      return false; // a revoked Proxy, say: not one of ours
    }
  }
}

/**
 * Marks a KripkeError class with `Symbol.for('kripke.<ClassName>')` on its
 * prototype, so that `instanceof` recognises its instances from either build.
 *
 * @example
 * class MatcherUsageError extends KripkeError {}
 * brandErrorClass(MatcherUsageError);
 */
export function brandErrorClass(cls: abstract new (...args: never[]) => KripkeError): void {
  Object.defineProperty(cls.prototype, Symbol.for(`kripke.${cls.name}`), { value: true });
}

/** A model or environment definition that cannot be checked: thrown by `defineModel`, `defineEnvironment`, `checkOpen`. */
export class ModelDefinitionError extends KripkeError {
  override name = 'ModelDefinitionError';
}

/** A state that is not plain data (function, symbol, cycle, class instance), with the path inside it. */
export class StateShapeError extends KripkeError {
  override name = 'StateShapeError';
  constructor(
    message: string,
    /** Where inside the state, e.g. `state.nodes[2].handler`. */
    readonly path: string,
    /** What is wrong there, without context: `state.nodes[2].handler is a function`. */
    readonly detail: string = message,
  ) {
    super(message);
  }
}

/** A user function returned something it must not (a guard returning a string, say). */
export class ContractError extends KripkeError {
  override name = 'ContractError';
}

/** An action (or guard, or invariant) changed its input state instead of returning a new one. */
export class MutationError extends KripkeError {
  override name = 'MutationError';
}

for (const cls of [KripkeError, ModelDefinitionError, StateShapeError, ContractError, MutationError]) brandErrorClass(cls);

/**
 * What a user's code threw, as one line, whatever it is: `TypeError: boom`, a
 * string in quotes, or an object that refuses to be turned into a string
 * (`Object.create(null)`, a throwing `toString`). Never throws.
 *
 * @example
 * describeThrown(new RangeError('too far')); // 'RangeError: too far'
 * describeThrown(Object.create(null));        // 'a thrown object that cannot be printed'
 */
export function describeThrown(value: unknown): string {
  try {
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    if (typeof value === 'string') return JSON.stringify(value);
    return String(value);
  } catch {
    return 'a thrown object that cannot be printed';
  }
}
