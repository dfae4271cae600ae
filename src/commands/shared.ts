// Small helpers every command uses: parsing numeric flags, and one payload rendered two ways.
import { InvalidArgumentError } from 'commander';

export function emit<T>(json: boolean | undefined, payload: T, text: (p: T) => string): void {
  const out = json ? JSON.stringify(payload, null, 2) : text(payload);
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
