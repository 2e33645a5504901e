/**
 * The liveness stories as their scripts print them: docs/liveness.md quotes
 * this output, so a change to it shows up here first.
 */
import { describe, expect, it } from 'vitest';
import { main as readersWriters } from '../../docs/examples/readers-writers-liveness.js';
import { main as producerConsumer } from '../../docs/examples/producer-consumer-liveness.js';
import { main as diningPhilosophers } from '../../docs/examples/dining-philosophers-liveness.js';

const output = (main: (log: (line: string) => void) => void) => {
  const lines: string[] = [];
  main((line) => lines.push(line));
  return lines.join('\n');
};

describe('liveness examples', () => {
  it('readers–writers: reader preference starves the writer, writer preference does not', () => {
    expect(output(readersWriters)).toMatchSnapshot();
  });

  it('producer–consumer: the race, the atomic fix, and the busy-wait without fairness', () => {
    expect(output(producerConsumer)).toMatchSnapshot();
  });

  it('dining philosophers: starvation under weak fairness, none under strong', () => {
    expect(output(diningPhilosophers)).toMatchSnapshot();
  });
});
