// TOML basic strings for `-c key=value` overrides built from paths and names we do not control.
export function tomlString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

export function tomlStringArray(values: string[]): string {
  return `[${values.map(tomlString).join(',')}]`;
}

export function tomlInlineTable(entries: [string, string][]): string {
  return `{${entries.map(([k, v]) => `${tomlString(k)}=${v}`).join(',')}}`;
}
