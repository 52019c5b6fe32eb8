#!/usr/bin/env python3
"""Static file server for the built Tackboard web app.

Serves the output of the WebAssembly build (by default ``build/web/app`` next
to this script) with the MIME types browsers insist on for ``.wasm`` and
JavaScript modules, revalidation-friendly caching headers, and no way to read
files outside the served folder.

Usage:
    python3 serve.py                      # http://127.0.0.1:8000/
    python3 serve.py --port 0             # pick a free port (printed on start)
    python3 serve.py --host 0.0.0.0 --port 8080 --dir path/to/app --quiet

On start it prints exactly one line to stdout:
    Serving Tackboard from <dir> at http://<host>:<port>/
Stop it with Ctrl-C or SIGTERM. Python 3 standard library only.
"""

import argparse
import email.utils
import functools
import mimetypes
import os
import shutil
import signal
import socket
import socketserver
import sys
import urllib.parse
from datetime import timezone
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

SCRIPT_DIR = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(SCRIPT_DIR, "build", "web", "app")

ALLOWED_METHODS = "GET, HEAD"

# Explicit table so the answer never depends on the host's /etc/mime.types;
# anything not listed falls back to the mimetypes module.
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".ttf": "font/ttf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".data": "application/octet-stream",
}

# Every response says "no-cache" (store it, but revalidate before each use),
# not just HTML/JS/manifest/service-worker files. The .wasm and .data files are
# produced by the same build as the JavaScript glue that loads them, and a
# fresh glue file paired with a stale cached .wasm fails in confusing ways.
# Revalidation stays cheap because we answer If-Modified-Since with 304.
CACHE_CONTROL = "no-cache"


def content_type_for(name):
    """MIME type for a file name, judged by its extension."""
    extension = os.path.splitext(name)[1].lower()
    if extension in CONTENT_TYPES:
        return CONTENT_TYPES[extension]
    guessed, _encoding = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


class TackboardRequestHandler(SimpleHTTPRequestHandler):
    """GET/HEAD for static files inside ``directory``; 405 for anything else."""

    # Keep-alive makes page loads with many assets faster; every response we
    # send carries a Content-Length, which HTTP/1.1 keep-alive requires.
    protocol_version = "HTTP/1.1"
    server_version = "Tackboard"

    def __init__(self, *args, quiet=False, **kwargs):
        # Set before super().__init__, which handles the request immediately.
        self.quiet = quiet
        super().__init__(*args, **kwargs)

    # ----- routing -------------------------------------------------------

    def do_GET(self):
        self._dispatch()

    def do_HEAD(self):
        self._dispatch()

    def _dispatch(self):
        # The sync endpoint will live under /db/: match those routes here
        # (and add do_POST & co. for them) before falling back to static
        # files. Until then /db/ is just another static path.
        self._serve_static()

    def __getattr__(self, name):
        # BaseHTTPRequestHandler looks up "do_<METHOD>" and answers 501 when
        # it is missing. Any method we don't define explicitly gets 405 with
        # an Allow header instead, as HTTP asks for a known resource.
        if name.startswith("do_"):
            return self._method_not_allowed
        raise AttributeError(name)

    def _method_not_allowed(self):
        # The request may carry a body we are not going to read; close the
        # connection so it is not mistaken for the next request.
        self.close_connection = True
        self._send_plain(
            HTTPStatus.METHOD_NOT_ALLOWED,
            [("Allow", ALLOWED_METHODS), ("Connection", "close")],
        )

    # ----- static files --------------------------------------------------

    def _serve_static(self):
        # Query strings and fragments don't name files (e.g. "app.js?v=3").
        raw_path = self.path.split("?", 1)[0].split("#", 1)[0]
        try:
            url_path = urllib.parse.unquote(raw_path, errors="strict")
        except UnicodeDecodeError:
            return self._send_plain(HTTPStatus.BAD_REQUEST)
        if not url_path.startswith("/") or "\x00" in url_path:
            return self._send_plain(HTTPStatus.BAD_REQUEST)

        # Decode first, then split, so "%2e%2e" and "%2f" are seen for what
        # they are. Any ".." is refused outright rather than normalised away.
        parts = [part for part in url_path.split("/") if part not in ("", ".")]
        if any(part == ".." or (os.altsep and os.altsep in part) for part in parts):
            return self._send_plain(HTTPStatus.FORBIDDEN)

        # realpath follows symlinks, so a link pointing outside is caught too.
        target = os.path.realpath(os.path.join(self.directory, *parts))
        if not self._inside_root(target):
            return self._send_plain(HTTPStatus.FORBIDDEN)
        name_for_type = parts[-1] if parts else "index.html"

        if os.path.isdir(target):
            index = os.path.realpath(os.path.join(target, "index.html"))
            if not self._inside_root(index):
                return self._send_plain(HTTPStatus.FORBIDDEN)
            if not os.path.isfile(index):
                # No directory listings, ever.
                return self._send_plain(HTTPStatus.NOT_FOUND)
            if not raw_path.endswith("/"):
                return self._redirect_to_slash(raw_path)
            target, name_for_type = index, "index.html"

        # isfile also rules out FIFOs and devices, which would block or leak.
        if not os.path.isfile(target):
            return self._send_plain(HTTPStatus.NOT_FOUND)
        self._send_file(target, content_type_for(name_for_type))

    def _inside_root(self, real_path):
        root = self.directory
        return os.path.commonpath([root, real_path]) == root

    def _redirect_to_slash(self, raw_path):
        # Relative URLs inside index.html only resolve correctly with the
        # trailing slash. Collapse leading slashes so "//host" can't turn
        # this into an open redirect to another site.
        location = "/" + raw_path.lstrip("/") + "/"
        query = urllib.parse.urlsplit(self.path).query
        if query:
            location += "?" + query
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.end_headers()

    def _send_file(self, path, content_type):
        try:
            file = open(path, "rb")
        except PermissionError:
            return self._send_plain(HTTPStatus.FORBIDDEN)
        except OSError:
            return self._send_plain(HTTPStatus.NOT_FOUND)
        with file:
            stat = os.fstat(file.fileno())
            if self._not_modified_since(stat.st_mtime):
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self.send_header("Cache-Control", CACHE_CONTROL)
                self.end_headers()
                return
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(stat.st_size))
            self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
            self.send_header("Cache-Control", CACHE_CONTROL)
            self.end_headers()
            if self.command == "HEAD":
                return
            try:
                shutil.copyfileobj(file, self.wfile)
            except (BrokenPipeError, ConnectionResetError):
                # The browser went away mid-download (reload, navigation).
                self.close_connection = True

    def _not_modified_since(self, mtime):
        since_header = self.headers.get("If-Modified-Since")
        # If-None-Match takes precedence per RFC 9110; we send no ETags, so
        # a request carrying one simply gets the full response.
        if not since_header or self.headers.get("If-None-Match"):
            return False
        try:
            since = email.utils.parsedate_to_datetime(since_header)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=timezone.utc)
        return int(mtime) <= since.timestamp()

    # ----- responses and logging -----------------------------------------

    def _send_plain(self, status, extra_headers=()):
        status = HTTPStatus(status)
        body = f"{status.value} {status.phrase}\n".encode("utf-8")
        self.send_response(status)
        for name, value in extra_headers:
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", CACHE_CONTROL)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def version_string(self):
        # Just "Tackboard": no need to advertise the Python version.
        return self.server_version

    def end_headers(self):
        # Stop browsers from second-guessing the Content-Type we chose.
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_message(self, format, *args):
        if not self.quiet:
            super().log_message(format, *args)


class TackboardHTTPServer(ThreadingHTTPServer):
    # Don't wait for idle keep-alive connections when shutting down.
    block_on_close = False

    def __init__(self, address, handler_class, family=socket.AF_INET):
        # TCPServer creates its socket from self.address_family.
        self.address_family = family
        super().__init__(address, handler_class)

    def server_bind(self):
        # HTTPServer.server_bind calls socket.getfqdn(), which can stall for
        # seconds on machines without working DNS; we never need the name.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = host
        self.server_port = port


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Serve the built Tackboard web app.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on; 0 picks a free one (default: %(default)s)")
    parser.add_argument("--dir", default=DEFAULT_DIR, help="folder to serve (default: build/web/app next to this script)")
    parser.add_argument("--quiet", action="store_true", help="don't log requests to stderr")
    return parser.parse_args(argv)


def _stop_on_signal(signum, frame):
    # Unwind serve_forever() the same way for Ctrl-C and SIGTERM.
    raise KeyboardInterrupt


def main(argv=None):
    args = parse_args(argv)

    if not os.path.isdir(args.dir):
        print(
            f"serve.py: nothing to serve, {args.dir} is not a folder.\n"
            "Build the web app first with `make build`, or use `make run` to build and serve it.",
            file=sys.stderr,
        )
        return 2
    root = os.path.realpath(args.dir)

    handler = functools.partial(TackboardRequestHandler, directory=root, quiet=args.quiet)
    try:
        # Pick IPv4 or IPv6 to match --host (e.g. "::1" needs AF_INET6).
        family = socket.getaddrinfo(
            args.host, args.port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0][0]
        server = TackboardHTTPServer((args.host, args.port), handler, family)
    except OSError as error:
        print(f"serve.py: cannot listen on {args.host}:{args.port}: {error}", file=sys.stderr)
        return 1

    signal.signal(signal.SIGINT, _stop_on_signal)
    signal.signal(signal.SIGTERM, _stop_on_signal)
    try:
        port = server.server_address[1]
        url_host = f"[{args.host}]" if ":" in args.host else args.host
        print(f"Serving Tackboard from {root} at http://{url_host}:{port}/", flush=True)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        # A second Ctrl-C while closing shouldn't produce a traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        server.server_close()
    if not args.quiet:
        print("Tackboard server stopped.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
