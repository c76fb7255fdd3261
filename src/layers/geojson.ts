/**
 * Reads GeoJSON text into features, with every problem as an {@link InputIssue} that names the
 * file, the line and the feature. Pure: the caller reads the file.
 *
 * Steps: JSON syntax → zod shape (RFC 7946 types; foreign members allowed) → named rules
 * (coordinate ranges, closed rings).
 */
import { appendAll } from "../core/arrays.ts";
import { ringCrossing } from "./rings.ts";
import jsonc from "jsonc-parser";
import type { Geometry, Position } from "geojson";
import { z } from "zod";
import type { InputIssue, Loaded } from "../core/issues.ts";
import { lineColumnFinder, type TextPosition } from "../core/text.ts";

/** One feature of a layer file; `index` is its 0-based position in the file. */
export interface LayerFeature {
  readonly index: number;
  /** Null geometry is legal GeoJSON ("location unknown"); such a feature matches nothing. */
  readonly geometry: Geometry | null;
  readonly properties: Readonly<Record<string, unknown>>;
}

const coordinate = z.number().refine(Number.isFinite, "expected a finite number");
const position = z.array(coordinate).min(2, "expected [lon, lat]").max(3, "expected [lon, lat] or [lon, lat, altitude]");
const line = z.array(position).min(2, "a line needs at least 2 positions");
const ring = z.array(position).min(4, "a polygon ring needs at least 4 positions (first repeated last)");

const geometrySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Point"), coordinates: position }),
  z.object({ type: z.literal("MultiPoint"), coordinates: z.array(position) }),
  z.object({ type: z.literal("LineString"), coordinates: line }),
  z.object({ type: z.literal("MultiLineString"), coordinates: z.array(line) }),
  z.object({ type: z.literal("Polygon"), coordinates: z.array(ring).min(1, "a polygon needs an outer ring") }),
  z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(ring).min(1, "a polygon needs an outer ring")) }),
]);

const featureSchema = z.object({
  type: z.literal("Feature"),
  geometry: geometrySchema.nullable(),
  properties: z.record(z.string(), z.unknown()).nullable(),
});

/** The envelope only: each feature is checked on its own, so one bad feature hides no other. */
const documentSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("FeatureCollection"), features: z.array(z.unknown()) }),
  z.object({ type: z.literal("Feature") }),
  ...geometrySchema.options.map((g) => z.object({ type: g.shape.type })),
]);

type JsonPath = readonly (string | number)[];

/** Turns JSON paths into line/column positions, parsing the text a second time only if asked. */
function locator(text: string): (path: JsonPath) => TextPosition | undefined {
  let tree: jsonc.Node | undefined;
  let find: ((offset: number) => TextPosition) | undefined;
  return (path) => {
    tree ??= jsonc.parseTree(text);
    if (tree === undefined) return undefined;
    const node = jsonc.findNodeAtLocation(tree, [...path]);
    if (node === undefined) return undefined;
    find ??= lineColumnFinder(text);
    return find(node.offset);
  };
}

function pathText(path: JsonPath): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/** "feature 3: " for anything inside `features[3]`, so the message says which feature is bad. */
function featurePrefix(path: JsonPath): string {
  return path[0] === "features" && typeof path[1] === "number" ? `feature ${path[1]}: ` : "";
}

/**
 * Parses a GeoJSON FeatureCollection, Feature or bare geometry.
 * @example parseGeoJson('{"type":"Point","coordinates":[-97.7,30.3]}', "hub.geojson") // ok, 1 feature
 */
export function parseGeoJson(text: string, file: string): Loaded<readonly LayerFeature[]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const errors: jsonc.ParseError[] = [];
    jsonc.parseTree(text, errors, { disallowComments: true });
    const first = errors[0];
    const at = first === undefined ? {} : lineColumnFinder(text)(first.offset);
    const what = first === undefined ? "not valid JSON" : `invalid JSON (${jsonc.printParseErrorCode(first.error)})`;
    return { ok: false, issues: [{ file, ...at, code: "invalid_json", message: what, severity: "error" }] };
  }
  const locate = locator(text);
  const issue = (path: JsonPath, code: string, message: string): InputIssue => ({
    file,
    ...locate(path),
    path: pathText(path),
    code,
    message: `${featurePrefix(path)}${message}`,
    severity: "error",
  });

  const zodIssues = (error: z.ZodError, base: JsonPath, input: unknown): InputIssue[] =>
    error.issues.map((i) => {
      const path = [...base, ...i.path.filter((p) => typeof p !== "symbol")];
      const unsupported = i.path.at(-1) === "type" && typeAt(input, i.path) === "GeometryCollection";
      return issue(path, "invalid_geojson", unsupported ? "GeometryCollection is not supported: list its parts as separate features" : i.message);
    });

  const envelope = documentSchema.safeParse(json);
  if (!envelope.success) return { ok: false, issues: zodIssues(envelope.error, [], json) };
  const doc = envelope.data;
  if (doc.type !== "FeatureCollection" && doc.type !== "Feature") {
    const bare = geometrySchema.safeParse(json);
    if (!bare.success) return { ok: false, issues: zodIssues(bare.error, [], json) };
    const issues = geometryIssues(bare.data as Geometry, ["coordinates"], issue);
    return issues.length > 0 ? { ok: false, issues } : { ok: true, value: [{ index: 0, geometry: bare.data as Geometry, properties: {} }], warnings: [] };
  }
  const entries: { raw: unknown; index: number; base: JsonPath }[] =
    doc.type === "FeatureCollection" ? doc.features.map((raw, index) => ({ raw, index, base: ["features", index] })) : [{ raw: json, index: 0, base: [] }];

  const issues: InputIssue[] = [];
  const features: LayerFeature[] = [];
  for (const entry of entries) {
    const parsed = featureSchema.safeParse(entry.raw);
    if (!parsed.success) {
      appendAll(issues, zodIssues(parsed.error, entry.base, entry.raw));
      continue;
    }
    const geometry = parsed.data.geometry as Geometry | null;
    if (geometry !== null) appendAll(issues, geometryIssues(geometry, [...entry.base, "geometry", "coordinates"], issue));
    features.push({ index: entry.index, geometry, properties: parsed.data.properties ?? {} });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: features, warnings: [] };
}

/** The `type` member found at a zod issue's path, to name unsupported types plainly. */
function typeAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = input;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

type IssueAt = (path: JsonPath, code: string, message: string) => InputIssue;

/** Rules zod cannot say well: coordinate ranges (with a hint for [lat, lon] order), closed rings that do not cross themselves. */
function geometryIssues(geometry: Geometry, at: JsonPath, issue: IssueAt): InputIssue[] {
  const out: InputIssue[] = [];
  const checkPosition = (p: Position, path: JsonPath): void => {
    const [lon = 0, lat = 0] = p;
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
      const hint = Math.abs(lon) <= 90 && Math.abs(lat) <= 180 ? " (GeoJSON order is [lon, lat]; these look swapped)" : "";
      out.push(issue(path, "coordinate_range", `expected lon -180..180 and lat -90..90, found [${lon}, ${lat}]${hint}`));
    }
  };
  const checkRing = (r: readonly Position[], path: JsonPath): void => {
    for (const [i, p] of r.entries()) checkPosition(p, [...path, i]);
    const first = r[0];
    const last = r.at(-1);
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
      out.push(issue(path, "ring_not_closed", "polygon ring is not closed: its last position must repeat the first"));
      return;
    }
    const crossing = ringCrossing(r);
    if (crossing !== undefined) {
      const [lon, lat] = crossing.at.map((v) => Math.round(v * 1e5) / 1e5);
      out.push(
        issue(
          path,
          "ring_self_intersects",
          `polygon ring crosses itself (its segments ${crossing.first + 1} and ${crossing.second + 1} cross near [${lon}, ${lat}]): what is inside is ambiguous; fix the ring (a GIS "make valid" or "fix geometries" does it)`,
        ),
      );
    }
  };
  switch (geometry.type) {
    case "Point":
      checkPosition(geometry.coordinates, at);
      break;
    case "MultiPoint":
    case "LineString":
      for (const [i, p] of geometry.coordinates.entries()) checkPosition(p, [...at, i]);
      break;
    case "MultiLineString":
      for (const [j, l] of geometry.coordinates.entries()) for (const [i, p] of l.entries()) checkPosition(p, [...at, j, i]);
      break;
    case "Polygon":
      for (const [j, r] of geometry.coordinates.entries()) checkRing(r, [...at, j]);
      break;
    case "MultiPolygon":
      for (const [k, poly] of geometry.coordinates.entries()) for (const [j, r] of poly.entries()) checkRing(r, [...at, k, j]);
      break;
    case "GeometryCollection":
      // The schema rejects collections before this point.
      break;
  }
  return out;
}
