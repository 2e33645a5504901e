/**
 * Leader election on etcd: two candidates race to create the election key
 * with a transaction ("create if absent"); the one that creates it leads.
 * etcd may change its own Raft leader at any moment, and then aborts the
 * requests in flight without a reply (etcd API guarantees): the candidate
 * does not know whether its transaction ran. Here the abort is the case
 * where it did not. A candidate that takes an unanswered campaign for a win
 * leads beside the real leader; one that reads the key again survives.
 *
 *   npx tsx docs/examples/leader-election.ts
 */
import { checkOpen, defineModel } from 'kripke';
import { etcd } from 'kripke/environments';

type Phase = 'idle' | 'pending' | 'aborted' | 'leader' | 'follower';

export interface Election {
  /** Who holds the election key in etcd. */
  key: 'a' | 'b' | null;
  /** Each candidate's view. */
  a: Phase;
  b: Phase;
}

const CANDIDATES = ['a', 'b'] as const;
type Candidate = (typeof CANDIDATES)[number];

const set = (s: Election, c: Candidate, phase: Phase): Election => ({ ...s, [c]: phase });

/** The candidates; `recheck` says what one does after its request was aborted. */
export function election(recheck: boolean) {
  return defineModel<Election>({
    name: recheck ? 'recheck-after-abort' : 'assume-won-after-abort',
    init: { key: null, a: 'idle', b: 'idle' },
    actions: {
      // Send the transaction: create the key if absent.
      campaign: { choices: () => CANDIDATES, enabled: (s, c: Candidate) => s[c] === 'idle', apply: (s, c: Candidate) => set(s, c, 'pending') },
      // The transaction runs and its reply arrives.
      reply: {
        choices: () => CANDIDATES,
        enabled: (s, c: Candidate) => s[c] === 'pending',
        apply: (s, c: Candidate) => (s.key === null ? { ...set(s, c, 'leader'), key: c } : set(s, c, 'follower')),
      },
      // No reply came: read the key again (recheck), or take the campaign for a win.
      resolve: {
        choices: () => CANDIDATES,
        enabled: (s, c: Candidate) => s[c] === 'aborted',
        apply: (s, c: Candidate) => (!recheck ? set(s, c, 'leader') : s.key === c ? set(s, c, 'leader') : set(s, c, s.key === null ? 'idle' : 'follower')),
      },
    },
    invariants: {
      'one-leader': (s) => !(s.a === 'leader' && s.b === 'leader'),
      'leader-holds-key': (s) => CANDIDATES.every((c) => s[c] !== 'leader' || s.key === c),
    },
    terminal: (s) => CANDIDATES.every((c) => s[c] === 'leader' || s[c] === 'follower'),
  });
}

/** etcd changes leader while a campaign is in flight: every pending request is aborted, unapplied. At most twice. */
export const leaderChanges = etcd.leaderChange<Election>({
  canChange: (s) => s.a === 'pending' || s.b === 'pending',
  onChange: (s) => ({ ...s, a: s.a === 'pending' ? 'aborted' : s.a, b: s.b === 'pending' ? 'aborted' : s.b }),
  maxFaults: 2,
});

export function main(log: (line: string) => void = console.log): void {
  log('Leader election on etcd, against etcd leader changes\n');
  const naive = checkOpen(election(false), leaderChanges);
  log(`  assume won after an abort: ${naive.result}`);
  log(`    trace: ${naive.result.trace.map((step) => step.action ?? 'init').join(' → ')}`);
  const careful = checkOpen(election(true), leaderChanges);
  log(`  read the key again:        ${careful.result}`);
  log(`\n  Residual assumptions (${careful.unverifiedAssumptions.length} unverified):`);
  for (const a of careful.unverifiedAssumptions) log(`    ${a.name}: ${a.description}`);
}

if (process.argv[1]?.endsWith('leader-election.ts')) main();
