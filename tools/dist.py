#!/usr/bin/env python3
"""tools/dist.py — packs the built web app into a folder of static files and a zip.

    /usr/bin/python3 tools/dist.py [--app build/web/app] [--out build/dist] [--brotli-quality 11]

writes OUT/tackboard/ and OUT/tackboard.zip (the same files under tackboard/):
  - tackboard.js, .wasm, .data, tackboard-shell.js, tackboard-pwa.js and tackboard.css
    renamed after their content (tackboard.3f9a1c2b7e.wasm) so any cache may keep them
    forever, and every reference to them rewritten;
  - index.html, favicon.svg, the manifest, its icons and sw.js under fixed names;
  - the progressive web app: manifest.webmanifest, PNG icons drawn by rsvg-convert from
    favicon.svg (and the full-bleed app-icon.svg for "maskable"), and sw.js filled in from
    its template with this build's version and file list. index.html gets the manifest
    link and the meta tag that tells tackboard-pwa.js to register the worker, so the
    development build (serve.py) never runs one;
  - a .gz and a .br copy beside each compressible file, for servers that send
    precompressed files (README "Host it on any static site").
Every rewrite checks that it found exactly what it expected: when Emscripten's output or
the shell changes shape, this fails here rather than in a visitor's browser.

Needs Debian's python3-brotli (hence /usr/bin/python3, not another Python on PATH) and
rsvg-convert (librsvg2-bin); tools/setup installs both. Standard library otherwise.
"""
import argparse
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

try:
    import brotli
except ImportError:
    sys.exit("tools/dist.py: the brotli module is missing: install Debian's python3-brotli and run this "
             "with /usr/bin/python3 (tools/setup installs it; `make dist` uses it)")

ROOT = Path(__file__).resolve().parent.parent
APP_FILES = ["index.html", "tackboard.css", "tackboard-shell.js", "tackboard-pwa.js", "favicon.svg",
             "app-icon.svg", "sw.js", "tackboard.js", "tackboard.wasm", "tackboard.data"]
HASH_DIGITS = 10
COMPRESSIBLE = {".js", ".wasm", ".data", ".css", ".html", ".svg", ".json", ".webmanifest"}
TEXT_SUFFIXES = {".js", ".css", ".html", ".svg", ".json", ".webmanifest"}
PAGE_LIGHT = "#f4f5f7"  # --page of shell/tackboard.css, so the splash screen matches the page
ICONS = [  # (source, size, purpose, name)
    ("favicon.svg", 192, "any", "icon-192.png"),
    ("favicon.svg", 512, "any", "icon-512.png"),
    ("app-icon.svg", 192, "maskable", "icon-maskable-192.png"),
    ("app-icon.svg", 512, "maskable", "icon-maskable-512.png"),
]
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed, so the same build gives the same zip


class DistError(Exception):
    pass


def replace_once(text, old, new, where):
    """`text` with its single `old` replaced; anything but exactly one occurrence is an error."""
    count = text.count(old)
    if count != 1:
        raise DistError(f"{where}: expected exactly one {old!r}, found {count}; "
                        f"the file changed shape, update tools/dist.py to match")
    return text.replace(old, new)


def hashed_name(name, data):
    stem, suffix = os.path.splitext(name)
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:HASH_DIGITS]}{suffix}"


def read_app(app):
    missing = [name for name in APP_FILES if not (app / name).is_file()]
    if missing:
        raise DistError(f"{app} lacks {', '.join(missing)}: build the web app first (make build-web)")
    return {name: (app / name).read_bytes() for name in APP_FILES}


def render_icons(app, out):
    rsvg = shutil.which("rsvg-convert")
    if not rsvg:
        raise DistError("rsvg-convert is missing: install Debian's librsvg2-bin (tools/setup does)")
    files = {}
    for source, size, _, name in ICONS:
        target = out / name
        result = subprocess.run([rsvg, "-w", str(size), "-h", str(size), "-o", str(target), str(app / source)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise DistError(f"rsvg-convert could not draw {name} from {source}: {result.stderr.strip()}")
        files[name] = target.read_bytes()
    return files


def manifest():
    return json.dumps({
        "name": "Tackboard",
        "short_name": "Tackboard",
        "description": "A ticket board that keeps your tickets in this browser.",
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": PAGE_LIGHT,
        "theme_color": PAGE_LIGHT,
        "icons": [{"src": name, "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
                  for _, size, purpose, name in ICONS],
    }, indent=2).encode() + b"\n"


def build_files(app, staging):
    """Every file of the folder, name -> bytes (icons are also written into `staging`)."""
    source = read_app(app)
    files = {}
    renamed = {}  # original name -> hashed name

    def add_hashed(name, data):
        renamed[name] = hashed_name(name, data)
        files[renamed[name]] = data

    add_hashed("tackboard.wasm", source["tackboard.wasm"])
    add_hashed("tackboard.data", source["tackboard.data"])
    module = source["tackboard.js"].decode()
    # Emscripten 3.1.6 names both files as string literals; its locateFile would add a
    # second place (the shell) that has to know the names.
    module = replace_once(module, 'wasmBinaryFile="tackboard.wasm"',
                          f'wasmBinaryFile="{renamed["tackboard.wasm"]}"', "tackboard.js")
    module = replace_once(module, 'REMOTE_PACKAGE_BASE="tackboard.data"',
                          f'REMOTE_PACKAGE_BASE="{renamed["tackboard.data"]}"', "tackboard.js")
    add_hashed("tackboard.js", module.encode())
    shell = replace_once(source["tackboard-shell.js"].decode(), "script.src = 'tackboard.js'",
                         f"script.src = '{renamed['tackboard.js']}'", "tackboard-shell.js")
    add_hashed("tackboard-shell.js", shell.encode())
    add_hashed("tackboard-pwa.js", source["tackboard-pwa.js"])
    add_hashed("tackboard.css", source["tackboard.css"])

    page = source["index.html"].decode()
    page = replace_once(page, 'href="tackboard.css"', f'href="{renamed["tackboard.css"]}"', "index.html")
    for script in ("tackboard-shell.js", "tackboard-pwa.js"):
        page = replace_once(page, f'src="{script}"', f'src="{renamed[script]}"', "index.html")
    page = replace_once(page, "</head>",
                        '  <link rel="manifest" href="manifest.webmanifest">\n'
                        '  <link rel="apple-touch-icon" href="icon-192.png">\n'
                        '  <meta name="tackboard-service-worker" content="sw.js">\n'
                        "</head>", "index.html")
    files["index.html"] = page.encode()
    files["favicon.svg"] = source["favicon.svg"]
    files["manifest.webmanifest"] = manifest()
    files.update(render_icons(app, staging))

    # The version covers every file the worker serves, so any change installs a new one.
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    build = {"version": digest.hexdigest()[:12],
             "immutable": sorted(renamed.values()),
             "fixed": sorted(name for name in files if name not in renamed.values())}
    files["sw.js"] = replace_once(source["sw.js"].decode(), "const BUILD = null;",
                                  f"const BUILD = {json.dumps(build)};", "sw.js").encode()
    return files, build


def compressed_copies(files, brotli_quality):
    copies = {}
    for name, data in files.items():
        suffix = os.path.splitext(name)[1]
        if suffix not in COMPRESSIBLE:
            continue
        copies[name + ".gz"] = gzip.compress(data, compresslevel=9, mtime=0)
        mode = brotli.MODE_TEXT if suffix in TEXT_SUFFIXES else brotli.MODE_GENERIC
        copies[name + ".br"] = brotli.compress(data, quality=brotli_quality, mode=mode)
    return copies


def write_zip(path, folder_name, files):
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder_name}/{name}", date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            already_compressed = name.endswith((".gz", ".br", ".png"))
            info.compress_type = zipfile.ZIP_STORED if already_compressed else zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])


def make_dist(app, out, brotli_quality):
    out.mkdir(parents=True, exist_ok=True)
    folder, archive = out / "tackboard", out / "tackboard.zip"
    # Built beside the result and swapped in at the end: a failure leaves the old one whole.
    staging = Path(tempfile.mkdtemp(prefix=".tackboard-", dir=out))
    staging_zip = out / (staging.name + ".zip")
    try:
        files, build = build_files(app, staging)
        files.update(compressed_copies(files, brotli_quality))
        for name, data in files.items():
            (staging / name).write_bytes(data)
        write_zip(staging_zip, "tackboard", files)
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)
        os.replace(staging_zip, archive)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        staging_zip.unlink(missing_ok=True)
    return folder, archive, files, build


def main():
    parser = argparse.ArgumentParser(description="Pack the built web app into OUT/tackboard/ and OUT/tackboard.zip.")
    parser.add_argument("--app", type=Path, default=ROOT / "build/web/app", help="the built app (default build/web/app)")
    parser.add_argument("--out", type=Path, default=ROOT / "build/dist", help="where to write (default build/dist)")
    parser.add_argument("--brotli-quality", type=int, default=11, choices=range(0, 12), metavar="0-11",
                        help="11 (default) is smallest and takes about a minute; tests use less")
    args = parser.parse_args()
    try:
        folder, archive, files, build = make_dist(args.app, args.out, args.brotli_quality)
    except DistError as e:
        sys.exit(f"tools/dist.py: {e}")
    plain = sorted(name for name in files if not name.endswith((".gz", ".br")))
    print(f"Tackboard {build['version']} in {folder} and {archive}:")
    for name in plain:
        sizes = [len(files[name])] + [len(files[name + ext]) for ext in (".gz", ".br") if name + ext in files]
        print(f"  {name:32} " + " / ".join(f"{size:>9,}" for size in sizes))
    print("  (bytes: raw / gzip / brotli)")


if __name__ == "__main__":
    main()
