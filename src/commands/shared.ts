// Small helpers every command uses: parsing numeric flags, and one payload rendered two ways.
import { InvalidArgumentError } from 'commander';

/**
 * Whether a person reads stdout. Not a terminal (Claude's Bash tool, a pipe, a file): every byte
 * lands in a model's context, so JSON is one line and text leaves out hints meant for people.
 */
export function forPeople(): boolean {
  return process.stdout.isTTY === true;
}

/** JSON as `emit` prints it: indented on a terminal, one line otherwise (as `gh` does); the same data. */
export function jsonText(payload: unknown): string {
  return forPeople() ? JSON.stringify(payload, null, 2) : JSON.stringify(payload);
}

/** Prints the payload as JSON (`json`) or through `text`, with one final newline; '' prints nothing. */
export function emit<T>(json: boolean | undefined, payload: T, text: (p: T) => string): void {
  const out = json ? jsonText(payload) : text(payload);
  if (out !== '') process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
}

export function intArg(min: number, max: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    return n;
  };
}

export function secondsArg(max: number) {
  return (value: string): number => {
    if (!/^\d+(\.\d+)?$/.test(value)) throw new InvalidArgumentError(`expected seconds, a number from 0 to ${max}.`);
    const n = Number(value);
    if (n > max) throw new InvalidArgumentError(`expected seconds, a number from 0 to ${max}.`);
    return n;
  };
}
