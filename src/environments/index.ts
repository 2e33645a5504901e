/**
 * `kripke/environments`: ready-made environments for the platforms a service
 * runs on. Each factory takes callbacks on your own state (when the fault may
 * happen, what it does), returns an `Environment<S>` from `defineEnvironment`,
 * and declares the assumptions no check discharges, each with its source.
 *
 * @example
 * import { k8s, linux } from 'kripke/environments';
 * expect(service).toSurvive([
 *   k8s.podEviction<Service>({ canEvict: (s) => s.up, onEvict: (s) => ({ ...s, up: false }) }),
 *   linux.processCrash<Service>({ canCrash: (s) => s.up, onCrash: (s) => ({ ...s, cache: [] }), maxFaults: 1 }),
 * ]);
 *
 * @packageDocumentation
 */
export * as aws from './aws.js';
export * as etcd from './etcd.js';
export * as k8s from './k8s.js';
export * as linux from './linux.js';
export * as network from './network.js';
export * as sel4 from './sel4.js';
export type { CommonOptions } from './shared.js';
