/** Array helpers that take arrays of any length. */

/**
 * Appends every item of `source` to `target` one by one: `target.push(...source)` passes each
 * item as an argument, and a few hundred thousand of them overflow the call stack.
 * @example appendAll(issues, model.issues)
 */
export function appendAll<T>(target: T[], source: Iterable<T>): T[] {
  for (const item of source) target.push(item);
  return target;
}
