#!/usr/bin/python3
"""Writes the code points kept in Tackboard's Chinese font subset, one "U+XXXX" per line:
the 6,763 hanzi of GB 2312 (levels 1 and 2, taken from Python's own gb2312 codec),
CJK punctuation and full-width forms. Used by the build (cmake/web_app.cmake)."""
import sys

def main(out_path):
    points = set()
    for high in range(0xB0, 0xF8):          # GB 2312 levels 1 and 2
        for low in range(0xA1, 0xFF):
            try:
                points.add(ord(bytes([high, low]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    points.update(range(0x3000, 0x3040))     # CJK symbols and punctuation
    points.update(range(0xFF00, 0xFF70))     # full-width forms
    with open(out_path, "w", encoding="ascii") as out:
        out.write("\n".join("U+%04X" % p for p in sorted(points)) + "\n")

if __name__ == "__main__":
    main(sys.argv[1])
