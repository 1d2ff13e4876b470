"""Optimal one-to-one assignment (what scipy's `linear_sum_assignment` does), for sparse
similarity graphs, in pure Python because scipy and numpy are not dependencies.

The graph is split into connected components first: in real plans nearly every item has one
or two plausible partners, so the Hungarian method runs on many tiny problems.  A component
larger than `EXACT_LIMIT` (two unrelated plans with hundreds of look-alike items) is solved
greedily by weight, which keeps the run time bounded; such pairs are near the threshold anyway.
"""
from __future__ import annotations

EXACT_LIMIT = 160


def max_weight_matching(edges: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Pairs (left, right), each index used at most once, maximising the summed weight of the
    given edges (absent pairs cannot be matched).  Deterministic for equal weights."""
    if not edges:
        return []
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x):
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    for i, j in edges:
        ra, rb = find(("l", i)), find(("r", j))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for i, j in sorted(edges):
        groups.setdefault(find(("l", i)), []).append((i, j))
    pairs: list[tuple[int, int]] = []
    for comp in groups.values():
        if len(comp) == 1:
            pairs.append(comp[0])
            continue
        rows = sorted({i for i, _ in comp})
        cols = sorted({j for _, j in comp})
        if min(len(rows), len(cols)) > EXACT_LIMIT:
            pairs.extend(_greedy(comp, edges))
        else:
            pairs.extend(_hungarian(rows, cols, {e: edges[e] for e in comp}))
    return sorted(pairs)


def _greedy(comp, edges):
    used_l, used_r, out = set(), set(), []
    for i, j in sorted(comp, key=lambda e: (-edges[e], e)):
        if i not in used_l and j not in used_r:
            used_l.add(i)
            used_r.add(j)
            out.append((i, j))
    return out


def _hungarian(rows: list[int], cols: list[int], w: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Shortest-augmenting-path Hungarian method (Kuhn–Munkres, potentials), O(n²m), on the
    dense cost matrix -weight (0 for a missing edge, which is dropped afterwards)."""
    transpose = len(rows) > len(cols)
    if transpose:
        rows, cols = cols, rows
        w = {(j, i): v for (i, j), v in w.items()}
    n, m = len(rows), len(cols)
    cost = [[-w.get((r, c), 0.0) for c in cols] for r in rows]
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)  # p[j]: row (1-based) assigned to column j
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            row = cost[i0 - 1]
            ui0 = u[i0]
            delta, j1 = inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - ui0 - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    out = []
    for j in range(1, m + 1):
        if p[j]:
            r, c = rows[p[j] - 1], cols[j - 1]
            if (r, c) in w:
                out.append((c, r) if transpose else (r, c))
    return out
