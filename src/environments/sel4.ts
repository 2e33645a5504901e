/**
 * seL4: a formally verified microkernel. What its proofs guarantee enters a
 * check as assumptions with status 'verified' (not residual obligations);
 * what they leave out stays 'unverified'. The verified/unverified split.
 */
import { ModelDefinitionError } from '../model/errors.js';
import { sameState } from '../model/plain-data.js';
import type { Environment } from '../model/types.js';
import { checkOptions, type CommonOptions, environment, fault } from './shared.js';

const SOSP09 = 'Klein et al., seL4: Formal Verification of an OS Kernel (SOSP 2009)';

/** Options of `sel4.untrustedComponent`. */
export interface UntrustedComponentOptions<S> extends CommonOptions<S> {
  /** When the untrusted (unverified, possibly compromised) component may act. */
  canAct: (state: S) => boolean;
  /** Anything the component may do with what it owns: its memory, and messages on the endpoints its capabilities allow. */
  onAct: (state: S) => S;
  /**
   * Everything the component holds no capability to: what the kernel's
   * verified isolation keeps it from changing. Each act is checked against
   * it: an `onAct` that changes it is an error (the model gave the component
   * an authority the kernel does not).
   */
  outside: (state: S) => unknown;
  /** At most this many acts along a path, counted in the state under `'sel4:acts'`; a missing key counts as 0. */
  maxFaults?: number;
}

/**
 * An untrusted component running on seL4 acts arbitrarily, but only within
 * its capabilities: behavior `untrusted-act`. The kernel's proofs (functional
 * correctness, integrity, confidentiality) are declared `verified`; the
 * hardware and the boot-time configuration remain `unverified`.
 *
 * @example
 * const rogue = sel4.untrustedComponent<System>({
 *   canAct: (s) => s.driver.buffer.length < 2,
 *   onAct: (s) => ({ ...s, driver: { buffer: [...s.driver.buffer, 'junk'] } }),
 *   outside: (s) => s.crypto,
 *   maxFaults: 2,
 * });
 */
export function untrustedComponent<S>(options: UntrustedComponentOptions<S>): Environment<S> {
  checkOptions('sel4.untrustedComponent', options, { required: ['canAct', 'onAct', 'outside'], budgets: ['maxFaults'] });
  const { onAct, outside } = options;
  const act = (s: S): S => {
    const next = onAct(s);
    if (!sameState(outside(s), outside(next))) {
      throw new ModelDefinitionError(
        'sel4.untrustedComponent: onAct changed what outside() returns, which the component holds no capability to (seL4 integrity forbids it): keep its acts to its own part of the state',
      );
    }
    return next;
  };
  return environment<S>({
    factory: 'sel4.untrustedComponent',
    platform: 'sel4',
    options,
    budget: { option: 'maxFaults', counter: 'acts', max: options.maxFaults },
    behaviors: (budget) => ({ 'untrusted-act': fault(budget, options.canAct, act) }),
    assumptions: {
      'functional-correctness': {
        description: "The kernel's C implementation refines its abstract specification: every system call does what the specification says",
        status: 'verified',
        source: SOSP09,
      },
      integrity: {
        description: 'A component can change only what its capabilities authorise',
        status: 'verified',
        source: 'Sewell et al., seL4 Enforces Integrity (ITP 2011)',
      },
      confidentiality: {
        description: 'A component learns nothing of what its capabilities do not let it read (information-flow noninterference)',
        status: 'verified',
        source: 'Murray et al., seL4: from General Purpose to a Proof of Information Flow Enforcement (IEEE S&P 2013)',
      },
      'hardware-and-boot': {
        description: 'The hardware behaves as specified (caches, MMU, no DMA past the IOMMU) and the boot code sets up the capabilities the proofs start from: outside the proofs',
        source: `${SOSP09}, assumptions`,
      },
    },
  });
}
