#!/usr/bin/env python3
"""Prints "INK TOTAL" for a PNG: pixels darker than near-white, and all pixels.

Standard library only (zlib), for the 8-bit, non-interlaced RGB/RGBA/grey PNGs
rsvg-convert writes; anything else exits 2 with a reason."""
import struct
import sys
import zlib


def pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        print(f"{path}: unsupported PNG (depth {depth}, colour {colour}, interlace {interlace})")
        sys.exit(2)
    raw, stride = zlib.decompress(idat), width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1: line[i] = (line[i] + a) & 255
            elif kind == 2: line[i] = (line[i] + b) & 255
            elif kind == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        previous = line
    return width, height, channels, rows


def main():
    width, height, channels, rows = pixels(sys.argv[1])
    ink = 0
    for line in rows:
        for x in range(width):
            px = line[x * channels:(x + 1) * channels]
            alpha = px[-1] if channels in (2, 4) else 255
            grey = px[:3] if channels >= 3 else px[:1]
            if alpha > 128 and min(grey) < 200:
                ink += 1
    print(ink, width * height)


if __name__ == "__main__":
    main()
