"""Tests for serve.py, the static file server for the built Tackboard web app.

Run from the repository root:
    python3 -m unittest discover -s tests/serve -v

Each test class builds a throwaway site, starts serve.py on a free port as a
subprocess and talks to it over real HTTP with http.client, which sends paths
exactly as written (no client-side normalisation of ".." or "%2e%2e").
"""

import http.client
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import unittest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SERVE_PY = os.path.join(REPO_ROOT, "serve.py")

STARTUP_TIMEOUT = 10  # seconds to wait for the "Serving Tackboard ..." line
STOP_TIMEOUT = 10
HTTP_TIMEOUT = 10

SECRET = "TOP-SECRET-7f3a9c-do-not-serve"
INDEX_HTML = "<!doctype html><title>Tackboard</title><p>board</p>\n"
APP_JS = "console.log('tackboard');\n"
WASM_BYTES = b"\x00asm\x01\x00\x00\x00"
DOCS_HTML = "<!doctype html><title>docs</title>\n"

START_LINE = re.compile(r"^Serving Tackboard from (?P<dir>.+) at http://127\.0\.0\.1:(?P<port>\d+)/$")


def make_site():
    """Create <tmp>/secret (outside) and <tmp>/site (served); return (tmp, site)."""
    tmp = tempfile.mkdtemp(prefix="tackboard-serve-test-")
    with open(os.path.join(tmp, "secret"), "w") as f:
        f.write(SECRET)
    os.mkdir(os.path.join(tmp, "outside-dir"))
    with open(os.path.join(tmp, "outside-dir", "index.html"), "w") as f:
        f.write(SECRET)

    site = os.path.join(tmp, "site")
    os.mkdir(site)
    with open(os.path.join(site, "index.html"), "w") as f:
        f.write(INDEX_HTML)
    with open(os.path.join(site, "app.js"), "w") as f:
        f.write(APP_JS)
    with open(os.path.join(site, "tackboard.wasm"), "wb") as f:
        f.write(WASM_BYTES)
    # A subfolder without index.html (must not be listed) ...
    os.mkdir(os.path.join(site, "sub"))
    with open(os.path.join(site, "sub", "note.txt"), "w") as f:
        f.write("note\n")
    # ... and one with an index.html.
    os.mkdir(os.path.join(site, "docs"))
    with open(os.path.join(site, "docs", "index.html"), "w") as f:
        f.write(DOCS_HTML)
    # Symlinks inside the site that point outside it.
    os.symlink(os.path.join(tmp, "secret"), os.path.join(site, "secret-link"))
    os.symlink(os.path.join(tmp, "outside-dir"), os.path.join(site, "outside-link"))
    return tmp, site


def start_server(site, extra_args=("--quiet",)):
    """Start serve.py on a free port; return (process, port, stderr_file)."""
    stderr_file = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen(
        [sys.executable, SERVE_PY, "--host", "127.0.0.1", "--port", "0", "--dir", site, *extra_args],
        stdout=subprocess.PIPE,
        stderr=stderr_file,
        text=True,
    )
    # readline() blocks, so read the first line on a helper thread and wait
    # for it with a timeout.
    lines = queue.Queue()
    threading.Thread(target=lambda: lines.put(proc.stdout.readline()), daemon=True).start()
    try:
        line = lines.get(timeout=STARTUP_TIMEOUT)
    except queue.Empty:
        stop_server(proc)
        raise AssertionError(f"serve.py printed nothing within {STARTUP_TIMEOUT}s; stderr:\n{read_all(stderr_file)}")
    match = START_LINE.match(line.rstrip("\n"))
    if not match:
        stop_server(proc)
        raise AssertionError(f"unexpected start line {line!r}; stderr:\n{read_all(stderr_file)}")
    return proc, int(match.group("port")), stderr_file


def stop_server(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=STOP_TIMEOUT)
    if proc.stdout:
        proc.stdout.close()


def read_all(file):
    file.seek(0)
    return file.read()


class ServerTestCase(unittest.TestCase):
    """Starts one serve.py per test class over a fresh temporary site."""

    @classmethod
    def setUpClass(cls):
        cls.tmp, cls.site = make_site()
        cls.addClassCleanup(shutil.rmtree, cls.tmp, ignore_errors=True)
        cls.proc, cls.port, cls.stderr_file = start_server(cls.site)
        cls.addClassCleanup(cls.stderr_file.close)
        cls.addClassCleanup(stop_server, cls.proc)

    def request(self, method, path, body=None, headers=None):
        """Send one request with the path exactly as given; return (response, body)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=HTTP_TIMEOUT)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response, response.read()
        finally:
            conn.close()


class StaticFileTests(ServerTestCase):
    def test_index_served_at_root_as_html_without_caching(self):
        response, body = self.request("GET", "/")
        self.assertEqual(response.status, 200)
        self.assertEqual(body.decode(), INDEX_HTML)
        self.assertEqual(response.getheader("Content-Type"), "text/html; charset=utf-8")
        self.assertEqual(response.getheader("Cache-Control"), "no-cache")

    def test_index_html_by_name(self):
        response, body = self.request("GET", "/index.html")
        self.assertEqual(response.status, 200)
        self.assertEqual(body.decode(), INDEX_HTML)
        self.assertEqual(response.getheader("Content-Type"), "text/html; charset=utf-8")
        self.assertEqual(response.getheader("Cache-Control"), "no-cache")

    def test_wasm_has_wasm_mime_type(self):
        response, body = self.request("GET", "/tackboard.wasm")
        self.assertEqual(response.status, 200)
        self.assertEqual(body, WASM_BYTES)
        self.assertEqual(response.getheader("Content-Type"), "application/wasm")
        # serve.py deliberately sends no-cache for everything (see CACHE_CONTROL).
        self.assertEqual(response.getheader("Cache-Control"), "no-cache")

    def test_js_is_text_javascript_without_caching(self):
        response, body = self.request("GET", "/app.js")
        self.assertEqual(response.status, 200)
        self.assertEqual(body.decode(), APP_JS)
        self.assertEqual(response.getheader("Content-Type"), "text/javascript")
        self.assertEqual(response.getheader("Cache-Control"), "no-cache")

    def test_query_string_is_ignored_for_file_lookup(self):
        response, body = self.request("GET", "/app.js?v=123")
        self.assertEqual(response.status, 200)
        self.assertEqual(body.decode(), APP_JS)

    def test_head_returns_headers_without_body(self):
        response, body = self.request("HEAD", "/app.js")
        self.assertEqual(response.status, 200)
        self.assertEqual(body, b"")
        self.assertEqual(response.getheader("Content-Type"), "text/javascript")
        self.assertEqual(response.getheader("Content-Length"), str(len(APP_JS.encode())))

    def test_head_sends_no_body_bytes_on_the_wire(self):
        # http.client never reads a body for HEAD, so check the raw socket:
        # after the blank line ending the headers nothing more may arrive.
        with socket.create_connection(("127.0.0.1", self.port), timeout=HTTP_TIMEOUT) as sock:
            sock.sendall(b"HEAD /app.js HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
            raw = b""
            while chunk := sock.recv(65536):
                raw += chunk
        head, _, rest = raw.partition(b"\r\n\r\n")
        self.assertTrue(head.startswith(b"HTTP/1.1 200"), head)
        self.assertEqual(rest, b"")

    def test_head_on_root(self):
        response, body = self.request("HEAD", "/")
        self.assertEqual(response.status, 200)
        self.assertEqual(body, b"")
        self.assertEqual(response.getheader("Content-Type"), "text/html; charset=utf-8")

    def test_missing_file_is_404(self):
        response, _ = self.request("GET", "/no-such-file.js")
        self.assertEqual(response.status, 404)

    def test_directory_without_index_is_404_not_a_listing(self):
        for path in ("/sub/", "/sub"):
            with self.subTest(path=path):
                response, body = self.request("GET", path)
                self.assertEqual(response.status, 404)
                self.assertNotIn(b"note.txt", body)

    def test_directory_with_index_is_served(self):
        response, body = self.request("GET", "/docs/")
        self.assertEqual(response.status, 200)
        self.assertEqual(body.decode(), DOCS_HTML)

    def test_directory_without_slash_redirects_to_same_host(self):
        response, _ = self.request("GET", "/docs")
        self.assertEqual(response.status, 301)
        self.assertEqual(response.getheader("Location"), "/docs/")


class PathSecurityTests(ServerTestCase):
    TRAVERSALS = [
        "/../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/sub/../../secret",
        "/../secret",
        "/%2e%2e/secret",
        "/%2e%2e%2fsecret",
        "/sub/%2e%2e/%2e%2e/secret",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/secret-link",
        "/outside-link/",
        "/outside-link/index.html",
    ]

    def assert_refused(self, method, path):
        response, body = self.request(method, path)
        self.assertIn(response.status, (403, 404), f"{method} {path} -> {response.status}")
        self.assertNotIn(SECRET.encode(), body)
        self.assertNotIn(b"root:", body)  # /etc/passwd content

    def test_traversal_attempts_are_refused(self):
        for path in self.TRAVERSALS:
            with self.subTest(path=path):
                self.assert_refused("GET", path)

    def test_traversal_attempts_are_refused_for_head(self):
        for path in self.TRAVERSALS:
            with self.subTest(path=path):
                self.assert_refused("HEAD", path)

    def test_symlink_out_of_the_folder_is_forbidden(self):
        response, body = self.request("GET", "/secret-link")
        self.assertEqual(response.status, 403)
        self.assertNotIn(SECRET.encode(), body)

    def test_secret_really_is_reachable_on_disk(self):
        # Guards the tests above: the links and the secret exist, so a
        # refusal means the server refused, not that the fixture is broken.
        with open(os.path.join(self.site, "secret-link")) as f:
            self.assertEqual(f.read(), SECRET)
        with open(os.path.join(self.site, "sub", "..", "..", "secret")) as f:
            self.assertEqual(f.read(), SECRET)


class MethodTests(ServerTestCase):
    def test_post_is_405_with_allow_header(self):
        response, _ = self.request("POST", "/", body=b"{}", headers={"Content-Type": "application/json"})
        self.assertEqual(response.status, 405)
        self.assertEqual(response.getheader("Allow"), "GET, HEAD")

    def test_other_methods_are_405(self):
        for method in ("PUT", "DELETE", "PATCH", "OPTIONS", "BREW"):
            with self.subTest(method=method):
                response, _ = self.request(method, "/index.html")
                self.assertEqual(response.status, 405)
                self.assertEqual(response.getheader("Allow"), "GET, HEAD")

    def test_post_under_db_is_405_for_now(self):
        response, _ = self.request("POST", "/db/sync", body=b"{}")
        self.assertEqual(response.status, 405)
        self.assertEqual(response.getheader("Allow"), "GET, HEAD")


class StartupAndShutdownTests(unittest.TestCase):
    def setUp(self):
        self.tmp, self.site = make_site()
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def test_missing_dir_exits_2_and_mentions_make(self):
        missing = os.path.join(self.tmp, "not-built-yet")
        result = subprocess.run(
            [sys.executable, SERVE_PY, "--port", "0", "--dir", missing, "--quiet"],
            capture_output=True,
            text=True,
            timeout=STARTUP_TIMEOUT,
        )
        self.assertEqual(result.returncode, 2)
        self.assertIn("make", result.stdout + result.stderr)
        self.assertNotIn("Traceback", result.stderr)

    def test_start_line_names_the_served_folder(self):
        proc, port, stderr_file = start_server(self.site)
        self.addCleanup(stderr_file.close)
        self.addCleanup(stop_server, proc)
        self.assertGreater(port, 0)
        self.assertIsNone(proc.poll())

    def assert_stops_cleanly(self, sig):
        proc, _port, stderr_file = start_server(self.site)
        self.addCleanup(stderr_file.close)
        self.addCleanup(stop_server, proc)
        proc.send_signal(sig)
        try:
            returncode = proc.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.fail(f"serve.py did not stop within {STOP_TIMEOUT}s of {sig!r}")
        self.assertEqual(returncode, 0)
        self.assertNotIn("Traceback", read_all(stderr_file))

    def test_sigterm_stops_cleanly(self):
        self.assert_stops_cleanly(signal.SIGTERM)

    def test_ctrl_c_stops_cleanly(self):
        self.assert_stops_cleanly(signal.SIGINT)

    def fetch_and_read_stderr(self, extra_args):
        proc, port, stderr_file = start_server(self.site, extra_args=extra_args)
        self.addCleanup(stderr_file.close)
        self.addCleanup(stop_server, proc)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=HTTP_TIMEOUT)
        try:
            conn.request("GET", "/app.js")
            conn.getresponse().read()
        finally:
            conn.close()
        stop_server(proc)
        return read_all(stderr_file)

    def test_request_log_goes_to_stderr_by_default(self):
        self.assertIn("GET /app.js", self.fetch_and_read_stderr(extra_args=()))

    def test_quiet_suppresses_request_log(self):
        self.assertNotIn("GET /app.js", self.fetch_and_read_stderr(extra_args=("--quiet",)))


if __name__ == "__main__":
    unittest.main()
