/// <reference lib="dom" />
/**
 * Layout checks run inside the browser on a rendered report, measured with the browser's own
 * boxes (getBoundingClientRect, scrollWidth, the SVG screen matrix), not by eye:
 * - `page-width`: the page is wider than the window (a phone would scroll the whole page);
 * - `overflow`: an element's content is wider than its box and spills or is cut off, unless the
 *   box is a scroll box that shows the scroll cue (any table or chart may live in one);
 * - `small-text`: text rendered under 10 px (SVG text at the size the SVG is drawn);
 * - `overlap`: two labels' boxes overlap;
 * - `on-line`: a chart label sits on a data line (sampled with isPointInStroke);
 * - `contrast`: a label's colour against what is painted behind it is under 4.5:1 (WCAG AA).
 *
 * `probeLayout` is handed to `page.evaluate`, so it must stay self-contained: no imports and no
 * references to anything outside its body.
 */
export interface LayoutProblem {
  readonly kind: "page-width" | "overflow" | "small-text" | "overlap" | "on-line" | "contrast";
  readonly where: string;
  readonly detail: string;
}

/** What the probe is told: the smallest text size, the data-line selector. */
export interface ProbeOptions {
  readonly minTextPx: number;
  readonly minContrast: number;
  /** SVG strokes that carry data, which no label may sit on. */
  readonly dataLines: string;
}

export const PROBE_DEFAULTS: ProbeOptions = {
  minTextPx: 10,
  minContrast: 4.5,
  dataLines: ".capex-line, .cash-line, .bridge-line, .budget-line, .frontier-line, .fan-median, .fan-plan",
};

export function probeLayout(options: ProbeOptions): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const describe = (el: Element): string => {
    const cls = typeof el.className === "string" ? el.className : ((el.className as SVGAnimatedString | undefined)?.baseVal ?? "");
    const section = el.closest("section")?.id ?? el.closest("header,footer")?.tagName.toLowerCase() ?? "";
    const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 40);
    return `${section ? `#${section} ` : ""}${el.tagName.toLowerCase()}${cls ? `.${cls.trim().split(/\s+/).join(".")}` : ""}${text ? ` "${text}"` : ""}`;
  };
  const visible = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
    const style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none";
  };
  const inSvg = (el: Element): boolean => el instanceof SVGElement && !(el instanceof SVGSVGElement);

  // The page itself.
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 0.5) {
    problems.push({ kind: "page-width", where: "html", detail: `page ${doc.scrollWidth} px wide in a ${doc.clientWidth} px window` });
  }

  // Boxes whose content is wider than they are.
  const hasScrollCue = (el: Element): boolean => {
    const style = getComputedStyle(el);
    return (style.overflowX === "auto" || style.overflowX === "scroll") && style.backgroundImage.includes("gradient");
  };
  const overflowing = new Set<Element>();
  for (const el of Array.from(document.body.querySelectorAll("*"))) {
    if (inSvg(el) || !(el instanceof HTMLElement || el instanceof SVGSVGElement) || !visible(el)) continue;
    const style = getComputedStyle(el);
    if (style.display === "inline") continue;
    const width = el.clientWidth;
    const content = el.scrollWidth;
    if (content <= width + 1) continue;
    // A scroll box may hold anything wider than itself when it shows that it scrolls.
    if (hasScrollCue(el)) continue;
    const how = style.overflowX === "visible" ? "spills out of" : "is cut off by";
    overflowing.add(el);
    problems.push({ kind: "overflow", where: describe(el), detail: `content ${content} px ${how} its ${width} px box` });
  }
  // Text cut inside a box that clips (an ellipsis is a choice, a clip mid-value is not).
  for (const el of Array.from(document.body.querySelectorAll("td, th, span, p, li, a"))) {
    if (!(el instanceof HTMLElement) || !visible(el) || overflowing.has(el)) continue;
    const style = getComputedStyle(el);
    if (style.overflowX === "visible" || style.textOverflow === "ellipsis") continue;
    if (el.scrollWidth > el.clientWidth + 1 && !hasScrollCue(el)) {
      problems.push({ kind: "overflow", where: describe(el), detail: `text ${el.scrollWidth} px cut to ${el.clientWidth} px` });
    }
  }

  // Every piece of visible text: its box, its rendered size, its colour.
  interface Label {
    readonly el: Element;
    readonly rect: DOMRect;
    readonly sizePx: number;
  }
  const labels: Label[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seenSvgText = new Set<Element>();
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    if (!(node.textContent ?? "").trim()) continue;
    const parent = node.parentElement;
    if (parent === null || parent.closest("title, style, desc") !== null || !visible(parent)) continue;
    if (parent instanceof SVGElement) {
      const text = parent.closest("text");
      if (text === null || seenSvgText.has(text)) continue;
      seenSvgText.add(text);
      const matrix = (text as SVGTextElement).getScreenCTM();
      const scale = matrix ? Math.sqrt(Math.abs(matrix.a * matrix.d - matrix.b * matrix.c)) : 1;
      labels.push({ el: text, rect: text.getBoundingClientRect(), sizePx: Number.parseFloat(getComputedStyle(text).fontSize) * scale });
    } else {
      const range = document.createRange();
      range.selectNodeContents(node);
      const sizePx = Number.parseFloat(getComputedStyle(parent).fontSize);
      for (const rect of Array.from(range.getClientRects())) {
        if (rect.width > 0.5 && rect.height > 0.5) labels.push({ el: parent, rect, sizePx });
      }
    }
  }

  for (const label of labels) {
    if (label.sizePx < options.minTextPx - 0.01) {
      problems.push({ kind: "small-text", where: describe(label.el), detail: `${label.sizePx.toFixed(1)} px` });
    }
  }

  // Overlapping labels: sorted by top, each compared with those that start above its bottom.
  const sorted = [...labels].sort((a, b) => a.rect.top - b.rect.top);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i] as Label;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j] as Label;
      if (b.rect.top >= a.rect.bottom - 1) break;
      if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const w = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
      const h = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
      if (w > 1 && h > 1) {
        problems.push({ kind: "overlap", where: describe(a.el), detail: `overlaps ${describe(b.el)} by ${w.toFixed(1)} × ${h.toFixed(1)} px` });
      }
    }
  }

  // Chart labels on data lines: points of the label's box tested against each line's stroke.
  for (const label of labels) {
    if (!(label.el instanceof SVGTextElement)) continue;
    const svg = label.el.ownerSVGElement;
    if (svg === null || label.el.closest("[class*='legend']") !== null) continue;
    const box = label.el.getBBox();
    const toScreen = label.el.getScreenCTM();
    if (toScreen === null) continue;
    for (const line of Array.from(svg.querySelectorAll(options.dataLines))) {
      if (!(line instanceof SVGGeometryElement) || line.closest("[class*='legend']") !== null) continue;
      const fromScreen = line.getScreenCTM()?.inverse();
      if (!fromScreen) continue;
      let hit = false;
      for (let ix = 0; ix <= 8 && !hit; ix++) {
        for (let iy = 0; iy <= 4 && !hit; iy++) {
          const p = new DOMPoint(box.x + 1 + ((box.width - 2) * ix) / 8, box.y + 1 + ((box.height - 2) * iy) / 4);
          hit = line.isPointInStroke(p.matrixTransform(toScreen).matrixTransform(fromScreen));
        }
      }
      if (hit) problems.push({ kind: "on-line", where: describe(label.el), detail: `sits on ${describe(line)}` });
    }
  }

  // Contrast: the label's colour against the topmost opaque paint behind its centre.
  const parseColor = (value: string): [number, number, number, number] | null => {
    const m = value.match(/rgba?\(([^)]+)\)/);
    if (!m?.[1]) return null;
    const parts = m[1]
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
  };
  const luminance = ([r, g, b]: readonly number[]): number => {
    const lin = (c: number): number => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r ?? 0) + 0.7152 * lin(g ?? 0) + 0.0722 * lin(b ?? 0);
  };
  const over = (top: readonly number[], alpha: number, under: readonly number[]): number[] =>
    [0, 1, 2].map((i) => (top[i] ?? 0) * alpha + (under[i] ?? 0) * (1 - alpha));
  /** The colour painted at a screen point under `el`: SVG shapes before it, then HTML backgrounds. */
  const backgroundAt = (el: Element, x: number, y: number): number[] => {
    const layers: [number[], number][] = [];
    if (el instanceof SVGElement) {
      const svg = el instanceof SVGSVGElement ? el : el.ownerSVGElement;
      if (svg) {
        for (const shape of Array.from(svg.querySelectorAll("rect, circle, path, polygon, ellipse"))) {
          if (!(shape instanceof SVGGeometryElement)) continue;
          if (shape.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING) continue; // painted after the label
          if (shape.contains(el) || shape.closest("defs") !== null) continue;
          const style = getComputedStyle(shape);
          const fill = parseColor(style.fill);
          if (fill === null || style.display === "none") continue;
          const alpha = fill[3] * Number(style.fillOpacity) * Number(style.opacity);
          if (alpha <= 0.01) continue;
          const m = shape.getScreenCTM()?.inverse();
          if (!m) continue;
          if (!shape.isPointInFill(new DOMPoint(x, y).matrixTransform(m))) continue;
          layers.push([fill.slice(0, 3), alpha]);
        }
      }
    }
    const html: [number[], number][] = [];
    for (let a: Element | null = el instanceof SVGElement ? (el.ownerSVGElement ?? el) : el; a !== null; a = a.parentElement) {
      const bg = parseColor(getComputedStyle(a).backgroundColor);
      if (bg && bg[3] > 0.01) html.push([bg.slice(0, 3), bg[3]]);
    }
    let color = [255, 255, 255];
    for (const [c, alpha] of html.reverse()) color = over(c, alpha, color);
    for (const [c, alpha] of layers) color = over(c, alpha, color);
    return color;
  };
  for (const label of labels) {
    const style = getComputedStyle(label.el);
    const ink = parseColor(label.el instanceof SVGElement ? style.fill : style.color);
    if (ink === null || ink[3] < 0.01) continue;
    const x = label.rect.left + label.rect.width / 2;
    const y = label.rect.top + label.rect.height / 2;
    const background = backgroundAt(label.el, x, y);
    const fg = over(ink.slice(0, 3), ink[3] * Number(style.opacity), background);
    const [l1, l2] = [luminance(fg), luminance(background)].sort((p, q) => q - p) as [number, number];
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    if (ratio < options.minContrast) {
      problems.push({ kind: "contrast", where: describe(label.el), detail: `contrast ${ratio.toFixed(2)}:1` });
    }
  }
  return problems;
}

/**
 * Runs the probe in a page. The function goes over as source text; a transpiler that keeps
 * function names (tsx, esbuild's keepNames) wraps them in `__name(…)`, defined here as a no-op.
 */
export async function runLayoutProbe(page: { evaluate: <T>(script: string) => Promise<T> }, options: ProbeOptions = PROBE_DEFAULTS): Promise<LayoutProblem[]> {
  return page.evaluate<LayoutProblem[]>(`(() => { const __name = (f) => f; return (${probeLayout.toString()})(${JSON.stringify(options)}); })()`);
}
