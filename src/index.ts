/**
 * kripke — explicit-state model checking for TypeScript.
 *
 * The core entry: define a model, check it. Works in a plain Node script; the
 * test-runner plugins live in `kripke/vitest` and `kripke/jest`.
 *
 * @packageDocumentation
 */
export { action } from './model/action.js';
export { defineModel, isModel } from './model/define-model.js';
export { permutations, type PermutationsSpec, type Symmetry } from './model/symmetry.js';
export { defineEnvironment, isEnvironment } from './model/define-environment.js';
export { ContractError, KripkeError, ModelDefinitionError, MutationError, StateShapeError } from './model/errors.js';
export type {
  Action,
  ActionLabel,
  ActionRecord,
  Actions,
  ActionSpec,
  Assumption,
  AssumptionSpec,
  AssumptionStatus,
  ChoiceActionSpec,
  ChoiceOf,
  Environment,
  EnvironmentSpec,
  EventuallyAlwaysSpec,
  EventuallySpec,
  Fairness,
  FairnessSpec,
  InfinitelyOftenSpec,
  InferredActionSpec,
  Invariant,
  LivenessProperty,
  LivenessSpec,
  Model,
  ModelSpec,
  Property,
  SimpleActionSpec,
  State,
  StatePredicate,
  Transition,
} from './model/types.js';
export { check, checkLiveness, checkOpen, DEFAULT_OPTIONS } from './checker/check.js';
export { swarm, swarmOpen } from './checker/swarm/swarm.js';
export { isSwarmRecord, mergeSwarm, type MergedCheck, type SwarmMerge, type SwarmRecord } from './checker/swarm/merge.js';
export type { Shard, SwarmCoverage, SwarmIncomplete, SwarmOptions, SwarmProblem, SwarmResult } from './checker/swarm/types.js';
export { replayTrace, type ReplayTraceOptions, type SavedTrace } from './itf/replay.js';
export type { ReplayResult } from './checker/replay.js';
export { configure, type Configuration, type DeadActionsPolicy } from './checker/configure.js';
export { fromITF, ItfError, ITF_FORMAT_DESCRIPTION, toITF, type FromItfOptions, type ItfState, type ItfTrace, type ItfTraceData, type ItfValue } from './itf/index.js';
export type { LivenessQuery } from './checker/liveness/check-liveness.js';
export type {
  ActionCoverage,
  Budget,
  CheckOptions,
  CheckResult,
  CheckStats,
  DeadlockResult,
  ErrorResult,
  ErrorSource,
  FairnessAssumptions,
  IncompleteResult,
  InvariantResult,
  LivenessResult,
  OkResult,
  OpenResult,
  ResultKind,
  Step,
  Trace,
} from './checker/types.js';
export { checkConformance, checkTrace, defineImplementation, isImplementation, StepTimeoutError, TraceInputError } from './conformance/index.js';
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
} from './conformance/index.js';
