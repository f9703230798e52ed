#!/usr/bin/env python3
"""Sums a GNU ld map file's kept input sections by where they came from: each
core object by name, libc, libm, libgcc, libnosys, the program's own objects
and the model. Prints markdown rows: origin | flash (text + rodata) | data | bss.
With --core, two rows instead: the core's objects together, as linked, and
those with every libc, libm and libgcc part linked (the core's memcpy and
soft double, and the start-up's memset, which the program's zeroing loop
compiles to).
Used by Tests/cross/measure_sizes.sh; sizes in bytes."""
import collections
import re
import sys

core_only = sys.argv[1] == "--core"
lines = open(sys.argv[-1]).read().split("\n")
start = next(i for i, line in enumerate(lines) if line.startswith("Linker script and memory map"))
totals = collections.defaultdict(lambda: collections.Counter())
pending = None
for line in lines[start:]:
    # A long section name stands alone; its address, size and file follow on the next line.
    alone = re.match(r"^ \.(text|rodata|data|bss)\S*\s*$", line)
    if alone:
        pending = alone.group(1)
        continue
    full = re.match(r"^ \.(text|rodata|data|bss)\S*\s+0x[0-9a-f]+\s+0x([0-9a-f]+)\s+(\S+)", line)
    rest = re.match(r"^\s+0x[0-9a-f]+\s+0x([0-9a-f]+)\s+(\S+)", line)
    if full:
        kind, size, path = full.group(1), int(full.group(2), 16), full.group(3)
    elif rest and pending:
        kind, size, path = pending, int(rest.group(1), 16), rest.group(2)
    else:
        pending = None
        continue
    pending = None
    if "/core-" in path:
        origin = "core " + path.rsplit("/", 1)[-1]
    else:  # an object by its name, an archive member by its archive's
        origin = path.rsplit("/", 1)[-1].split("(")[0]
    column = "flash" if kind in ("text", "rodata") else kind
    totals[origin][column] += size
if core_only:
    core = sum((sizes for origin, sizes in totals.items() if origin.startswith("core ")), collections.Counter())
    print("| the core within it (after --gc-sections) | %d | %d | %d |" % (core["flash"], core["data"], core["bss"]))
    libs = sum((sizes for origin, sizes in totals.items() if origin.startswith(("libc", "libm", "libgcc"))),
               collections.Counter())
    whole = core + libs
    print("| the core with the libc and libgcc parts linked (its memcpy and soft double; the start-up's memset) | %d | %d | %d |"
          % (whole["flash"], whole["data"], whole["bss"]))
    sys.exit(0)
for origin, sizes in sorted(totals.items(), key=lambda item: -item[1]["flash"]):
    print("| %s | %d | %d | %d |" % (origin, sizes["flash"], sizes["data"], sizes["bss"]))
