/**
 * The one approximate-equality helper of the test suite: relative and absolute tolerance, and on
 * a mismatch the path of the first differing value.
 */
export interface Tolerance {
  readonly rel?: number;
  readonly abs?: number;
}

export function approxMismatch(actual: unknown, expected: unknown, tol: Tolerance = {}, path = "$"): string | null {
  const rel = tol.rel ?? 1e-9;
  const abs = tol.abs ?? 1e-9;
  if (typeof actual === "number" && typeof expected === "number") {
    if (Number.isNaN(actual) && Number.isNaN(expected)) return null;
    const diff = Math.abs(actual - expected);
    if (diff <= abs || diff <= rel * Math.max(Math.abs(actual), Math.abs(expected))) return null;
    return `${path}: ${actual} != ${expected} (diff ${diff})`;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) return `${path}: length ${actual.length} != ${expected.length}`;
    for (let i = 0; i < actual.length; i++) {
      const m = approxMismatch(actual[i], expected[i], tol, `${path}[${i}]`);
      if (m) return m;
    }
    return null;
  }
  if (actual && expected && typeof actual === "object" && typeof expected === "object") {
    const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
    for (const k of keys) {
      const m = approxMismatch((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], tol, `${path}.${k}`);
      if (m) return m;
    }
    return null;
  }
  return Object.is(actual, expected) ? null : `${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`;
}

/** Throws with the mismatch path when `actual` is not approximately `expected`. */
export function expectApprox(actual: unknown, expected: unknown, tol: Tolerance = {}): void {
  const m = approxMismatch(actual, expected, tol);
  if (m) throw new Error(`approximate equality failed at ${m}`);
}
