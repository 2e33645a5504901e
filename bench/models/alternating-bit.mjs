// @ts-check
/**
 * The alternating-bit protocol over two lossy FIFO channels of bounded
 * capacity. The sender keeps (re)sending message `next` tagged with its bit
 * until an acknowledgement with that bit comes back; the receiver delivers a
 * message whose bit is the one it expects and acknowledges every message with
 * the bit it carried. Either channel may lose any message it holds, and a
 * message sent to a full channel is lost too.
 *
 * The property: messages are delivered in order, each exactly once, whatever
 * is lost (`delivered` is always 0, 1, 2, …).
 */

/** @typedef {0 | 1} Bit */
/**
 * @typedef {{
 *   next: number, sBit: Bit, rBit: Bit, delivered: readonly number[],
 *   data: readonly (readonly [Bit, number])[], acks: readonly Bit[],
 * }} ABP
 */

/** @template T @param {readonly T[]} xs @param {number} i */
const without = (xs, i) => [...xs.slice(0, i), ...xs.slice(i + 1)];

/** @template T @param {readonly T[]} xs */
const indices = (xs) => xs.map((_, i) => i);

/**
 * @param {number} messages how many messages the sender has to get across
 * @param {number} capacity what each channel holds
 * @returns {import('./index.mjs').BenchModel<ABP>}
 */
export function alternatingBit(messages, capacity) {
  /** @param {readonly Bit[]} acks @param {Bit} b */
  const sendAck = (acks, b) => (acks.length < capacity ? [...acks, b] : acks);
  return {
    spec: {
      name: `alternating-bit(${messages},${capacity})`,
      init: { next: 0, sBit: 0, rBit: 0, delivered: [], data: [], acks: [] },
      actions: {
        send: {
          enabled: (s) => s.next < messages && s.data.length < capacity,
          apply: (s) => ({ ...s, data: [...s.data, [s.sBit, s.next]] }),
        },
        receive: {
          enabled: (s) => s.data.length > 0,
          apply: (s) => {
            const [bit, payload] = s.data[0];
            const data = s.data.slice(1);
            if (bit !== s.rBit) return { ...s, data, acks: sendAck(s.acks, bit) }; // a duplicate: ack it again
            const rBit = /** @type {Bit} */ (1 - s.rBit);
            return { ...s, data, rBit, delivered: [...s.delivered, payload], acks: sendAck(s.acks, bit) };
          },
        },
        receiveAck: {
          enabled: (s) => s.acks.length > 0,
          apply: (s) => {
            const acks = s.acks.slice(1);
            if (s.acks[0] !== s.sBit) return { ...s, acks }; // stale
            return { ...s, acks, next: s.next + 1, sBit: /** @type {Bit} */ (1 - s.sBit) };
          },
        },
        loseData: { choices: (s) => indices(s.data), apply: (s, i) => ({ ...s, data: without(s.data, i) }) },
        loseAck: { choices: (s) => indices(s.acks), apply: (s, i) => ({ ...s, acks: without(s.acks, i) }) },
      },
      invariants: {
        'delivered in order, once': (s) => s.delivered.every((d, i) => d === i),
      },
      // Everything sent and acknowledged, channels drained: the run is over.
      terminal: (s) => s.next === messages && s.data.length === 0 && s.acks.length === 0,
    },
    options: {},
    expected: undefined,
  };
}
