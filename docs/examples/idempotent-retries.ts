/**
 * A retrying client over a lossy, duplicating network. The client sends one
 * payment request; a request or its reply may be lost, a request may be
 * duplicated, and the client retries once when nothing is in flight and no
 * reply came. Without idempotency keys the server charges twice; with them
 * (the server remembers the keys it has applied) it charges at most once.
 * The two channels are `network.channel` from kripke/environments, composed
 * by name ('requests', 'replies'), each with one fault at most.
 *
 *   npx tsx docs/examples/idempotent-retries.ts
 */
import { checkOpen, defineModel } from 'kripke';
import { network } from 'kripke/environments';

/** The client's request, the server's memory, and what is in flight between them. */
export interface Payment {
  /** Requests in flight, by idempotency key. */
  requests: string[];
  /** Replies in flight. */
  replies: string[];
  /** How many times the server charged the card. */
  charged: number;
  /** The idempotency keys the server has applied. */
  applied: string[];
  /** The client got a reply. */
  acked: boolean;
  retries: number;
}

const start: Payment = { requests: ['pay-1'], replies: [], charged: 0, applied: [], acked: false, retries: 0 };

/** The client: retry once when nothing is in flight and no reply came (its timeout). */
export const client = defineModel<Payment>({
  name: 'payment',
  init: start,
  actions: {
    retry: {
      enabled: (s) => !s.acked && s.retries < 1 && s.requests.length === 0 && s.replies.length === 0,
      apply: (s) => ({ ...s, requests: ['pay-1'], retries: s.retries + 1 }),
    },
  },
  invariants: { 'charged-at-most-once': (s) => s.charged <= 1 },
  terminal: (s) => s.requests.length === 0 && s.replies.length === 0,
});

/** The network: requests may be lost or duplicated, replies lost; one fault each at most. */
export function networkFor(idempotent: boolean) {
  const requests = network.channel<Payment, string>({
    name: 'requests',
    messages: (s) => s.requests,
    withMessages: (s, requests) => ({ ...s, requests: [...requests] }),
    // The server: with idempotency keys, a key it has applied is answered again, not charged again.
    deliver: (s, key) =>
      idempotent && s.applied.includes(key)
        ? { ...s, replies: [...s.replies, key] }
        : { ...s, charged: s.charged + 1, applied: [...s.applied, key], replies: [...s.replies, key] },
    lossy: true,
    duplicating: true,
    maxFaults: 1,
  });
  const replies = network.channel<Payment, string>({
    name: 'replies',
    messages: (s) => s.replies,
    withMessages: (s, replies) => ({ ...s, replies: [...replies] }),
    deliver: (s) => ({ ...s, acked: true }),
    lossy: true,
    maxFaults: 1,
  });
  return [requests, replies];
}

export function main(log: (line: string) => void = console.log): void {
  log('A retrying client over a lossy, duplicating network\n');
  const without = checkOpen(client, networkFor(false));
  log(`  without idempotency keys: ${without.result}`);
  log(`    trace: ${without.result.trace.map((step) => step.action ?? 'init').join(' → ')}`);
  const withKeys = checkOpen(client, networkFor(true));
  log(`  with idempotency keys:    ${withKeys.result}`);
  log(`\n  Residual assumptions (${withKeys.unverifiedAssumptions.length} unverified):`);
  for (const a of withKeys.unverifiedAssumptions) log(`    ${a.environment}/${a.name}: ${a.description}`);
}

if (process.argv[1]?.endsWith('idempotent-retries.ts')) main();
