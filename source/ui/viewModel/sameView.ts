// Structural comparison of view models: plain data (strings, numbers, booleans, null, arrays and plain
// objects), as every view model in this folder is. The console compares the screen it would draw with the
// one on screen and draws only when they differ, and hands an unchanged panel its previous view object so
// the panel (React.memo) is not rendered again.

/** Whether two plain-data values are structurally equal (NaN equals NaN; key order does not matter). */
export function sameView(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!sameView(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(right, key) || !sameView(left[key], right[key])) return false;
  }
  return true;
}

/**
 * `next` with every top-level part that equals the previous one replaced by the previous object, so a
 * consumer comparing by reference (React.memo) sees which parts changed. Returns `previous` itself when
 * nothing changed.
 */
export function shareUnchanged<T extends object>(previous: T, next: T): T {
  let changed = false;
  const shared = {} as Record<string, unknown>;
  const before = previous as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  for (const key of Object.keys(after)) {
    if (Object.hasOwn(before, key) && sameView(before[key], after[key])) {
      shared[key] = before[key];
    } else {
      shared[key] = after[key];
      changed = true;
    }
  }
  if (!changed && Object.keys(before).length === Object.keys(after).length) return previous;
  return shared as T;
}
