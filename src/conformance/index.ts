/**
 * Conformance: the model against the real code (`checkConformance`), and a
 * recorded run against the model (`checkTrace`).
 */
export { defineImplementation, isImplementation } from './implementation.js';
export { checkConformance } from './check-conformance.js';
export { StepTimeoutError } from './run-path.js';
export type {
  ConformanceBudget,
  ConformanceOptions,
  ConformanceResult,
  ConformanceStats,
  DeepPartial,
  Divergence,
  Implementation,
  ImplementationAction,
  ImplementationSpec,
  TraceCheckOptions,
  TraceCheckResult,
  TraceEvent,
  TraceInput,
} from './types.js';
export { checkTrace, matchesPartial } from './check-trace.js';
export { TraceInputError } from './events.js';
