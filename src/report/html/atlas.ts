/**
 * Base-map outlines, decoded once on first use and only read after that: US states from
 * `us-atlas` (1:10m) for the Albers USA map, countries from `world-atlas` (Natural Earth 1:50m
 * for a region, 1:110m for a continent or more) for the world map drawn when a site lies
 * outside the US.
 */
import { createRequire } from "node:module";
import type { FeatureCollection, MultiLineString } from "geojson";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

export interface UsAtlas {
  readonly nation: FeatureCollection;
  /** Puerto Rico's outline, drawn in an inset: Albers USA leaves it out. */
  readonly puertoRico: FeatureCollection;
  /** Borders between states, each drawn once. */
  readonly stateBorders: MultiLineString;
}

export interface WorldAtlas {
  readonly countries: FeatureCollection;
  /** Borders between countries, each drawn once. */
  readonly countryBorders: MultiLineString;
}

// createRequire, as in geo/states.ts: the JSON stays out of the type checker and tsx, vitest and
// plain Node load it alike.
const require = createRequire(import.meta.url);

let usCache: UsAtlas | undefined;
const worldCache = new Map<WorldDetail, WorldAtlas>();

/** Natural Earth scale: "50m" for a country or region, "110m" when the map spans continents. */
export type WorldDetail = "50m" | "110m";

/** @example usAtlas().nation.features.length // 1 */
export function usAtlas(): UsAtlas {
  if (usCache) return usCache;
  const topology = require("us-atlas/states-10m.json") as Topology<{ states: GeometryCollection; nation: GeometryCollection }>;
  usCache = {
    nation: feature(topology, topology.objects.nation) as FeatureCollection,
    puertoRico: {
      type: "FeatureCollection",
      features: (feature(topology, topology.objects.states) as FeatureCollection).features.filter((f) => f.id === "72"),
    },
    stateBorders: mesh(topology, topology.objects.states, (a, b) => a !== b),
  };
  return usCache;
}

/** @example worldAtlas("110m").countries.features.length // 177 */
export function worldAtlas(detail: WorldDetail): WorldAtlas {
  const cached = worldCache.get(detail);
  if (cached) return cached;
  const topology = require(`world-atlas/countries-${detail}.json`) as Topology<{ countries: GeometryCollection }>;
  const atlas: WorldAtlas = {
    countries: feature(topology, topology.objects.countries) as FeatureCollection,
    countryBorders: mesh(topology, topology.objects.countries, (a, b) => a !== b),
  };
  worldCache.set(detail, atlas);
  return atlas;
}
