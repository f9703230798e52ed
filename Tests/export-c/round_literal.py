"""Plants the bug check_export_c.sh must catch: in a generated NAME.c, the
first parameter literal that 6 significant decimal digits cannot hold exactly
is rewritten with 6 digits, as a generator printing %g would. Prints the file."""
import re
import struct
import sys


def bits(x):
    return struct.unpack("<I", struct.pack("<f", x))[0]


text = open(sys.argv[1]).read()
start = text.index("_params[")
head, tail = text[:start], text[start:]
for m in re.finditer(r"-?0x1\.[0-9a-f]+p[-+][0-9]+(?=f)", tail):
    exact = float.fromhex(m.group(0))
    short = "%.6g" % exact
    if bits(float(short)) != bits(exact):
        tail = tail[:m.start()] + short + tail[m.end():]
        break
sys.stdout.write(head + tail)
