/**
 * How a choice reads in a trace label: `deliver(m1)`, `move(0,2)`, `send({to:1})`.
 * Short and unambiguous enough for a person reading a counterexample.
 */
export function formatChoice(choice: unknown): string {
  if (typeof choice === 'string') return choice;
  if (typeof choice === 'bigint') return `${choice}n`;
  if (typeof choice !== 'object' || choice === null) return String(choice);
  if (Array.isArray(choice)) return choice.map(formatChoice).join(',');
  if (choice instanceof Date) return choice.toISOString();
  if (choice instanceof Set) return `{${[...choice].map(formatChoice).join(',')}}`;
  if (choice instanceof Map) return `{${[...choice].map(([k, v]) => `${formatChoice(k)}:${formatChoice(v)}`).join(',')}}`;
  return `{${Object.entries(choice)
    .map(([k, v]) => `${k}:${formatInner(v)}`)
    .join(',')}}`;
}

function formatInner(value: unknown): string {
  return Array.isArray(value) ? `[${formatChoice(value)}]` : formatChoice(value);
}

/** The label of one step: `name` or `name(choice)`. */
export function stepLabel(label: string, hasChoices: boolean, choice: unknown): string {
  return hasChoices ? `${label}(${formatChoice(choice)})` : label;
}
