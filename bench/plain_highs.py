#!/usr/bin/env python3
"""The bench's comparator: native HiGHS (scipy.optimize.milp) on the plain time-indexed model.

Reads a problem exported by bench/plainProblem.ts (screened, scored candidates and the model's
rules), writes the model the way a capable analyst would with scipy: a binary x[i] per site and a
binary z[i,m] per site and go-live month (pulse form), sum_m z[i,m] = x[i], pairwise spacing rows on
x, count, budget, caps, locks, milestones, zone limits by date and one cash row per month:
sum_{i,m} drawn_i(t; m) z[i,m] - tranche * sum_{i, m + lag <= t} z[i,m] <= equity. Shares no code
with gigasite. Prints one JSON line: status, objective, bound, gap, build and solve seconds, peak MB.

Usage: python3 bench/plain_highs.py PROBLEM.json TIME_LIMIT_SECONDS
"""
import json
import math
import resource
import sys
import time

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_matrix

EARTH_RADIUS_KM = 6371.0088


def cumulative_share(upfront, build, j):
    """Share of capex drawn by the end of build month j (numpy array j)."""
    share = upfront + (1 - upfront) * j / build
    return np.where(j < 1, 0.0, np.where(j >= build, 1.0, share))


def main():
    problem = json.load(open(sys.argv[1]))
    limit = float(sys.argv[2])
    started = time.perf_counter()
    n = problem["sitesToSelect"]
    sites = problem["candidates"]
    tl = problem["timeline"]
    obj = problem["objective"]
    last = tl["months"] - 1
    if tl["bridge"] is not None or tl["trancheCount"] < n:
        raise SystemExit("plain_highs.py: bridges and fewer tranches than sites are not written here")
    gw = problem["gwPerSite"]
    delta = (1 + obj["discountRatePctPerYear"] / 100) ** (-1 / 12) if obj["kind"] == "npv" else 1.0
    eligible = [s for s in sites if s["readyMonth"] is not None and s["readyMonth"] <= last]
    count = len(eligible)
    # Columns: x[0..count-1], then z[i,m] per site.
    z_site, z_month = [], []
    for i, s in enumerate(eligible):
        for m in range(max(0, s["readyMonth"]), last + 1):
            z_site.append(i)
            z_month.append(m)
    z_site = np.array(z_site, dtype=np.int64)
    z_month = np.array(z_month, dtype=np.int64)
    nz = len(z_site)
    ncols = count + nz
    zcol = count + np.arange(nz)
    score = np.array([s["score"] for s in eligible])
    capex = np.array([s["capexBn"] for s in eligible])
    build = np.array([s["buildMonths"] for s in eligible], dtype=np.int64)
    c = np.zeros(ncols)
    kind = obj["kind"]
    if kind == "minCost":
        c[:count] = [s["annualCostBn"] for s in eligible]
    elif kind == "maxScore":
        c[count:] = score[z_site] + obj.get("earlyPowerPointsPerMonth", 0) * (last - z_month)
    elif kind == "maxGwMonths":
        c[count:] = gw * (last - z_month + 1) + gw / (2 * 100 * max(1, n)) * score[z_site]
    elif kind == "npv":
        months = np.arange(last + 1)
        value = obj["valueBnPerGwMonth"] * gw * delta ** months
        tail = np.cumsum(value[::-1])[::-1]  # value of months m..last
        coeff = tail[z_month].copy()
        for k in range(nz):
            i, m = z_site[k], z_month[k]
            b = build[i]
            up = tl["upfrontShare"]
            drawn = capex[i] * cumulative_share(up, b, months - (m - b) + 1)
            monthly = np.diff(np.concatenate([[0.0], drawn]))
            coeff[k] -= float(np.dot(monthly, delta ** months))
        c[count:] = coeff
    sense = -1.0 if kind in ("maxScore", "maxGwMonths", "npv") else 1.0

    rows, cols, vals, lo, hi = [], [], [], [], []
    r = 0

    def add(cols_, vals_, lower, upper):
        nonlocal r
        rows.append(np.full(len(cols_), r, dtype=np.int64))
        cols.append(np.asarray(cols_, dtype=np.int64))
        vals.append(np.asarray(vals_, dtype=float))
        lo.append(lower)
        hi.append(upper)
        r += 1

    # Link: sum_m z[i,m] - x[i] = 0, as one block.
    rows.append(z_site + r)
    cols.append(zcol)
    vals.append(np.ones(nz))
    rows.append(np.arange(count) + r)
    cols.append(np.arange(count))
    vals.append(-np.ones(count))
    lo.extend([0.0] * count)
    hi.extend([0.0] * count)
    r += count
    add(np.arange(count), np.ones(count), n, n)
    add(np.arange(count), capex, -np.inf, problem["budgetBn"])
    for key, caps in (("region", problem["regionCaps"]), ("gridZone", problem["gridZoneCaps"])):
        for name, cap in caps.items():
            members = [i for i, s in enumerate(eligible) if s[key] == name]
            if len(members) > cap:
                add(members, np.ones(len(members)), -np.inf, cap)
    for i, s in enumerate(eligible):
        if s["lockedIn"]:
            add([i], [1.0], 1, 1)
    locked_out = [s for s in sites if s["lockedIn"] and (s["readyMonth"] is None or s["readyMonth"] > last)]
    if kind == "minCost":
        add(np.arange(count), score, n * obj["minAverageScore"], np.inf)
    spacing = problem["minSpacingKm"]
    if spacing > 0:
        lat = np.radians([s["lat"] for s in eligible])
        lon = np.radians([s["lon"] for s in eligible])
        pairs = []
        for i in range(count - 1):
            dlat = lat[i + 1 :] - lat[i]
            dlon = lon[i + 1 :] - lon[i]
            h = np.sin(dlat / 2) ** 2 + np.sin(dlon / 2) ** 2 * np.cos(lat[i]) * np.cos(lat[i + 1 :])
            km = 2 * np.arctan2(np.sqrt(h), np.sqrt(1 - h)) * EARTH_RADIUS_KM
            close = np.nonzero(km < spacing)[0]
            pairs.append(np.stack([np.full(len(close), i), i + 1 + close], axis=1))
        pairs = np.concatenate(pairs) if pairs else np.zeros((0, 2), dtype=np.int64)
        p = len(pairs)
        rows.append(np.repeat(np.arange(p) + r, 2))
        cols.append(pairs.reshape(-1))
        vals.append(np.ones(2 * p))
        lo.extend([-np.inf] * p)
        hi.extend([1.0] * p)
        r += p
    for ms in tl["milestones"]:
        if ms["month"] >= last:
            continue
        k = np.nonzero(z_month <= ms["month"])[0]
        add(zcol[k], np.ones(len(k)), ms["index"], np.inf)
    for zl in tl["zoneLimits"]:
        if zl["month"] < 0:
            continue
        in_zone = np.array([eligible[i]["gridZone"] == zl["gridZone"] for i in range(count)])
        k = np.nonzero(in_zone[z_site] & (z_month <= zl["month"]))[0]
        add(zcol[k], np.ones(len(k)), -np.inf, zl["maxSites"])
    if tl["cashRule"]:
        up = tl["upfrontShare"]
        for t in range(last + 1):
            j = t - (z_month - build[z_site]) + 1
            coeff = capex[z_site] * cumulative_share(up, build[z_site], j) - tl["trancheBn"] * ((z_month + tl["lagMonths"]) <= t)
            k = np.nonzero(np.abs(coeff) > 1e-12)[0]
            if len(k) > 0:
                add(zcol[k], coeff[k], -np.inf, tl["equityBn"])
    a = coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(r, ncols)).tocsr()
    built = time.perf_counter()
    out = {"rows": r, "columns": ncols, "nonzeros": int(a.nnz), "build_s": built - started}
    if locked_out:
        out.update({"status": "infeasible", "objective": None, "bound": None, "gap": None, "solve_s": 0.0})
    else:
        res = milp(
            c * sense,
            integrality=np.ones(ncols),
            bounds=Bounds(0, 1),
            constraints=LinearConstraint(a, np.array(lo), np.array(hi)),
            options={"time_limit": limit, "mip_rel_gap": 0, "disp": False},
        )
        solved = time.perf_counter()
        status = {0: "optimal", 1: "time_limit", 2: "infeasible", 3: "unbounded"}.get(res.status, "other")
        objective = None if res.x is None else float(sense * res.fun)
        bound = getattr(res, "mip_dual_bound", None)
        bound = None if bound is None or not math.isfinite(bound) else float(sense * bound)
        gap = None
        if objective is not None and bound is not None:
            gap = abs(bound - objective) / max(1.0, abs(objective))
        out.update({"status": status, "objective": objective, "bound": bound, "gap": gap, "solve_s": solved - built, "message": res.message})
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


if __name__ == "__main__":
    main()
