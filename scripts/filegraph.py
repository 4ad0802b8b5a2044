#!/usr/bin/env python3
"""filegraph.py OBJDIR [OBJDIR...] - the call graph between the source files
of the object files under OBJDIR (with nm: a file uses another when it
references a symbol the other defines). Prints the circles (strongly
connected components of more than one file) and, when there are none, the
number of floors (the longest chain). Exit status 1 when there is a circle.
  python3 scripts/filegraph.py --src libkpi build/CMakeFiles/kpi.dir/libkpi
FG=-v prints every file's edges."""
import os, subprocess, sys
from collections import defaultdict
args = sys.argv[1:]
src = None
if len(args) >= 2 and args[0] == '--src':
    # --src DIR: leave out the objects of sources that no longer exist (a
    # build folder keeps the objects of deleted files).
    src, args = args[1], args[2:]
objs = []
for d in args:
    for root, _, files in os.walk(d):
        for f in files:
            if not f.endswith('.o'):
                continue
            o = os.path.join(root, f)
            if src and not os.path.exists(os.path.join(src, os.path.relpath(o, d)[:-2])):
                continue
            objs.append(o)
defs, uses = {}, defaultdict(set)
for o in objs:
    name = os.path.relpath(o, os.path.commonpath([os.path.dirname(x) for x in objs]) if len(objs) > 1 else os.path.dirname(o))
    name = name[:-2] if name.endswith('.c.o') else name
    out = subprocess.run(['nm', o], capture_output=True, text=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in 'TDBRC':
            defs[parts[2]] = name
        elif len(parts) == 2 and parts[0] == 'U':
            uses[name].add(parts[1])
    uses.setdefault(name, set())
g = {f: sorted({defs[s] for s in syms if s in defs and defs[s] != f}) for f, syms in uses.items()}
# Tarjan
idx, low, stack, on, sccs, i = {}, {}, [], set(), [], [0]
sys.setrecursionlimit(10000)
def sc(v):
    idx[v] = low[v] = i[0]; i[0] += 1; stack.append(v); on.add(v)
    for w in g[v]:
        if w not in idx: sc(w); low[v] = min(low[v], low[w])
        elif w in on: low[v] = min(low[v], idx[w])
    if low[v] == idx[v]:
        c = []
        while True:
            w = stack.pop(); on.discard(w); c.append(w)
            if w == v: break
        sccs.append(c)
for v in g:
    if v not in idx: sc(v)
circles = [c for c in sccs if len(c) > 1]
print(f"{len(g)} files, {sum(len(v) for v in g.values())} edges, {len(circles)} circles")
for c in circles: print("  circle:", " <-> ".join(sorted(c)))
if not circles:
    memo = {}
    def depth(v):
        if v not in memo: memo[v] = 1 + max((depth(w) for w in g[v]), default=0)
        return memo[v]
    print("floors:", max(depth(v) for v in g))
if '-v' in os.environ.get('FG', ''):
    for f in sorted(g): print(f, '->', ', '.join(g[f]))
sys.exit(1 if circles else 0)
