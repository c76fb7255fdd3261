/**
 * The one HTML escaper of the report. Every string that came from the CSV or the model (names,
 * ids, regions, descriptions, reasons) goes through it, in text and in attribute values alike,
 * so a site called `<script>` is shown, never run.
 */
const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes `& < > " '` so the result is safe in element text and in quoted attribute values.
 * @example escapeHtml(`<b title="x">A & B's</b>`) // "&lt;b title=&quot;x&quot;&gt;A &amp; B&#39;s&lt;/b&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}
