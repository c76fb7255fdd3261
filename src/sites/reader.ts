/**
 * papaparse glue: splits decoded CSV text (LF line ends) into rows and tells each row's physical
 * line. papaparse reports no line numbers, so a row's line is counted from the rows before it: one
 * line per row plus the newlines inside its quoted cells.
 */
import Papa from "papaparse";
import type { Readable } from "node:stream";
import type { InputIssue } from "../core/issues.ts";
import type { SitesValidation } from "./validate.ts";

/** The first non-blank line of some text, if it has one. */
export function firstNonBlankLine(text: string): { readonly text: string; readonly line: number } | undefined {
  let line = 1;
  for (const candidate of text.split("\n")) {
    if (candidate.trim() !== "") return { text: candidate, line };
    line++;
  }
  return undefined;
}

interface StepResult {
  readonly data: unknown;
  readonly errors: readonly { readonly code: string }[];
}

/** A papaparse `step` callback that numbers rows and routes them to the validation. */
function stepper(file: string, validation: SitesValidation): (result: StepResult) => void {
  let line = 1;
  return (result) => {
    const cells = Array.isArray(result.data) ? result.data.map((c) => String(c)) : [];
    const start = line;
    for (const cell of cells) for (let i = cell.indexOf("\n"); i >= 0; i = cell.indexOf("\n", i + 1)) line++;
    line++;
    const codes = new Set(result.errors.map((e) => e.code));
    if (codes.has("InvalidQuotes")) {
      const swallowed = codes.has("MissingQuotes") ? ": the rest of the file was read into that cell" : "";
      validation.add(
        quoteIssue(
          file,
          start,
          "malformed_quote",
          `a quoted cell in this row has text after its closing '"' (quote the whole cell; write a quote inside it as '""')${swallowed}`,
        ),
      );
    } else if (codes.has("MissingQuotes")) {
      validation.add(
        quoteIssue(
          file,
          start,
          "unclosed_quote",
          "a quoted cell starts in this row but its closing '\"' never comes: the rest of the file was read into that cell",
        ),
      );
    } else {
      validation.row(cells, start);
    }
  };
}

function quoteIssue(file: string, line: number, code: string, message: string): InputIssue {
  return { file, line, code, message, severity: "error" };
}

const baseConfig = (delimiter: string) => ({ delimiter, newline: "\n" as const, quoteChar: '"', header: false, skipEmptyLines: false, dynamicTyping: false });

/**
 * Splits a whole text (LF line ends) into rows for `validation`, synchronously.
 * @example readCsvText("site_id,name\n", ",", "s.csv", validation)
 */
export function readCsvText(text: string, delimiter: string, file: string, validation: SitesValidation): void {
  Papa.parse<string[]>(text, { ...baseConfig(delimiter), step: stepper(file, validation) });
}

/**
 * Streams text chunks (whole lines, LF line ends) into `validation`; resolves when all are read.
 * papaparse parses each chunk as it arrives and carries an unfinished row (e.g. a quoted cell with
 * a newline that spans two chunks) over to the next one, so memory stays at about a chunk.
 */
export function readCsvStream(text: Readable, delimiter: string, file: string, validation: SitesValidation): Promise<void> {
  return new Promise((resolve, reject) => {
    Papa.parse(text, {
      ...baseConfig(delimiter),
      step: stepper(file, validation),
      complete: () => resolve(),
      error: (error: Error) => reject(error),
    });
  });
}
