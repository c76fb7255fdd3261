/**
 * Values sent between threads keep their shape. `postMessage` copies by the structured clone
 * algorithm, which turns an object without a prototype (`Object.create(null)`, used for records
 * keyed by user-chosen names such as pillars) into a plain object, where a pillar called
 * "constructor" would find `Object.prototype.constructor`. And it would quietly drop what makes a
 * class instance one (a spatial index arrives as a bag of fields). So a message is packed with the
 * positions of its prototype-less objects, in the order a fixed walk meets them, and unpacked by
 * the same walk on the other side (the clone keeps key order, Map and Set order, shared
 * references); anything the clone would not keep is refused as a bug before it is sent.
 */
import { InternalError } from "./internalError.ts";

/** A value ready for `postMessage`, with the walk positions of its prototype-less objects. */
export interface ThreadMessage<T> {
  readonly value: T;
  readonly nullPrototypes: readonly number[];
}

const CLONED_AS_IS = new Set<unknown>([Object.prototype, Array.prototype, Map.prototype, Set.prototype, Date.prototype]);

function kindOf(value: object): string {
  const proto: unknown = Object.getPrototypeOf(value);
  const name = (proto as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === "string" ? name : "object";
}

/** Visits every object once, depth first, in the order the clone keeps; returns how many. */
function walk(root: unknown, visit: (value: object, position: number) => void): void {
  const seen = new Set<object>();
  let position = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === "function") throw new InternalError(`a function cannot be sent to another thread`);
    if (typeof value !== "object" || value === null || seen.has(value)) continue;
    seen.add(value);
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) continue;
    visit(value, position++);
    const children: unknown[] = [];
    if (value instanceof Map) for (const [k, v] of value) children.push(k, v);
    else if (value instanceof Set) for (const v of value) children.push(v);
    else for (const key of Object.keys(value)) children.push((value as Record<string, unknown>)[key]);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/**
 * Packs a value for another thread; throws (a bug) on a function or a class instance.
 * @example worker.postMessage(packForThread({ pillars: Object.create(null) }))
 */
export function packForThread<T>(value: T): ThreadMessage<T> {
  const nullPrototypes: number[] = [];
  walk(value, (object, position) => {
    const proto: unknown = Object.getPrototypeOf(object);
    if (proto === null) nullPrototypes.push(position);
    else if (!CLONED_AS_IS.has(proto)) throw new InternalError(`an object of class ${kindOf(object)} cannot be sent to another thread intact`);
  });
  return { value, nullPrototypes };
}

/**
 * The value a packed message held, with its prototype-less objects restored (in place).
 * @example const outcome = unpackFromThread<RunOutcome>(message)
 */
export function unpackFromThread<T>(message: ThreadMessage<T>): T {
  if (message.nullPrototypes.length === 0) return message.value;
  const wanted = new Set(message.nullPrototypes);
  walk(message.value, (object, position) => {
    if (wanted.has(position)) Object.setPrototypeOf(object, null);
  });
  return message.value;
}
