/**
 * Building blocks of the contracts for files other programs read (run.json, the `--json`
 * outputs): each output has one zod schema, its writer returns {@link Written} of the schema's
 * type, and its reader parses with the same schema, so that the two cannot drift apart.
 */
import { z } from "zod";
import { ANY_NUMBER, DATE_BOUNDS, dateOutOfBounds, outOfBounds } from "./bounds.ts";

/** A number as gigasite writes one: bounded like every number it reads, so no delta of two runs overflows. */
export const jsonNumber = z.number().refine((v) => outOfBounds(v, ANY_NUMBER) === undefined, `expected a number within ±${ANY_NUMBER.max}`);

/** A calendar date `YYYY-MM-DD` within the dates gigasite handles. */
export const calendarDate = z
  .string()
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s) && dateOutOfBounds(s) === undefined,
    `expected a date YYYY-MM-DD from ${DATE_BOUNDS.min} to ${DATE_BOUNDS.max}`,
  );

/**
 * What a writer hands over: the schema's type with every array and object read-only, so that a
 * writer can pass the pipeline's read-only values as they are.
 */
export type Written<T> = T extends readonly (infer U)[] ? readonly Written<U>[] : T extends object ? { readonly [K in keyof T]: Written<T[K]> } : T;
