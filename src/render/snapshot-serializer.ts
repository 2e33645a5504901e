/**
 * The snapshot serializer for kripke's results: stable text for CheckResult,
 * OpenResult and Assumption values (and lists of them), in both runners.
 * Stable means no timings (`stats.durationMs`), no machine paths (an error
 * prints as `[TypeError: message]`, never its stack), no floating-point noise
 * (the collision estimate), and fields in a fixed, reading order.
 */

/** The part of pretty-format's config a serializer needs; both runners pass a superset. */
export interface SerializerConfig {
  readonly indent: string;
  readonly maxDepth: number;
  readonly min: boolean;
  readonly spacingInner: string;
  readonly spacingOuter: string;
}

/** pretty-format's printer for nested values, as both runners hand it to a plugin. */
export type SerializerPrinter<C> = (value: unknown, config: C, indentation: string, depth: number, refs: unknown[]) => string;

/** A pretty-format plugin (Jest's and Vitest's `SnapshotSerializer`). */
export interface SnapshotSerializer {
  test(value: unknown): boolean;
  serialize<C extends SerializerConfig>(
    value: unknown,
    config: C,
    indentation: string,
    depth: number,
    refs: unknown[],
    printer: SerializerPrinter<C>,
  ): string;
}

const KINDS = new Set(['ok', 'invariant', 'deadlock', 'error', 'incomplete', 'liveness']);
const ASSUMPTION_KEYS = new Set(['name', 'description', 'status', 'source', 'environment']);

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A CheckResult, by shape: what `check`, `checkOpen(...).result` and the matchers return. */
export function isCheckResult(v: unknown): boolean {
  return (
    isObject(v) &&
    typeof v.ok === 'boolean' &&
    typeof v.kind === 'string' &&
    KINDS.has(v.kind) &&
    Array.isArray(v.trace) &&
    isObject(v.stats) &&
    typeof v.stats.states === 'number' &&
    Array.isArray(v.coverage)
  );
}

/** An OpenResult, by shape. */
export function isOpenResult(v: unknown): boolean {
  return isObject(v) && typeof v.ok === 'boolean' && isCheckResult(v.result) && Array.isArray(v.assumptions) && Array.isArray(v.unverifiedAssumptions);
}

/** An Assumption as results report it, by shape. */
export function isAssumption(v: unknown): boolean {
  return (
    isObject(v) &&
    typeof v.name === 'string' &&
    typeof v.description === 'string' &&
    (v.status === 'unverified' || v.status === 'verified') &&
    typeof v.environment === 'string' &&
    Object.keys(v).every((k) => ASSUMPTION_KEYS.has(k))
  );
}

// A result's own summary line is stable text: keep it, it tells the story in one line.
const summaryOf = (v: Obj): string | undefined => (Object.prototype.hasOwnProperty.call(v, 'toString') ? String(v) : undefined);

function fields(v: Obj): [string, unknown][] {
  if (isOpenResult(v)) {
    return [
      ['ok', v.ok],
      ['summary', summaryOf(v)],
      ['environments', v.environments],
      ['result', v.result],
      ['assumptions', v.assumptions],
    ];
  }
  if (isCheckResult(v)) {
    const stats = v.stats as Obj;
    return [
      ['ok', v.ok],
      ['kind', v.kind],
      ['summary', summaryOf(v)],
      ['invariant', v.invariant],
      ['guaranteeOf', v.guaranteeOf],
      ['liveness', v.liveness],
      ['fairness', v.fairness],
      ['warnings', v.warnings],
      ['budget', v.budget],
      ['error', v.error],
      ['errorSource', v.errorSource],
      ['trace', v.trace],
      ['loopsTo', v.loopsTo],
      ['dueAt', v.dueAt],
      // Counts are deterministic; durationMs (a timing) and the collision estimate (a float) are not snapshot material.
      ['stats', { states: stats.states, transitions: stats.transitions, depth: stats.depth }],
      ['coverage', v.coverage],
    ];
  }
  return [
    ['name', v.name],
    ['environment', v.environment],
    ['status', v.status],
    ['description', v.description],
    ['source', v.source],
  ];
}

function nameOf(v: Obj): string {
  if (isOpenResult(v)) return 'OpenResult';
  if (isCheckResult(v)) return 'CheckResult';
  return 'Assumption';
}

/**
 * Registered by `kripke/vitest` and `kripke/jest`; add it yourself with
 * `expect.addSnapshotSerializer(snapshotSerializer)` when wiring by hand.
 *
 * @example
 * expect(checkOpen(service, k8s(true))).toMatchSnapshot();
 * expect(open.unverifiedAssumptions).toMatchInlineSnapshot(`
 *   [
 *     Assumption {
 *       "name": "node-capacity",
 *       "environment": "k8s",
 *       "status": "unverified",
 *       "description": "At least one schedulable node is always available after eviction",
 *       "source": "Kubernetes docs: Pod lifecycle",
 *     },
 *   ]
 * `);
 */
export const snapshotSerializer: SnapshotSerializer = {
  test(value) {
    return isCheckResult(value) || isOpenResult(value) || isAssumption(value);
  },
  serialize(value, config, indentation, depth, refs, printer) {
    const v = value as Obj;
    const name = nameOf(v);
    if (++depth > config.maxDepth) return `[${name}]`;
    const entries = fields(v).filter(([, x]) => x !== undefined);
    const inner = indentation + config.indent;
    let out = `${name} {`;
    if (entries.length > 0) {
      out += config.spacingOuter;
      entries.forEach(([k, x], i) => {
        out += `${inner}${printer(k, config, inner, depth, refs)}: ${printer(x, config, inner, depth, refs)}`;
        if (i < entries.length - 1) out += `,${config.spacingInner}`;
        else if (!config.min) out += ',';
      });
      out += config.spacingOuter + indentation;
    }
    return `${out}}`;
  },
};
