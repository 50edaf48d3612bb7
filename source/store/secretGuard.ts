// Second line of defence for "no secret ever reaches the store". The first line is structural: the
// snapshot, the persisted state and the journal records have no field that could hold a key or secret.
// This guard catches the accident the types cannot see (an exchange error message echoing a request
// that contained the key, say): every text about to be written is checked, and any occurrence of a
// known secret is replaced before it touches the disk, and counted.

/** Environment variables whose values must never be written (live mode reads the keys from these: docs/strategy.md §2). */
export const secretEnvVars = ['MEXC_API_KEY', 'MEXC_API_SECRET'] as const;

// Short values would match innocent text (a "1" in a price); real keys are tens of characters.
const minSecretLength = 8;
export const redactionMark = '[redacted]';

export function secretsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const values: string[] = [];
  for (const name of secretEnvVars) {
    const value = env[name];
    if (value !== undefined) values.push(value);
  }
  return values;
}

export class SecretGuard {
  readonly #needles: string[];
  #redactions = 0;

  constructor(secrets: readonly string[]) {
    const needles = new Set<string>();
    for (const secret of secrets) {
      const trimmed = secret.trim();
      if (trimmed.length < minSecretLength) continue;
      needles.add(trimmed);
      // As it appears inside a JSON string (escapes for quotes, backslashes, control characters).
      needles.add(JSON.stringify(trimmed).slice(1, -1));
    }
    this.#needles = [...needles].sort((a, b) => b.length - a.length);
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env): SecretGuard {
    return new SecretGuard(secretsFromEnv(env));
  }

  /** how many texts had a secret removed */
  get redactions(): number {
    return this.#redactions;
  }

  /** `text` with every known secret replaced by a mark; the same string when none occurs. */
  scrub(text: string): string {
    let result = text;
    for (const needle of this.#needles) {
      if (result.includes(needle)) result = result.split(needle).join(redactionMark);
    }
    if (result !== text) this.#redactions++;
    return result;
  }
}
