#!/usr/bin/python3
"""Writes the code points kept in Tackboard's Chinese font subset, one "U+XXXX" per line:
the 6,763 hanzi of GB 2312 (levels 1 and 2, taken from Python's own gb2312 codec),
CJK punctuation and full-width forms, and every Chinese character of the source files
named after the output (the UI's translations, so none can fall outside the subset).
Used by the build (cmake/web_app.cmake): cjk_codepoints.py OUT [SOURCE...]"""
import sys

def is_cjk(c):  # as IsCjk in src/platform/web_app.hpp
    return 0x3000 <= c <= 0x303F or 0x3400 <= c <= 0x9FFF or 0xF900 <= c <= 0xFAFF or 0xFF00 <= c <= 0xFF6F

def main(out_path, sources):
    points = set()
    for high in range(0xB0, 0xF8):          # GB 2312 levels 1 and 2
        for low in range(0xA1, 0xFF):
            try:
                points.add(ord(bytes([high, low]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    points.update(range(0x3000, 0x3040))     # CJK symbols and punctuation
    points.update(range(0xFF00, 0xFF70))     # full-width forms
    for source in sources:
        with open(source, encoding="utf-8") as text:
            points.update(c for c in map(ord, text.read()) if is_cjk(c))
    with open(out_path, "w", encoding="ascii") as out:
        out.write("\n".join("U+%04X" % p for p in sorted(points)) + "\n")

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
