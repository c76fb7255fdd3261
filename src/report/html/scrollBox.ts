/**
 * The one way the report shows anything that can be wider than the page: a box that scrolls
 * sideways and shows that it does (style.ts `.scroll`: a shadow on the side with more to see).
 * Every table goes in one, so a table added later fits a phone like the others; a chart goes in
 * one with `chart-box`, where it keeps the least width at which its text stays readable.
 */
export function scrollBox(content: string, kind: "table" | "chart" = "table"): string {
  return `<div class="scroll${kind === "chart" ? " chart-box" : ""}">${content}</div>`;
}
