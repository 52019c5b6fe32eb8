#!/usr/bin/env python3
"""Tackboard's reference server: the built web app plus a sync endpoint.

Serves the output of the WebAssembly build (by default ``build/web/app`` next
to this script) with the MIME types browsers insist on for ``.wasm`` and
JavaScript modules, revalidation-friendly caching headers, and no way to read
files outside the served folder. Beside the app it offers the two sync
protocols the client speaks, stored in SQLite (WAL, synchronous=FULL; every
write is committed before its 2xx answer is sent).

Usage:
    python3 serve.py                      # http://127.0.0.1:8000/
    python3 serve.py --port 0             # pick a free port (printed on start)
    python3 serve.py --host 0.0.0.0 --port 8080 --dir path/to/app --quiet
    python3 serve.py --data board.sqlite --token s3cret --cors-origin https://app.example
    python3 serve.py --data board.sqlite --users users.json   # named users with roles

On start it prints exactly one line to stdout:
    Serving Tackboard from <dir> at http://<host>:<port>/
Anything else (where sync data lives, request log) goes to stderr.
Stop it with Ctrl-C or SIGTERM. Python 3 standard library only.

Options for sync:
    --data FILE.sqlite   where sync data lives (default: in memory, lost on exit;
                         refused if inside the served folder, where it would be
                         downloadable)
    --token T            every sync request needs "Authorization: Bearer T", else
                         401; the app's static files stay public
    --users FILE.json    named users, each with their own token and a role (see
                         "Users and roles" below); refused together with --token
    --cors-origin O      allow browser pages from origin O (repeatable); without it
                         no CORS headers are sent
    --max-body BYTES     request body limit, default 8 MiB (413 beyond it)
    --couch-prefix P     where the CouchDB routes live, default /couch/

Routes (static files answer every other path, GET/HEAD only):

    CouchDB 3.x subset, under /couch/ (so a database name never shadows an app file):
    GET        /couch/                   {"couchdb":"Welcome","version":"3.3.0-tackboard"}
    GET        /couch/_all_dbs           ["db", ...]
    GET        /couch/_session           {"ok":true,"userCtx":{"name":...,"roles":[role]}}
    GET  PUT   /couch/{db}               info / create (201, or 412 file_exists)
    POST       /couch/{db}               create a document (id from _id or generated)
    GET PUT DELETE /couch/{db}/{id}      documents; PUT/DELETE need the current _rev
                                         (body _rev, ?rev= or If-Match), else 409
    POST       /couch/{db}/_bulk_docs    {"docs":[...], "new_edits"?: bool}
    GET        /couch/{db}/_changes      ?since=&limit=&include_docs=&feed=normal|longpoll&timeout=
    GET        /couch/{db}/_all_docs     ?include_docs=&limit=&skip=&keys=["id", ...]

    REST (json-server style, with ETag/If-Match):
    GET                  /api/me              {"name": ..., "role": "requester" | "agent" | "lead"}
    GET  POST            /api/tickets         list (?since=<version>) / create (201 + ETag + Location)
    GET PUT PATCH DELETE /api/tickets/{id}    ETag: "<version>"; changing an existing item
                                              needs If-Match (428 without, 412 + current body if stale)

    OPTIONS on any sync route answers CORS preflight for allowed origins.

Users and roles (--users FILE.json):
    {"users": [{"token": "t-alice", "name": "alice@example.org", "role": "requester"},
               {"token": "t-bob", "name": "bob", "role": "agent"},
               {"token": "t-lea", "name": "lea", "role": "lead"}]}
    Checked on start (readable JSON, a unique non-empty token each, a name, a known
    role), else a message on stderr and exit status 2. Every sync request then needs
    "Authorization: Bearer <token>": none is 401 "this server needs a sign-in token",
    an unknown one 401 "this token is not known to this server", an action the role
    does not allow 403 {"error":"forbidden","reason":"<why, in plain words>"}. Error
    bodies never carry document data.
    - lead: everything.
    - agent: everything except writing the board's settings ("tackboard-config").
    - requester (name N): sees only tickets whose "requester" is N, without internal
      comments or the history entries about them, and of the settings only what a
      request form needs (statuses, types, priorities, labels, defaults); another's
      ticket is 404 "missing", as if it did not exist. _changes still moves last_seq
      past what is hidden. N may create tickets with "requester": N holding only what a
      request form sets: a to-do status and the default priority (of the stored settings,
      else "new" and "normal"), no assignee, labels, sprint, links, due date, rating or
      resolved_at, and only public comments and history entries by N. N may change their
      own only by adding public comments by N, reopening (from a done status of the
      stored settings, or Tackboard's default resolved/closed without them) and
      rating; the server merges that into the stored ticket, keeping the internal
      comments. No deleting, no settings, no new databases, no new_edits=false. In
      _bulk_docs a refused document gets {"id","error":"forbidden","reason"} and the
      others are stored.
    Without --users the one user is the board's owner: GET _session answers
    {"name":null,"roles":["_admin"]}, GET /api/me {"name":null,"role":"lead"}.

CouchDB behaviour, and where this server differs:
    - Revisions are "N-<md5 hex>", the md5 taken over the canonical JSON of
      [previous rev, deleted flag, body], so equal edits give equal revs.
    - Sequence numbers ("seq", "last_seq", "update_seq") are sent as strings
      such as "12", like CouchDB 3's opaque strings: clients must pass them
      back untouched and never do arithmetic on them. `since` accepts "now",
      an integer, or a string whose leading digits are the number ("12-g1AA").
    - Only the winning revision's body is kept. new_edits=false stores a
      given rev when it wins (highest generation, then greater rev string) and
      skips a rev it already knows; losing revs are remembered but not kept,
      so there are no _conflicts, no _revisions history and no ?rev= for old
      revisions. No attachments, no _design or _local documents, no Mango,
      no views, no continuous feed.
    - _all_docs sorts ids by code point, not by ICU collation.
    - _session is GET only (no cookie login) and its answer has no "info".
    - A requester's _changes works like a filtered feed: a ticket whose
      requester is changed to someone else stops appearing in it, and no
      deletion is sent for it; their copy stays as it was.
    - REST versions come from one counter shared by all tickets, so an ETag is
      never reused, even after a delete and re-create. PATCH merges top-level
      fields (json-server style); null is stored, not a deletion.
"""

import argparse
import collections
import contextlib
import email.utils
import functools
import hashlib
import hmac
import json
import math
import mimetypes
import os
import re
import shutil
import signal
import socket
import socketserver
import sqlite3
import sys
import threading
import time
import traceback
import urllib.parse
import uuid
from dataclasses import dataclass, field
from datetime import timezone
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

# [SECTION] Settings
# [SECTION] Static files (the request handler)
# [SECTION] Sync: HTTP plumbing (errors, replies, bodies, CORS, auth)
# [SECTION] Sync: users and roles (who may read and write what)
# [SECTION] Sync: storage (SQLite)
# [SECTION] Sync: CouchDB routes
# [SECTION] Sync: REST routes
# [SECTION] Server and command line

# ---------------------------------------------------------------------------
# [SECTION] Settings
# ---------------------------------------------------------------------------

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
# Sync answers may be behind a token: keep them out of every cache.
SYNC_CACHE_CONTROL = "no-store"

DEFAULT_MAX_BODY = 8 * 1024 * 1024
DEFAULT_COUCH_PREFIX = "/couch/"
REST_PREFIX = "/api/tickets"
ME_PATH = "/api/me"
COUCH_VERSION = "3.3.0-tackboard"
LONGPOLL_MAX_MS = 60000
# After refusing a body we did not read, swallow at most this much of it so
# the client sees our answer instead of a connection reset.
LINGER_BYTES = 1024 * 1024
LINGER_SECONDS = 1.0

SYNC_METHODS = "GET, HEAD, PUT, POST, PATCH, DELETE, OPTIONS"
CORS_ALLOW_HEADERS = "Authorization, Content-Type, If-Match"
CORS_EXPOSE_HEADERS = "ETag, Location"


@dataclass
class SyncSettings:
    store: "SyncStore"
    token: str = None
    users: dict = None  # token -> User, from --users; None when the server has no user list
    cors_origins: tuple = ()
    max_body: int = DEFAULT_MAX_BODY
    couch_prefix: str = DEFAULT_COUCH_PREFIX


def content_type_for(name):
    """MIME type for a file name, judged by its extension."""
    extension = os.path.splitext(name)[1].lower()
    if extension in CONTENT_TYPES:
        return CONTENT_TYPES[extension]
    guessed, _encoding = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


# ---------------------------------------------------------------------------
# [SECTION] Static files (the request handler)
# ---------------------------------------------------------------------------


class TackboardRequestHandler(SimpleHTTPRequestHandler):
    """Static files inside ``directory`` (GET/HEAD, 405 otherwise) and the sync routes."""

    # Keep-alive makes page loads with many assets faster; every response we
    # send carries a Content-Length, which HTTP/1.1 keep-alive requires.
    protocol_version = "HTTP/1.1"
    server_version = "Tackboard"

    def __init__(self, *args, quiet=False, sync=None, **kwargs):
        # Set before super().__init__, which handles the request immediately.
        self.quiet = quiet
        self.sync = sync
        self._body_state = "none"
        super().__init__(*args, **kwargs)

    # ----- routing -------------------------------------------------------

    def do_GET(self):
        self._dispatch()

    def do_HEAD(self):
        self._dispatch()

    def __getattr__(self, name):
        # BaseHTTPRequestHandler looks up "do_<METHOD>" and answers 501 when
        # it is missing. Every method goes through _dispatch, which answers
        # 405 with an Allow header where the method does not apply.
        if name.startswith("do_"):
            return self._dispatch
        raise AttributeError(name)

    def _dispatch(self):
        # A request may carry a body; whoever reads it marks it "read".
        self._body_state = "none"
        raw_path = self.path.split("?", 1)[0].split("#", 1)[0]
        if self.sync is not None:
            api = sync_api_for(raw_path, self.sync.couch_prefix)
            if api is not None:
                return self._serve_sync(*api)
        if self.command not in ("GET", "HEAD"):
            return self._method_not_allowed()
        self._serve_static(raw_path)

    def _method_not_allowed(self):
        # The request may carry a body we are not going to read; close the
        # connection so it is not mistaken for the next request.
        self.close_connection = True
        self._send_plain(
            HTTPStatus.METHOD_NOT_ALLOWED,
            [("Allow", ALLOWED_METHODS), ("Connection", "close")],
        )

    def _serve_static(self, raw_path):
        # Query strings and fragments don't name files (e.g. "app.js?v=3").
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
        # If-None-Match takes precedence per RFC 9110; static files carry no
        # ETags, so a request carrying one simply gets the full response.
        if not since_header or self.headers.get("If-None-Match"):
            return False
        try:
            since = email.utils.parsedate_to_datetime(since_header)
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=timezone.utc)
        return int(mtime) <= since.timestamp()

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

    # ----- sync requests -------------------------------------------------

    def _serve_sync(self, api_name, rest_of_path):
        try:
            reply = self._sync_reply(api_name, rest_of_path)
        except ApiError as error:
            reply = error.reply()
        except sqlite3.OperationalError as error:
            # Even with --quiet: the operator has to hear about these.
            print(f"serve.py: sync storage error: {error}", file=sys.stderr, flush=True)
            reply = ApiError(503, "service_unavailable", "storage is busy or unavailable; retry").reply()
        except Exception:  # A bug must cost one request, not the server.
            print(f"serve.py: sync request failed:\n{traceback.format_exc()}", file=sys.stderr, flush=True)
            reply = ApiError(500, "internal_error", "the server failed; see its log").reply()
        self._send_reply(reply)

    def _sync_reply(self, api_name, rest_of_path):
        settings = self.sync
        if self.command == "OPTIONS":
            return self._preflight()
        user = authenticate(self.headers.get("Authorization"), settings)
        parts = split_sync_path(rest_of_path)
        query = parse_query(self.path)
        resolve = {"couch": couch_routes, "rest": rest_routes, "me": me_routes}[api_name]
        routes = resolve(parts)
        handler = routes.get("GET" if self.command == "HEAD" else self.command)
        if handler is None:
            allow = ", ".join(allowed_methods(routes))
            raise ApiError(405, "method_not_allowed", f"{self.command} is not allowed here; use {allow}",
                           headers=[("Allow", allow)])
        request = ApiRequest(self.command, query, self.headers, self._read_json, settings.store, user)
        return handler(request)

    def _preflight(self):
        origin = self.headers.get("Origin")
        if origin is None:
            return Reply(204, None, [("Allow", SYNC_METHODS)])
        if origin not in self.sync.cors_origins:
            raise ApiError(403, "forbidden", f"origin {origin} is not allowed (see --cors-origin)")
        return Reply(204, None, [
            ("Access-Control-Allow-Methods", SYNC_METHODS),
            ("Access-Control-Allow-Headers", CORS_ALLOW_HEADERS),
            ("Access-Control-Max-Age", "600"),
        ])

    def _read_json(self):
        return parse_json_body(self._read_body())

    def _read_body(self):
        """The request body as bytes, enforcing --max-body; raises ApiError."""
        limit = self.sync.max_body
        transfer_encoding = self.headers.get("Transfer-Encoding")
        length_header = self.headers.get("Content-Length")
        if transfer_encoding is not None:
            if transfer_encoding.strip().lower() != "chunked":
                raise ApiError(400, "bad_request", f"unsupported Transfer-Encoding {transfer_encoding!r}")
            self._body_state = "unread"
            body = read_chunked(self.rfile, limit)
        elif length_header is not None:
            if not length_header.strip().isdigit():
                raise ApiError(400, "bad_request", f"Content-Length {length_header!r} is not a number")
            length = int(length_header)
            if length > limit:
                self._body_state = "unread"
                raise too_large(length, limit)
            body = self.rfile.read(length)
            if len(body) != length:
                self.close_connection = True
                raise ApiError(400, "bad_request", "the request body ended early")
        else:
            raise ApiError(411, "length_required", "send a Content-Length (or a chunked body)")
        self._body_state = "read"
        return body

    def _body_left_unread(self):
        if self._body_state == "read":
            return False
        if self._body_state == "unread":
            return True
        headers = getattr(self, "headers", None)  # None when the request line was bad
        if headers is None:
            return False
        length = headers.get("Content-Length", "0").strip()
        return length != "0" or headers.get("Transfer-Encoding") is not None

    def _send_reply(self, reply):
        try:
            self._write_reply(reply)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up (e.g. a long poll it no longer needs).
            self.close_connection = True

    def _write_reply(self, reply):
        data = b""
        if reply.body is not None:
            data = json.dumps(reply.body, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        origin = self.headers.get("Origin")
        if origin is not None and origin in self.sync.cors_origins:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Expose-Headers", CORS_EXPOSE_HEADERS)
            self.send_header("Vary", "Origin")
        if reply.body is not None:
            self.send_header("Content-Type", "application/json")
        if reply.status not in (204, 304):
            self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", SYNC_CACHE_CONTROL)
        if self._body_left_unread():
            # Otherwise its bytes would be read as the next request.
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and data:
            self.wfile.write(data)

    def finish(self):
        if self.close_connection and self._body_left_unread():
            linger(self.connection)
        super().finish()

    # ----- responses and logging -----------------------------------------

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


# ---------------------------------------------------------------------------
# [SECTION] Sync: HTTP plumbing (errors, replies, bodies, CORS, auth)
# ---------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    body: object  # JSON-able, or None for no body
    headers: list = field(default_factory=list)


class ApiError(Exception):
    """An error answer: CouchDB-style {"error","reason"}, or `body` when given."""

    def __init__(self, status, error, reason, headers=(), body=None):
        super().__init__(reason)
        self.status, self.error, self.reason = status, error, reason
        self.headers, self.body = list(headers), body

    def reply(self):
        body = self.body if self.body is not None else {"error": self.error, "reason": self.reason}
        return Reply(self.status, body, self.headers)


@dataclass
class ApiRequest:
    method: str
    query: dict
    headers: object
    read_json: object  # () -> parsed JSON body; raises ApiError
    store: "SyncStore"
    user: "User"  # who is asking (see [SECTION] Sync: users and roles)


def sync_api_for(raw_path, couch_prefix):
    """("couch" | "rest" | "me", rest of the raw path) when the path is a sync route."""
    if raw_path == ME_PATH:
        return "me", ""
    if raw_path == couch_prefix.rstrip("/") or raw_path.startswith(couch_prefix):
        return "couch", raw_path[len(couch_prefix):]
    if raw_path == REST_PREFIX or raw_path.startswith(REST_PREFIX + "/"):
        return "rest", raw_path[len(REST_PREFIX) + 1:]
    return None


def split_sync_path(rest):
    """Path segments, each URL-decoded exactly once (so "%2F" stays inside one)."""
    if rest.endswith("/"):
        rest = rest[:-1]
    if not rest:
        return []
    try:
        return [urllib.parse.unquote(part, errors="strict") for part in rest.split("/")]
    except UnicodeDecodeError:
        raise ApiError(400, "bad_request", "the URL path is not valid UTF-8 once decoded") from None


def parse_query(path):
    query = path.split("?", 1)[1].split("#", 1)[0] if "?" in path else ""
    try:
        return dict(urllib.parse.parse_qsl(query, keep_blank_values=True, errors="strict"))
    except UnicodeDecodeError:
        raise ApiError(400, "bad_request", "the query string is not valid UTF-8 once decoded") from None


def allowed_methods(routes):
    methods = list(routes)
    if "GET" in methods:
        methods.insert(methods.index("GET") + 1, "HEAD")
    return methods + ["OPTIONS"]


def unauthorized(reason):
    return ApiError(401, "unauthorized", reason, headers=[("WWW-Authenticate", 'Bearer realm="tackboard"')])


def authenticate(authorization, settings):
    """The User behind a request's Authorization header; 401 when the server needs one and it is wrong.

    Without --token and --users everyone is the board's owner (a lead).
    """
    if settings.token is None and settings.users is None:
        return BOARD_OWNER
    scheme, _, given = (authorization or "").strip().partition(" ")
    given = given.strip().encode()
    if scheme.lower() != "bearer" or not given:
        raise unauthorized("this server needs a sign-in token")
    # compare_digest on bytes: constant time, and no TypeError on non-ASCII. Every
    # known token is compared, so the time taken says nothing about which one is close.
    known = {settings.token: BOARD_OWNER} if settings.users is None else settings.users
    found = None
    for token, user in known.items():
        if hmac.compare_digest(given, token.encode()):
            found = user
    if found is None:
        raise unauthorized("this token is not known to this server")
    return found


def too_large(size, limit):
    return ApiError(413, "too_large", f"the request body is {size} bytes; this server accepts at most {limit}")


def read_chunked(rfile, limit):
    """Decode a chunked body, refusing it (413) as soon as it passes `limit`."""
    body = bytearray()
    while True:
        line = rfile.readline(1026)
        size_text = line.split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            raise ApiError(400, "bad_request", "malformed chunked body (bad chunk size line)") from None
        if size == 0:
            break
        if len(body) + size > limit:
            raise too_large(len(body) + size, limit)
        chunk = rfile.read(size)
        if len(chunk) != size or rfile.readline(3) not in (b"\r\n", b"\n"):
            raise ApiError(400, "bad_request", "malformed chunked body (chunk shorter than announced)")
        body += chunk
    while rfile.readline(8192) not in (b"\r\n", b"\n", b""):
        pass  # trailer fields: ignored
    return bytes(body)


def linger(sock):
    """Drain (a bounded amount of) an unread body after answering.

    Closing a socket with unread input makes the kernel send a reset, which
    can destroy our answer (413, 401, ...) before the client reads it.
    """
    try:
        sock.shutdown(socket.SHUT_WR)
        deadline = time.monotonic() + LINGER_SECONDS
        drained = 0
        while drained < LINGER_BYTES:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            sock.settimeout(remaining)
            chunk = sock.recv(65536)
            if not chunk:
                break
            drained += len(chunk)
    except OSError:
        pass


class _BadNumber(ValueError):
    pass


def _finite_float(text):
    number = float(text)
    if not math.isfinite(number):
        raise _BadNumber(f"number {text} is too large")
    return number


def _no_constants(name):
    raise _BadNumber(f"{name} is not valid JSON")


def parse_json_body(data):
    """Parse a request body as JSON; every failure is a 400 saying where."""
    if not data:
        raise ApiError(400, "bad_request", "the request body is empty; expected JSON")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApiError(400, "bad_request", f"the request body is not valid UTF-8: byte 0x{data[error.start]:02x} "
                       f"at offset {error.start}") from None
    try:
        value = json.loads(text, parse_float=_finite_float, parse_constant=_no_constants)
    except json.JSONDecodeError as error:
        raise ApiError(400, "bad_request", f"the request body is not valid JSON: {error.msg} at line "
                       f"{error.lineno}, column {error.colno} (character {error.pos})") from None
    except _BadNumber as error:
        raise ApiError(400, "bad_request", f"the request body is not valid JSON: {error}") from None
    except RecursionError:
        raise ApiError(400, "bad_request", "the request body is nested too deeply") from None
    try:
        # "\ud800" escapes decode to lone surrogates, which cannot be stored.
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as error:
        raise ApiError(400, "bad_request", "the request body contains an unpaired UTF-16 surrogate escape "
                       f"(\\u{ord(error.object[error.start]):04x})") from None
    return value


def canonical_json(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def require_object(value, what):
    if not isinstance(value, dict):
        raise ApiError(400, "bad_request", f"{what} must be a JSON object")
    return value


def query_flag(query, name):
    value = query.get(name, "false").lower()
    if value not in ("true", "false"):
        raise ApiError(400, "query_parse_error", f"{name} must be true or false")
    return value == "true"


def query_int(query, name, default):
    value = query.get(name)
    if value is None:
        return default
    if not value.isdigit():
        raise ApiError(400, "query_parse_error", f"{name} must be a non-negative integer, not {value!r}")
    return int(value)


# ---------------------------------------------------------------------------
# [SECTION] Sync: users and roles (who may read and write what)
# ---------------------------------------------------------------------------
#
# The whole access policy lives here; route handlers ask it and never decide alone.
#   lead       everything.
#   agent      everything but the board's settings (the "tackboard-config" document).
#   requester  sees only their own tickets, without internal comments, and what a
#              request form needs of the settings; creates tickets in their own name,
#              holding only what a request form sets (check_new_request);
#              changes their own only by commenting, reopening and rating. Their write
#              is merged into the stored ticket, so the internal comments they never
#              saw are kept.
# Without --users there is one user, the board's owner, who is a lead.

ROLES = ("requester", "agent", "lead")
CONFIG_DOC_ID = "tackboard-config"
# What of the board's settings a request form needs; members, views, rules... stay hidden.
REQUEST_FORM_SETTINGS = ("statuses", "types", "priorities", "labels", "default_type", "default_priority")
# Tackboard's default board, for boards without a settings document (REST).
DEFAULT_DONE_STATUSES = ("resolved", "closed")
DEFAULT_FIRST_STATUS = "new"
DEFAULT_PRIORITY = "normal"
# What the app's request form and its create write into a new ticket (the rest stays empty):
NEW_REQUEST_FIELDS = {"kind", "type", "title", "description", "status", "priority", "requester", "fields",
                      "comments", "history", "created", "updated", "clocks"}
# What a requester's update may change, besides adding public comments:
REQUESTER_FIELDS = {"comments", "history", "clocks", "updated", "status", "resolved_at", "satisfaction"}
REQUESTER_HISTORY = {"comment", "status", "satisfaction"}  # history entries they may add
REQUESTER_CLOCKS = {"comment", "status", "satisfaction", "resolved_at"}

ONLY_A_LEAD = "only a lead can change the board's settings"
OWN_NAME_ONLY = "a requester can only submit requests in their own name"
OWN_REQUESTS_ONLY = "a requester may only comment on, reopen or rate their own requests"
NO_DELETING = "only an agent or a lead can delete tickets"
NO_NEW_DATABASE = "only an agent or a lead can create the board's database"
NO_REPLICATING = "a requester sends changes as new edits; new_edits=false is for agents and leads"
# Why a requester's new ticket is refused: what the team, not a request form, sets.
TEAM_FIELDS_ON_CREATE = {
    "assignee": "a requester cannot assign a new request; leave the assignee empty",
    "labels": "a requester cannot label a new request; the team adds labels",
    "sprint": "a requester cannot put a new request in a sprint",
    "links": "a requester cannot link a new request to other tickets",
    "due": "a requester cannot give a new request a due date",
    "rank": "a requester cannot choose where a new request sits on the board",
    "satisfaction": "a new request cannot be rated yet; rate it once it is resolved",
    "resolved_at": "a new request cannot be resolved already",
    "first_response_at": "a new request cannot have an answer from the team yet",
    "deleted": "a requester cannot submit a deleted request",
}
NOT_FROM_A_FORM = "a new request can only hold what a request form sets"
NEW_REQUEST_STATUS = "a new request starts in the board's first status or a to-do one; the team moves it on"
NEW_REQUEST_PRIORITY = "a requester cannot choose the priority of a new request; leave the board's default"
NO_INTERNAL_COMMENTS = "a requester cannot write internal comments; they are for the team"
OWN_COMMENTS_ONLY = "a new request can only hold comments written by the requester"
OWN_HISTORY_ONLY = "a new request's history can only record what the requester did"


@dataclass(frozen=True)
class User:
    name: str  # None for the board's owner when the server has no --users
    role: str  # one of ROLES

    @property
    def is_requester(self):
        return self.role == "requester"


BOARD_OWNER = User(None, "lead")


def forbidden(reason):
    return ApiError(403, "forbidden", reason)


def load_users(path):
    """token -> User from a --users file; raises ValueError saying what to fix."""
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except OSError as error:
        raise ValueError(f"cannot read {path}: {error.strerror or error}") from None
    except (ValueError, RecursionError) as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise ValueError(f"{path} is not valid JSON: {error}") from None
    entries = data.get("users") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ValueError(f'{path} needs a non-empty "users" list, e.g. '
                         '{"users": [{"token": "t-bob", "name": "bob", "role": "agent"}]}')
    users, first_with = {}, {}
    for number, entry in enumerate(entries, 1):
        where = f"user {number} in {path}"
        if not isinstance(entry, dict):
            raise ValueError(f"{where} must be an object with a token, a name and a role")
        token, name, role = entry.get("token"), entry.get("name"), entry.get("role")
        if not isinstance(token, str) or not token:
            raise ValueError(f'{where} needs a non-empty "token"')
        if not re.fullmatch(r"[\x21-\x7e]+", token):
            raise ValueError(f"{where}: a token may only hold printable ASCII characters, no spaces")
        if ":" in token:
            # The app sends "name:password" as Basic authentication, not as a bearer token.
            raise ValueError(f"{where}: a token may not contain ':'")
        if token in first_with:
            raise ValueError(f"{where} has the same token as user {first_with[token]}; every user needs their own")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f'{where} needs a non-empty "name"')
        if role not in ROLES:
            raise ValueError(f"{where} has the role {role!r}; use requester, agent or lead")
        first_with[token] = number
        users[token] = User(name, role)
    return users


def couch_user_context(user):
    """CouchDB's userCtx for GET _session; the board's owner is an admin, as on a server without users."""
    return {"name": user.name, "roles": ["_admin"] if user is BOARD_OWNER else [user.role]}


# ----- reading -------------------------------------------------------------


def couch_visible_sql(user):
    """A condition on couch_docs rows (and its parameters) picking the documents `user` may see."""
    if not user.is_requester:
        return "1", ()
    return ("(couch_docs.id = ? OR couch_docs.id IN "
            "(SELECT id FROM couch_requesters WHERE db = couch_docs.db AND requester = ?))", (CONFIG_DOC_ID, user.name))


def couch_body_for(user, doc_id, body):
    """A stored document's body as `user` may see it (rows already picked by couch_visible_sql)."""
    if not user.is_requester:
        return body
    if doc_id == CONFIG_DOC_ID:
        return settings_for_requester(body)
    return ticket_for_requester(body) if body.get("kind") == "ticket" else body


def ticket_visible(user, ticket):
    return not user.is_requester or ticket.get("requester") == user.name


def ticket_for(user, ticket):
    return ticket_for_requester(ticket) if user.is_requester else ticket


def settings_for_requester(body):
    view = {"kind": body["kind"]} if "kind" in body else {}
    settings = body.get("config")
    if isinstance(settings, dict):
        view["config"] = {key: settings[key] for key in REQUEST_FORM_SETTINGS if key in settings}
    return view


def ticket_for_requester(ticket):
    """The ticket without internal comments and the history entries about them."""
    hidden = internal_comment_ids(ticket)
    view = dict(ticket)
    set_list(view, "comments", [c for c in as_list(ticket.get("comments")) if not is_internal_comment(c)])
    set_list(view, "history", [h for h in as_list(ticket.get("history")) if not about_comment_in(h, hidden)])
    return view


def as_list(value):
    return value if isinstance(value, list) else []


def set_list(ticket, key, items):
    # Like the client's JSON: an empty list is left out.
    if items:
        ticket[key] = items
    else:
        ticket.pop(key, None)


def is_internal_comment(comment):
    return isinstance(comment, dict) and comment.get("internal") is True


def internal_comment_ids(ticket):
    """Ids of the ticket's internal comments, including removed ones its history remembers."""
    ids = {c.get("id") for c in as_list(ticket.get("comments")) if is_internal_comment(c)}
    for entry in as_list(ticket.get("history")):
        if isinstance(entry, dict) and entry.get("field") == "comment" and is_internal_comment(entry.get("new")):
            ids.add(entry["new"].get("id"))
    return ids


def about_comment_in(entry, comment_ids):
    """Whether a history entry records adding or removing an internal comment."""
    if not isinstance(entry, dict) or entry.get("field") != "comment":
        return False
    return any(is_internal_comment(side) or (isinstance(side, dict) and side.get("id") in comment_ids)
               for side in (entry.get("old"), entry.get("new")))


# ----- writing -------------------------------------------------------------


@dataclass(frozen=True)
class StatusRules:
    """What the policy needs of the board's settings: which statuses are done (to tell a
    reopening from other status changes), and where a new request starts and with which priority."""

    done: frozenset
    known: frozenset = None  # None: the board's statuses are not known here
    todo: frozenset = frozenset({DEFAULT_FIRST_STATUS})
    default_priority: str = DEFAULT_PRIORITY

    def reopens(self, old, new):
        return (old in self.done and isinstance(new, str) and new not in self.done
                and (self.known is None or new in self.known))


def status_rules(settings_body):
    """StatusRules from a stored settings document, or Tackboard's default board's without one."""
    settings = settings_body.get("config") if isinstance(settings_body, dict) else None
    statuses = settings.get("statuses") if isinstance(settings, dict) else None
    if not isinstance(statuses, list):
        return StatusRules(frozenset(DEFAULT_DONE_STATUSES))
    named = [s for s in statuses if isinstance(s, dict) and isinstance(s.get("id"), str)]
    priority = settings.get("default_priority")
    # A status without a category is a to-do one, as the app reads it; the first status is
    # where the app creates tickets, whatever its category.
    starts = {s["id"] for s in named if s.get("category", "todo") == "todo"} | {s["id"] for s in named[:1]}
    return StatusRules(frozenset(s["id"] for s in named if s.get("category") == "done"),
                       frozenset(s["id"] for s in named),
                       frozenset(starts),
                       priority if isinstance(priority, str) else DEFAULT_PRIORITY)


def check_may_create_database(user):
    if user.is_requester:
        raise forbidden(NO_NEW_DATABASE)


def check_may_delete(user, doc_id=None):
    if user.is_requester:
        raise forbidden(NO_DELETING)
    if doc_id == CONFIG_DOC_ID and user.role != "lead":
        raise forbidden(ONLY_A_LEAD)


def check_may_replicate(user):
    if user.is_requester:
        raise forbidden(NO_REPLICATING)


def couch_body_to_store(user, doc_id, current_body, deleted, body, load_status_rules):
    """What to store when `user` writes a document over `current_body` (None: new or deleted).

    Raises 403 when the role does not allow it; for a requester the answer is their
    ticket merged with what they could not see. `load_status_rules()` gives StatusRules.
    """
    if user.role == "lead":
        return body
    if deleted:
        check_may_delete(user, doc_id)
    if doc_id == CONFIG_DOC_ID or "config" in (body.get("kind"), (current_body or {}).get("kind")):
        raise forbidden(ONLY_A_LEAD)
    if not user.is_requester:
        return body
    if body.get("kind") != "ticket":
        raise forbidden(OWN_NAME_ONLY if current_body is None else OWN_REQUESTS_ONLY)
    return ticket_to_store(user, current_body, body, load_status_rules)


def ticket_to_store(user, stored, sent, load_status_rules):
    """The ticket to store when `user` sends `sent` over `stored` (None: a new ticket); 403 if not allowed."""
    if not user.is_requester:
        return sent
    if stored is None:
        check_new_request(user.name, sent, load_status_rules)
        return sent
    if stored.get("requester") != user.name:
        raise forbidden(OWN_REQUESTS_ONLY)
    if not requester_change_allowed(user.name, stored, sent, load_status_rules):
        raise forbidden(OWN_REQUESTS_ONLY)
    return with_hidden_parts(stored, sent)


def check_new_request(name, sent, load_status_rules):
    """403 unless `sent` holds only what the app's request form and its create write, in `name`'s name.

    Automation rules could set more, but they run only where their settings are, and a
    requester is not sent them (REQUEST_FORM_SETTINGS).
    """
    if sent.get("requester") != name:
        raise forbidden(OWN_NAME_ONLY)
    problem = (team_field_problem(sent) or start_problem(sent, load_status_rules())
               or comments_problem(name, sent.get("comments")) or history_problem(name, sent.get("history")))
    if problem:
        raise forbidden(problem)


def team_field_problem(sent):
    """Why `sent` may not be a new request because of a member no request form sets; None if none."""
    for key, value in sent.items():
        if key not in NEW_REQUEST_FIELDS and not is_empty(normalised(value)):
            return TEAM_FIELDS_ON_CREATE.get(key, NOT_FROM_A_FORM)
    return None


def start_problem(sent, rules):
    status, priority = sent.get("status"), sent.get("priority")
    if not isinstance(status, str) or status not in rules.todo:
        return NEW_REQUEST_STATUS
    if not is_empty(priority) and priority != rules.default_priority:
        return NEW_REQUEST_PRIORITY
    return None


def comments_problem(name, comments):
    """Why these comments cannot be on a new request: only public ones by the requester can."""
    if is_empty(comments):
        return None
    if not isinstance(comments, list) or not all(isinstance(c, dict) for c in comments):
        return OWN_COMMENTS_ONLY
    if any(c.get("internal") for c in comments):
        return NO_INTERNAL_COMMENTS
    return OWN_COMMENTS_ONLY if any(c.get("author") != name for c in comments) else None


def history_problem(name, history):
    """Why this history cannot be on a new request: only entries by the requester, about no internal comment."""
    if is_empty(history):
        return None
    if not isinstance(history, list) or not all(isinstance(h, dict) for h in history):
        return OWN_HISTORY_ONLY
    if any(about_comment_in(h, ()) for h in history):
        return NO_INTERNAL_COMMENTS
    return OWN_HISTORY_ONLY if any(h.get("by") != name for h in history) else None


def requester_change_allowed(name, stored, sent, load_status_rules):
    """Whether `sent` differs from what requester `name` saw of `stored` only by comments, reopening and rating."""
    seen = ticket_for_requester(stored)
    if any(not same(seen.get(key), sent.get(key)) for key in set(seen) | set(sent) if key not in REQUESTER_FIELDS):
        return False
    reopened = not same(seen.get("status"), sent.get("status"))
    if reopened and not load_status_rules().reopens(seen.get("status"), sent.get("status")):
        return False
    if not same(seen.get("resolved_at"), sent.get("resolved_at")) and not (reopened and not sent.get("resolved_at")):
        return False
    rating = sent.get("satisfaction") or 0
    if isinstance(rating, bool) or not isinstance(rating, int) or not 0 <= rating <= 5:
        return False
    hidden = internal_comment_ids(stored)
    return (only_new_public_comments(name, seen, sent, hidden) and only_new_history(seen, sent, hidden)
            and only_requester_clocks(seen, sent))


def only_new_public_comments(name, seen, sent, hidden_ids):
    """Every comment the requester saw is kept as it was; the new ones are public and theirs."""
    before = {c.get("id"): c for c in as_list(seen.get("comments")) if isinstance(c, dict)}
    comments = sent.get("comments") or []
    if not isinstance(comments, list):
        return False
    ids = set()
    for comment in comments:
        if not isinstance(comment, dict) or comment.get("id") in ids:
            return False
        comment_id = comment.get("id")
        ids.add(comment_id)
        if comment_id in before:
            if not same(comment, before[comment_id]):
                return False
        elif (not isinstance(comment_id, str) or not comment_id or comment_id in hidden_ids
              or comment.get("internal") or comment.get("author") != name):
            return False
    return set(before) <= ids


def only_new_history(seen, sent, hidden_ids):
    """The history the requester saw is all there; what is new records a comment, reopening or rating."""
    history = sent.get("history") or []
    if not isinstance(history, list):
        return False
    left = collections.Counter(history_key(entry) for entry in as_list(seen.get("history")))
    for entry in history:
        key = history_key(entry)
        if left[key] > 0:
            left[key] -= 1
        elif (not isinstance(entry, dict) or entry.get("field") not in REQUESTER_HISTORY
              or about_comment_in(entry, hidden_ids)):
            return False
    return not +left


def only_requester_clocks(seen, sent):
    before, after = normalised(seen.get("clocks")) or {}, normalised(sent.get("clocks")) or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return False
    return all(before.get(key) == after.get(key) or key in REQUESTER_CLOCKS for key in set(before) | set(after))


def history_key(entry):
    return canonical_json(normalised(entry))


def with_hidden_parts(stored, sent):
    """A requester's ticket with the stored internal comments and their history put back where they were."""
    hidden = internal_comment_ids(stored)
    merged = dict(sent)
    set_list(merged, "comments", put_back(as_list(stored.get("comments")), as_list(sent.get("comments")),
                                          is_internal_comment, lambda c: c.get("id") if isinstance(c, dict) else None))
    set_list(merged, "history", put_back(as_list(stored.get("history")), as_list(sent.get("history")),
                                         lambda h: about_comment_in(h, hidden), history_key))
    return merged


def put_back(stored, sent, is_hidden, identity):
    """`sent` (which lacks the hidden items) with each hidden item of `stored` after the item it followed there."""
    after = {}  # identity of the visible item before (None: the start) -> hidden items
    anchor = None
    for item in stored:
        if is_hidden(item):
            after.setdefault(anchor, []).append(item)
        else:
            anchor = identity(item)
    merged = after.pop(None, [])
    for item in sent:
        merged.append(item)
        merged.extend(after.pop(identity(item), []))
    for items in after.values():  # only if a visible item went missing, which is refused anyway
        merged.extend(items)
    return merged


def normalised(value):
    """`value` without empty members (null, "", 0, false, [], {}): the client leaves them out when it writes."""
    if isinstance(value, dict):
        members = ((key, normalised(member)) for key, member in value.items())
        return {key: member for key, member in members if not is_empty(member)}
    if isinstance(value, list):
        return [normalised(item) for item in value]
    return value


def is_empty(value):
    return value is None or value is False or value == "" or value == [] or value == {} or (
        isinstance(value, (int, float)) and value == 0)


def same(a, b):
    a, b = normalised(a), normalised(b)
    return (None if is_empty(a) else a) == (None if is_empty(b) else b)


# ---------------------------------------------------------------------------
# [SECTION] Sync: storage (SQLite)
# ---------------------------------------------------------------------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS couch_dbs (
    name TEXT PRIMARY KEY,
    update_seq INTEGER NOT NULL DEFAULT 0
);
-- The winning revision of each document, tombstones included.
CREATE TABLE IF NOT EXISTS couch_docs (
    db TEXT NOT NULL, id TEXT NOT NULL, rev TEXT NOT NULL,
    deleted INTEGER NOT NULL, body TEXT NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (db, id)
);
CREATE INDEX IF NOT EXISTS couch_docs_by_seq ON couch_docs (db, seq);
-- Every revision ever stored, so new_edits=false can skip known ones.
CREATE TABLE IF NOT EXISTS couch_revs (
    db TEXT NOT NULL, id TEXT NOT NULL, rev TEXT NOT NULL,
    PRIMARY KEY (db, id, rev)
);
-- Whose request each ticket document is, kept through its deletion, so requesters
-- see their own tickets (and those tickets' deletion) without parsing every body.
CREATE TABLE IF NOT EXISTS couch_requesters (
    db TEXT NOT NULL, id TEXT NOT NULL, requester TEXT NOT NULL,
    PRIMARY KEY (db, id)
);
CREATE INDEX IF NOT EXISTS couch_requesters_by_name ON couch_requesters (db, requester);
CREATE TABLE IF NOT EXISTS rest_tickets (
    id TEXT PRIMARY KEY, version INTEGER NOT NULL, body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""
# Data files written before couch_requesters existed: index their live tickets once.
INDEX_REQUESTERS = """
INSERT OR IGNORE INTO couch_requesters (db, id, requester)
SELECT db, id, json_extract(body, '$.requester') FROM couch_docs
WHERE deleted = 0 AND json_extract(body, '$.kind') = 'ticket' AND json_type(body, '$.requester') = 'text'
"""


class SyncStore:
    """One SQLite connection shared by all request threads behind one lock.

    Writes are short, so a single writer costs little, and one lock gives
    `changed` (the Condition long-polling waits on) a consistent view.
    """

    def __init__(self, path):
        self.path = path
        self.connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)
        with self.lock:
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute("PRAGMA synchronous=FULL")
            self.connection.executescript(SCHEMA)
            self.connection.execute(INDEX_REQUESTERS)

    @contextlib.contextmanager
    def reading(self):
        with self.lock:
            yield self.connection

    @contextlib.contextmanager
    def writing(self):
        """A transaction, committed (durably) before the block's caller answers."""
        with self.lock:
            self.connection.execute("BEGIN IMMEDIATE")
            try:
                yield self.connection
            except BaseException:
                self.connection.execute("ROLLBACK")
                raise
            self.connection.execute("COMMIT")
            self.changed.notify_all()

    def wait_for_change(self, seen, deadline):
        """With the lock held (inside reading()): sleep until seen() is false or the deadline."""
        while seen():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            self.changed.wait(remaining)

    def close(self):
        with self.lock:
            self.connection.close()


def next_counter(connection, name):
    connection.execute(
        "INSERT INTO counters (name, value) VALUES (?, 1) "
        "ON CONFLICT (name) DO UPDATE SET value = value + 1", (name,))
    return connection.execute("SELECT value FROM counters WHERE name = ?", (name,)).fetchone()[0]


# ---------------------------------------------------------------------------
# [SECTION] Sync: CouchDB routes
# ---------------------------------------------------------------------------

DB_NAME = re.compile(r"^[a-z][a-z0-9_$()+/-]*$")
REV = re.compile(r"^([1-9][0-9]*)-([0-9a-f]+)$")
# Members CouchDB reserves that this server accepts; _revisions is ignored.
ALLOWED_SPECIAL_MEMBERS = {"_id", "_rev", "_deleted", "_revisions"}
CONFLICT_REASON = "Document update conflict."


def couch_routes(parts):
    """Handlers by method for a CouchDB path (segments after the prefix)."""
    if not parts:
        return {"GET": couch_welcome}
    if parts == ["_all_dbs"]:
        return {"GET": couch_all_dbs}
    if parts == ["_session"]:
        return {"GET": couch_session}
    db = check_db_name(parts[0])
    if len(parts) == 1:
        return {"GET": functools.partial(couch_db_info, db=db), "PUT": functools.partial(couch_db_create, db=db),
                "POST": functools.partial(couch_doc_post, db=db)}
    special = {
        "_changes": {"GET": couch_changes},
        "_all_docs": {"GET": couch_all_docs},
        "_bulk_docs": {"POST": couch_bulk_docs},
    }
    if len(parts) == 2 and parts[1] in special:
        return {method: functools.partial(handler, db=db) for method, handler in special[parts[1]].items()}
    doc_id = parts[1] if len(parts) == 2 else "/".join(parts[1:])
    check_doc_id(doc_id)
    if len(parts) > 2:
        raise ApiError(404, "not_found", "attachments are not supported by this server")
    return {method: functools.partial(handler, db=db, doc_id=doc_id) for method, handler in
            (("GET", couch_doc_get), ("PUT", couch_doc_put), ("DELETE", couch_doc_delete))}


def check_db_name(name):
    if len(name) > 238 or not DB_NAME.match(name):
        raise ApiError(400, "illegal_database_name",
                       f"Name: '{name}'. Only lowercase characters (a-z), digits (0-9), and any of the "
                       "characters _, $, (, ), +, -, and / are allowed. Must begin with a letter.")
    return name


def check_doc_id(doc_id):
    if not isinstance(doc_id, str) or not doc_id:
        raise ApiError(400, "illegal_docid", "Document id must be a non-empty string")
    if doc_id.startswith(("_design/", "_local/")):
        raise ApiError(400, "illegal_docid", "design and local documents are not supported by this server")
    if doc_id.startswith("_"):
        raise ApiError(400, "illegal_docid", "Only reserved document ids may start with underscore.")
    return doc_id


def check_rev(rev):
    if not isinstance(rev, str) or not REV.match(rev):
        raise ApiError(400, "bad_request", f"Invalid rev format: {rev!r}")
    return rev


def rev_order(rev):
    """Sort key of a rev: generation first, then the rev string (CouchDB's winner rule)."""
    return int(rev.split("-", 1)[0]), rev


def make_rev(generation, previous_rev, deleted, body):
    digest = hashlib.md5(canonical_json([previous_rev, deleted, body]).encode("utf-8")).hexdigest()
    return f"{generation}-{digest}"


def split_doc(doc, doc_id=None):
    """(id, given rev or None, deleted, body without special members) of a document."""
    require_object(doc, "a document")
    for key in doc:
        if key.startswith("_") and key not in ALLOWED_SPECIAL_MEMBERS:
            raise ApiError(400, "doc_validation", f"Bad special document member: {key}")
    if doc_id is None:
        doc_id = doc.get("_id")
        if doc_id is None:
            doc_id = uuid.uuid4().hex
    elif "_id" in doc and doc["_id"] != doc_id:
        raise ApiError(400, "bad_request", "the _id in the body does not match the one in the URL")
    check_doc_id(doc_id)
    rev = doc.get("_rev")
    if rev is not None:
        check_rev(rev)
    deleted = doc.get("_deleted", False)
    if not isinstance(deleted, bool):
        raise ApiError(400, "doc_validation", "_deleted must be true or false")
    body = {key: value for key, value in doc.items() if not key.startswith("_")}
    return doc_id, rev, deleted, body


def db_row(connection, db):
    row = connection.execute("SELECT update_seq FROM couch_dbs WHERE name = ?", (db,)).fetchone()
    if row is None:
        raise ApiError(404, "not_found", "Database does not exist.")
    return row[0]


def store_revision(connection, db, doc_id, rev, deleted, body):
    seq = connection.execute(
        "UPDATE couch_dbs SET update_seq = update_seq + 1 WHERE name = ? RETURNING update_seq", (db,)).fetchone()[0]
    connection.execute(
        "INSERT OR REPLACE INTO couch_docs (db, id, rev, deleted, body, seq) VALUES (?, ?, ?, ?, ?, ?)",
        (db, doc_id, rev, int(deleted), canonical_json(body), seq))
    connection.execute("INSERT OR IGNORE INTO couch_revs (db, id, rev) VALUES (?, ?, ?)", (db, doc_id, rev))
    requester = body.get("requester") if body.get("kind") == "ticket" else None
    if isinstance(requester, str):
        connection.execute("INSERT OR REPLACE INTO couch_requesters (db, id, requester) VALUES (?, ?, ?)",
                           (db, doc_id, requester))
    elif not deleted or "kind" in body:  # a bare tombstone keeps the ticket's requester
        connection.execute("DELETE FROM couch_requesters WHERE db = ? AND id = ?", (db, doc_id))


def current_doc(connection, db, doc_id):
    """(rev, deleted, body) of a document's winning revision, or None."""
    row = connection.execute(
        "SELECT rev, deleted, body FROM couch_docs WHERE db = ? AND id = ?", (db, doc_id)).fetchone()
    return None if row is None else (row[0], bool(row[1]), json.loads(row[2]))


def is_conflict(current, given_rev):
    if current is None:
        return given_rev is not None
    current_rev, current_deleted, _body = current
    # A deleted document may be re-created without naming its tombstone.
    return given_rev != current_rev and not (current_deleted and given_rev is None)


def write_doc(connection, db, doc_id, given_rev, deleted, body):
    """Store a new revision on top of `given_rev`; the new rev, or None on conflict."""
    current = current_doc(connection, db, doc_id)
    if is_conflict(current, given_rev):
        return None
    generation, previous = (1, "") if current is None else (rev_order(current[0])[0] + 1, current[0])
    rev = make_rev(generation, previous, deleted, body)
    store_revision(connection, db, doc_id, rev, deleted, body)
    return rev


def body_allowed_for(user, connection, db, doc_id, current, deleted, body):
    """The body to store once the role policy has judged it (for a requester: merged); 403 otherwise."""
    live_body = current[2] if current is not None and not current[1] else None
    return couch_body_to_store(user, doc_id, live_body, deleted, body, lambda: board_status_rules(connection, db))


def board_status_rules(connection, db):
    row = connection.execute("SELECT body FROM couch_docs WHERE db = ? AND id = ? AND deleted = 0",
                             (db, CONFIG_DOC_ID)).fetchone()
    return status_rules(json.loads(row[0]) if row else None)


def write_as(user, connection, db, doc_id, given_rev, deleted, body):
    """write_doc for `user`: a stale rev is a conflict (None) before the role policy looks at the content."""
    current = current_doc(connection, db, doc_id)
    if is_conflict(current, given_rev):
        return None
    body = body_allowed_for(user, connection, db, doc_id, current, deleted, body)
    return write_doc(connection, db, doc_id, given_rev, deleted, body)


def replicate_doc(connection, db, doc_id, rev, deleted, body):
    """new_edits=false: keep `rev` as is; it wins when it sorts after the current winner."""
    known = connection.execute(
        "SELECT 1 FROM couch_revs WHERE db = ? AND id = ? AND rev = ?", (db, doc_id, rev)).fetchone()
    if known:
        return
    current = connection.execute(
        "SELECT rev FROM couch_docs WHERE db = ? AND id = ?", (db, doc_id)).fetchone()
    if current is None or rev_order(rev) > rev_order(current[0]):
        store_revision(connection, db, doc_id, rev, deleted, body)
    else:
        connection.execute("INSERT INTO couch_revs (db, id, rev) VALUES (?, ?, ?)", (db, doc_id, rev))


def doc_json(user, doc_id, rev, deleted, body_text):
    """A stored document as `user` may see it."""
    doc = {"_id": doc_id, "_rev": rev}
    doc.update(couch_body_for(user, doc_id, json.loads(body_text)))
    if deleted:
        doc["_deleted"] = True
    return doc


def conflict():
    return ApiError(409, "conflict", CONFLICT_REASON)


def written(status, doc_id, rev):
    return Reply(status, {"ok": True, "id": doc_id, "rev": rev}, [("ETag", f'"{rev}"')])


def couch_welcome(request):
    return Reply(200, {"couchdb": "Welcome", "version": COUCH_VERSION, "vendor": {"name": "Tackboard serve.py"}})


def couch_session(request):
    return Reply(200, {"ok": True, "userCtx": couch_user_context(request.user)})


def couch_all_dbs(request):
    with request.store.reading() as connection:
        return Reply(200, [name for (name,) in connection.execute("SELECT name FROM couch_dbs ORDER BY name")])


def couch_db_create(request, db):
    check_may_create_database(request.user)
    with request.store.writing() as connection:
        if connection.execute("SELECT 1 FROM couch_dbs WHERE name = ?", (db,)).fetchone():
            raise ApiError(412, "file_exists", "The database could not be created, the file already exists.")
        connection.execute("INSERT INTO couch_dbs (name) VALUES (?)", (db,))
    return Reply(201, {"ok": True})


def couch_db_info(request, db):
    visible, params = couch_visible_sql(request.user)
    with request.store.reading() as connection:
        update_seq = db_row(connection, db)
        live, deleted = connection.execute(
            "SELECT COUNT(*) - COALESCE(SUM(deleted), 0), COALESCE(SUM(deleted), 0) FROM couch_docs "
            f"WHERE db = ? AND {visible}", (db, *params)).fetchone()
    return Reply(200, {"db_name": db, "doc_count": live, "doc_del_count": deleted,
                       "update_seq": str(update_seq), "instance_start_time": "0"})


def couch_doc_get(request, db, doc_id):
    visible, params = couch_visible_sql(request.user)
    with request.store.reading() as connection:
        db_row(connection, db)
        # What the user may not see answers exactly like what does not exist.
        row = connection.execute(f"SELECT rev, deleted, body FROM couch_docs WHERE db = ? AND id = ? AND {visible}",
                                 (db, doc_id, *params)).fetchone()
    wanted_rev = request.query.get("rev")
    if row is None or (wanted_rev is not None and wanted_rev != row[0]):
        raise ApiError(404, "not_found", "missing")
    rev, deleted, body = row
    if deleted and wanted_rev is None:
        raise ApiError(404, "not_found", "deleted")
    return Reply(200, doc_json(request.user, doc_id, rev, deleted, body), [("ETag", f'"{rev}"')])


def given_rev(request, body_rev):
    """The rev a write names: body _rev, ?rev= or If-Match (CouchDB accepts all three)."""
    candidates = {rev for rev in (body_rev, request.query.get("rev"),
                                  (request.headers.get("If-Match") or "").strip('" ') or None) if rev}
    if len(candidates) > 1:
        raise ApiError(400, "bad_request", "Document rev from request body and query string have different values")
    return check_rev(candidates.pop()) if candidates else None


def store_doc(request, db, doc_id, rev_to_replace, deleted, body):
    """Writes one document (committed before the 201), or 409 on a stale revision."""
    with request.store.writing() as connection:
        db_row(connection, db)
        rev = write_as(request.user, connection, db, doc_id, rev_to_replace, deleted, body)
        if rev is None:
            raise conflict()
    return written(201, doc_id, rev)


def couch_doc_put(request, db, doc_id):
    doc_id, body_rev, deleted, body = split_doc(request.read_json(), doc_id)
    return store_doc(request, db, doc_id, given_rev(request, body_rev), deleted, body)


def couch_doc_post(request, db):
    doc_id, rev_to_replace, deleted, body = split_doc(request.read_json())
    return store_doc(request, db, doc_id, rev_to_replace, deleted, body)


def couch_doc_delete(request, db, doc_id):
    rev_to_replace = given_rev(request, None)
    check_may_delete(request.user, doc_id)
    with request.store.writing() as connection:
        db_row(connection, db)
        row = connection.execute(
            "SELECT deleted FROM couch_docs WHERE db = ? AND id = ?", (db, doc_id)).fetchone()
        if row is None or row[0]:
            raise ApiError(404, "not_found", "deleted" if row else "missing")
        if rev_to_replace is None:
            raise conflict()
        rev = write_doc(connection, db, doc_id, rev_to_replace, True, {})
        if rev is None:
            raise conflict()
    return written(200, doc_id, rev)


def couch_bulk_docs(request, db):
    envelope = require_object(request.read_json(), "the _bulk_docs body")
    docs = envelope.get("docs")
    new_edits = envelope.get("new_edits", True)
    if not isinstance(docs, list):
        raise ApiError(400, "bad_request", "the _bulk_docs body needs a \"docs\" array")
    if not isinstance(new_edits, bool):
        raise ApiError(400, "bad_request", "new_edits must be true or false")
    if not new_edits:
        check_may_replicate(request.user)
    results = []
    with request.store.writing() as connection:
        db_row(connection, db)
        for doc in docs:
            claimed_id = doc.get("_id") if isinstance(doc, dict) else None
            try:
                doc_id, rev, deleted, body = split_doc(doc)
                if not new_edits:
                    if rev is None:
                        raise ApiError(400, "bad_request", "new_edits=false needs a _rev on every document")
                    current = current_doc(connection, db, doc_id)
                    body = body_allowed_for(request.user, connection, db, doc_id, current, deleted, body)
                    replicate_doc(connection, db, doc_id, rev, deleted, body)
                    continue  # CouchDB lists only failures in this mode.
                new_rev = write_as(request.user, connection, db, doc_id, rev, deleted, body)
                if new_rev is None:
                    raise conflict()
                results.append({"ok": True, "id": doc_id, "rev": new_rev})
            except ApiError as error:
                results.append({"id": claimed_id, "error": error.error, "reason": error.reason})
    return Reply(201, results)


def parse_since(value, current_seq):
    """A `since` value as a number: "now", 12, "12", or an opaque "12-g1AA..." string."""
    value = value.strip('"')
    if value == "now":
        return current_seq
    match = re.match(r"^([0-9]+)(-.*)?$", value)
    if not match:
        raise ApiError(400, "bad_request", f"since must be \"now\" or a sequence from this server, not {value!r}")
    return int(match.group(1))


def couch_changes(request, db):
    query = request.query
    feed = query.get("feed", "normal")
    if feed not in ("normal", "longpoll"):
        raise ApiError(400, "bad_request", f"feed={feed} is not supported; use normal or longpoll")
    include_docs = query_flag(query, "include_docs")
    limit = query_int(query, "limit", None)
    timeout_ms = min(query_int(query, "timeout", LONGPOLL_MAX_MS), LONGPOLL_MAX_MS)
    store = request.store
    # Only what the user may see is listed; the rest still moves last_seq on.
    visible, params = couch_visible_sql(request.user)
    after = f"FROM couch_docs WHERE db = ? AND seq > ? AND {visible}"
    with store.reading() as connection:
        since = parse_since(query.get("since", "0"), db_row(connection, db))
        if feed == "longpoll":
            store.wait_for_change(
                lambda: connection.execute(f"SELECT 1 {after} LIMIT 1", (db, since, *params)).fetchone() is None,
                time.monotonic() + timeout_ms / 1000)
        update_seq = db_row(connection, db)
        rows = connection.execute(f"SELECT id, rev, deleted, body, seq {after} ORDER BY seq LIMIT ?",
                                  (db, since, *params, -1 if limit is None else limit)).fetchall()
        page_full = limit is not None and rows and len(rows) >= limit
        last_seq = rows[-1][4] if page_full else max(update_seq, 0)
        pending = connection.execute(f"SELECT COUNT(*) {after}", (db, last_seq, *params)).fetchone()[0]
    results = []
    for doc_id, rev, deleted, body, seq in rows:
        change = {"seq": str(seq), "id": doc_id, "changes": [{"rev": rev}]}
        if deleted:
            change["deleted"] = True
        if include_docs:
            change["doc"] = doc_json(request.user, doc_id, rev, deleted, body)
        results.append(change)
    return Reply(200, {"results": results, "last_seq": str(last_seq), "pending": pending})


def all_docs_keys(request):
    """The ids asked for with ?keys=["id", ...]; None lists every document."""
    if "keys" not in request.query:
        return None
    try:
        keys = json.loads(request.query["keys"])
    except ValueError:
        keys = None
    if not isinstance(keys, list):
        raise ApiError(400, "query_parse_error", "keys must be a JSON array of document ids")
    return keys


def couch_all_docs(request, db):
    include_docs = query_flag(request.query, "include_docs")
    limit = query_int(request.query, "limit", None)
    skip = query_int(request.query, "skip", 0)
    keys = all_docs_keys(request)
    visible, params = couch_visible_sql(request.user)
    with request.store.reading() as connection:
        db_row(connection, db)
        total = connection.execute(
            f"SELECT COUNT(*) FROM couch_docs WHERE db = ? AND deleted = 0 AND {visible}", (db, *params)).fetchone()[0]
        if keys is None:
            rows = connection.execute(
                f"SELECT id, rev, deleted, body FROM couch_docs WHERE db = ? AND deleted = 0 AND {visible} "
                "ORDER BY id LIMIT ? OFFSET ?", (db, *params, -1 if limit is None else limit, skip)).fetchall()
        else:
            wanted = keys[skip:] if limit is None else keys[skip:skip + limit]
            rows = [(key, *(isinstance(key, str) and connection.execute(
                f"SELECT rev, deleted, body FROM couch_docs WHERE db = ? AND id = ? AND {visible}",
                (db, key, *params)).fetchone() or (None, None, None))) for key in wanted]
    out = []
    for doc_id, rev, deleted, body in rows:
        if rev is None:  # asked for by key, and missing (or not the user's to see)
            out.append({"key": doc_id, "error": "not_found"})
            continue
        row = {"id": doc_id, "key": doc_id, "value": {"rev": rev, "deleted": True} if deleted else {"rev": rev}}
        if include_docs:
            row["doc"] = None if deleted else doc_json(request.user, doc_id, rev, False, body)
        out.append(row)
    return Reply(200, {"total_rows": total, "offset": skip, "rows": out})


# ---------------------------------------------------------------------------
# [SECTION] Sync: REST routes
# ---------------------------------------------------------------------------


def rest_routes(parts):
    if not parts:
        return {"GET": rest_list, "POST": rest_create}
    if len(parts) > 1:
        raise ApiError(404, "not_found", "no such route; items live at /api/tickets/{id}")
    item_id = parts[0]
    return {method: functools.partial(handler, item_id=item_id) for method, handler in
            (("GET", rest_get), ("PUT", rest_put), ("PATCH", rest_patch), ("DELETE", rest_delete))}


def me_routes(parts):
    return {"GET": rest_me}


def rest_me(request):
    return Reply(200, {"name": request.user.name, "role": request.user.role})


def etag(version):
    return f'"{version}"'


def item_json(item_id, version, body_text):
    return {"id": item_id, **json.loads(body_text), "version": version}


def item_reply(status, item, extra_headers=()):
    return Reply(status, item, [("ETag", etag(item["version"])), *extra_headers])


def load_item(connection, item_id):
    row = connection.execute("SELECT version, body FROM rest_tickets WHERE id = ?", (item_id,)).fetchone()
    return None if row is None else item_json(item_id, *row)


def check_if_match(request, current):
    """RFC 9110 If-Match, made mandatory for changing an existing item."""
    header = request.headers.get("If-Match")
    if current is None:
        if header is not None:
            raise ApiError(412, "precondition_failed", "the item does not exist (any more)")
        return
    if header is None:
        raise ApiError(428, "precondition_required",
                       "changing an existing item needs If-Match with its ETag; GET it first")
    tags = [tag.strip() for tag in header.split(",")]
    if "*" not in tags and etag(current["version"]) not in tags:
        # The current item, so the client can merge and retry.
        raise ApiError(412, "precondition_failed", "stale If-Match", headers=[("ETag", etag(current["version"]))],
                       body=current)


def save_item(connection, item_id, fields):
    version = next_counter(connection, "rest_tickets_version")
    body = {key: value for key, value in fields.items() if key not in ("id", "version")}
    connection.execute("INSERT OR REPLACE INTO rest_tickets (id, version, body) VALUES (?, ?, ?)",
                       (item_id, version, canonical_json(body)))
    return item_json(item_id, version, canonical_json(body))


def ticket_fields(item):
    """An item's ticket, without the REST id and version."""
    return {key: value for key, value in item.items() if key not in ("id", "version")}


def visible_item(user, item):
    """The item as `user` may see it; None when missing or another requester's."""
    return ticket_for(user, item) if item is not None and ticket_visible(user, item) else None


def fields_to_store(request, current, fields):
    """`fields` once the role policy has judged them (for a requester: merged with `current`); 403 otherwise."""
    stored = None if current is None else ticket_fields(current)
    # A REST collection keeps no board settings: done statuses are Tackboard's defaults.
    return ticket_to_store(request.user, stored, ticket_fields(fields), lambda: status_rules(None))


def item_body(request, item_id=None):
    fields = require_object(request.read_json(), "an item")
    if "id" in fields and item_id is not None and fields["id"] != item_id:
        raise ApiError(400, "bad_request", "the id in the body does not match the one in the URL")
    return fields


def rest_list(request):
    since = query_int(request.query, "since", 0)
    with request.store.reading() as connection:
        rows = connection.execute(
            "SELECT id, version, body FROM rest_tickets WHERE version > ? ORDER BY id", (since,)).fetchall()
    shown = (visible_item(request.user, item_json(*row)) for row in rows)
    return Reply(200, [item for item in shown if item is not None])


def rest_get(request, item_id):
    with request.store.reading() as connection:
        item = visible_item(request.user, load_item(connection, item_id))
    if item is None:
        raise ApiError(404, "not_found", "missing")
    tags = [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]
    if etag(item["version"]) in tags:
        return Reply(304, None, [("ETag", etag(item["version"]))])
    return item_reply(200, item)


def rest_create(request):
    fields = item_body(request)
    item_id = fields.get("id", uuid.uuid4().hex)
    if not isinstance(item_id, str) or not item_id:
        raise ApiError(400, "bad_request", "id must be a non-empty string")
    with request.store.writing() as connection:
        if load_item(connection, item_id) is not None:
            raise ApiError(409, "conflict", f"an item with id {item_id!r} exists; PUT or PATCH it instead")
        item = save_item(connection, item_id, fields_to_store(request, None, fields))
    return item_reply(201, ticket_for(request.user, item),
                      [("Location", f"{REST_PREFIX}/{urllib.parse.quote(item_id, safe='')}")])


def rest_put(request, item_id):
    fields = item_body(request, item_id)
    with request.store.writing() as connection:
        current = load_item(connection, item_id)
        # A stale If-Match answers with the item as the user may see it (or as missing).
        check_if_match(request, visible_item(request.user, current))
        item = save_item(connection, item_id, fields_to_store(request, current, fields))
    return item_reply(200 if current else 201, ticket_for(request.user, item))


def rest_patch(request, item_id):
    fields = item_body(request, item_id)
    with request.store.writing() as connection:
        current = load_item(connection, item_id)
        shown = visible_item(request.user, current)
        if shown is None:
            raise ApiError(404, "not_found", "missing")
        check_if_match(request, shown)
        item = save_item(connection, item_id, fields_to_store(request, current, {**shown, **fields}))
    return item_reply(200, ticket_for(request.user, item))


def rest_delete(request, item_id):
    check_may_delete(request.user)
    with request.store.writing() as connection:
        current = load_item(connection, item_id)
        if current is None:
            raise ApiError(404, "not_found", "missing")
        check_if_match(request, current)
        connection.execute("DELETE FROM rest_tickets WHERE id = ?", (item_id,))
    return Reply(204, None)


# ---------------------------------------------------------------------------
# [SECTION] Server and command line
# ---------------------------------------------------------------------------


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


def couch_prefix_arg(value):
    prefix = "/" + value.strip("/") + "/"
    if prefix == "//" or prefix.startswith(REST_PREFIX + "/"):
        raise argparse.ArgumentTypeError(f"{value!r} cannot hold the CouchDB routes")
    return prefix


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Serve the built Tackboard web app and its sync endpoint.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on; 0 picks a free one (default: %(default)s)")
    parser.add_argument("--dir", default=DEFAULT_DIR, help="folder to serve (default: build/web/app next to this script)")
    parser.add_argument("--quiet", action="store_true", help="don't log requests to stderr")
    parser.add_argument("--data", metavar="FILE.sqlite", help="SQLite file for sync data (default: in memory)")
    parser.add_argument("--token", help="require 'Authorization: Bearer TOKEN' on sync routes")
    parser.add_argument("--users", metavar="FILE.json",
                        help="named users with roles (requester, agent, lead), each with their own token")
    parser.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                        help="let pages from ORIGIN call the sync routes (repeatable)")
    parser.add_argument("--max-body", type=int, default=DEFAULT_MAX_BODY, metavar="BYTES",
                        help="largest request body accepted (default: %(default)s)")
    parser.add_argument("--couch-prefix", type=couch_prefix_arg, default=DEFAULT_COUCH_PREFIX,
                        help="URL prefix of the CouchDB routes (default: %(default)s)")
    return parser.parse_args(argv)


def open_store(data, root):
    """The SyncStore for --data, or an error message."""
    if data is None:
        return SyncStore(":memory:"), None
    path = os.path.realpath(data)
    if os.path.commonpath([root, path]) == root:
        return None, f"serve.py: --data {data} is inside the served folder, where anyone could download it."
    try:
        return SyncStore(path), None
    except sqlite3.Error as error:
        return None, f"serve.py: cannot open sync data {data}: {error}"


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
    if args.max_body < 0:
        print("serve.py: --max-body must be 0 or more", file=sys.stderr)
        return 2
    users = None
    if args.users is not None:
        if args.token is not None:
            print("serve.py: use either --token (one shared token) or --users (a token per user), not both.",
                  file=sys.stderr)
            return 2
        try:
            users = load_users(args.users)
        except ValueError as error:
            print(f"serve.py: --users: {error}", file=sys.stderr)
            return 2
    store, problem = open_store(args.data, root)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    sync = SyncSettings(store, args.token, users, tuple(args.cors_origin), args.max_body, args.couch_prefix)

    handler = functools.partial(TackboardRequestHandler, directory=root, quiet=args.quiet, sync=sync)
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
        if not args.quiet:
            # Before the stdout line, which callers take as "ready".
            where = args.data or "memory (lost on exit; pass --data FILE.sqlite to keep it)"
            print(f"Sync: CouchDB at {args.couch_prefix}, REST at {REST_PREFIX}; data in {where}",
                  file=sys.stderr, flush=True)
            if users is not None:
                counts = collections.Counter(user.role for user in users.values())
                print("Users: " + ", ".join(f"{counts[role]} {role}{'' if counts[role] == 1 else 's'}" for role in ROLES),
                      file=sys.stderr, flush=True)
        print(f"Serving Tackboard from {root} at http://{url_host}:{port}/", flush=True)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        # A second Ctrl-C while closing shouldn't produce a traceback.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        server.server_close()
        store.close()
    if not args.quiet:
        print("Tackboard server stopped.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
