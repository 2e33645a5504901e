/**
 * The Informal Trace Format (Apalache ADR-015): kripke's counterexamples as
 * files other tools read, and their traces read back.
 */
export { fromITF, ITF_FORMAT_DESCRIPTION, toITF, type FromItfOptions, type ItfState, type ItfTrace, type ItfTraceData } from './trace.js';
export { ItfError, type ItfValue } from './values.js';
export { replayTrace, type ReplayTraceOptions, type SavedTrace } from './replay.js';
