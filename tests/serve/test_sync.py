"""Tests for serve.py's sync endpoint: the CouchDB subset under /couch/ and REST under /api/tickets.

Run from the repository root:
    python3 -m unittest discover -s tests/serve -v

Each test class starts serve.py as a subprocess on a free 127.0.0.1 port over
a throwaway site and a temporary --data file (see test_serve.py for how), and
talks to it over real HTTP with http.client, or a raw socket where a client
library would refuse to send what we need (no Content-Length, oversized or
chunked bodies). Tests share a server per class, so each uses its own
database or item ids.
"""

import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

from test_serve import INDEX_HTML, SECRET, SERVE_PY, STARTUP_TIMEOUT, make_site, read_all, start_server, stop_server

HTTP_TIMEOUT = 10
TOKEN = "s3cret-token-for-tests"
ALLOWED_ORIGIN = "http://allowed.example"
DENIED_ORIGIN = "http://evil.example"
MAX_BODY = 64 * 1024
REV = re.compile(r"^(\d+)-[0-9a-f]{32}$")
CONFLICT = {"error": "conflict", "reason": "Document update conflict."}


def request(port, method, path, body=None, headers=None, timeout=HTTP_TIMEOUT):
    """One request with the path sent exactly as written; return (response, raw body)."""
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response, response.read()
    finally:
        conn.close()


def raw_request(port, data, method="PUT"):
    """Send bytes as they are; return (response, body) parsed from the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=HTTP_TIMEOUT) as sock:
        try:
            sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # The server may answer and stop reading before we finish.
        response = http.client.HTTPResponse(sock, method=method)
        response.begin()
        return response, response.read()


class SyncServerTestCase(unittest.TestCase):
    """One serve.py per class, with a token, a CORS origin, a small body limit and a --data file."""

    TOKEN = TOKEN
    EXTRA_ARGS = ("--token", TOKEN, "--cors-origin", ALLOWED_ORIGIN, "--max-body", str(MAX_BODY))

    @classmethod
    def setUpClass(cls):
        cls.tmp, cls.site = make_site()
        cls.addClassCleanup(shutil.rmtree, cls.tmp, ignore_errors=True)
        cls.data = os.path.join(cls.tmp, "sync.sqlite")
        cls.proc, cls.port, cls.stderr_file = start_server(
            cls.site, extra_args=("--quiet", "--data", cls.data, *cls.EXTRA_ARGS))
        cls.addClassCleanup(cls.stderr_file.close)
        cls.addClassCleanup(stop_server, cls.proc)

    def tearDown(self):
        # Whatever a test threw at it, the server must still be up.
        self.assertIsNone(self.proc.poll(), "serve.py died; stderr:\n" + read_all(self.stderr_file))
        self.assertNotIn("Traceback", read_all(self.stderr_file))

    def call(self, method, path, body=None, headers=None, auth=True, timeout=HTTP_TIMEOUT):
        """Request with the bearer token; return (response, parsed JSON or None)."""
        headers = dict(headers or {})
        if auth and self.TOKEN:
            headers.setdefault("Authorization", f"Bearer {self.TOKEN}")
        if body is not None:
            headers.setdefault("Content-Type", "application/json")
        response, raw = request(self.port, method, path, body, headers, timeout)
        parsed = json.loads(raw) if raw and response.getheader("Content-Type") == "application/json" else None
        return response, parsed

    def assert_status(self, expected, method, path, body=None, headers=None, auth=True):
        response, parsed = self.call(method, path, body, headers, auth)
        self.assertEqual(response.status, expected, f"{method} {path} -> {response.status} {parsed}")
        return response, parsed

    def new_db(self):
        """A fresh database named after the running test."""
        name = self._testMethodName.lower()
        self.assert_status(201, "PUT", f"/couch/{name}")
        return f"/couch/{name}"

    def put_doc(self, db, doc_id, doc):
        _, result = self.assert_status(201, "PUT", f"{db}/{doc_id}", doc)
        return result["rev"]

    def changes(self, db, query=""):
        _, result = self.assert_status(200, "GET", f"{db}/_changes{query}")
        return result


# ----- CouchDB: server and databases ---------------------------------------


class CouchDatabaseTests(SyncServerTestCase):
    def test_welcome_at_prefix_with_and_without_slash(self):
        for path in ("/couch/", "/couch"):
            with self.subTest(path=path):
                _, body = self.assert_status(200, "GET", path)
                self.assertEqual(body["couchdb"], "Welcome")
                self.assertEqual(body["version"], "3.3.0-tackboard")

    def test_create_database_then_file_exists(self):
        _, body = self.assert_status(201, "PUT", "/couch/create_me")
        self.assertEqual(body, {"ok": True})
        _, body = self.assert_status(412, "PUT", "/couch/create_me")
        self.assertEqual(body["error"], "file_exists")

    def test_database_info_counts_live_and_deleted_docs(self):
        db = self.new_db()
        _, info = self.assert_status(200, "GET", db)
        self.assertEqual(info, {"db_name": "test_database_info_counts_live_and_deleted_docs", "doc_count": 0,
                                "doc_del_count": 0, "update_seq": "0", "instance_start_time": "0"})
        rev = self.put_doc(db, "a", {"n": 1})
        self.put_doc(db, "b", {"n": 2})
        self.assert_status(200, "DELETE", f"{db}/a?rev={rev}")
        _, info = self.assert_status(200, "GET", db)
        self.assertEqual((info["doc_count"], info["doc_del_count"], info["update_seq"]), (1, 1, "3"))

    def test_all_dbs_lists_databases(self):
        self.new_db()
        _, names = self.assert_status(200, "GET", "/couch/_all_dbs")
        self.assertIn("test_all_dbs_lists_databases", names)

    def test_illegal_database_names_are_400(self):
        for path in ("/couch/Upper", "/couch/1digit", "/couch/_private", "/couch/sp%20ace", "/couch/dot.name"):
            with self.subTest(path=path):
                _, body = self.assert_status(400, "PUT", path)
                self.assertEqual(body["error"], "illegal_database_name")
                self.assertIn("Must begin with a letter", body["reason"])

    def test_database_name_with_encoded_slash_and_specials(self):
        self.assert_status(201, "PUT", "/couch/team%2Fa$(b)+c-d")
        _, info = self.assert_status(200, "GET", "/couch/team%2Fa$(b)+c-d")
        self.assertEqual(info["db_name"], "team/a$(b)+c-d")

    def test_missing_database_is_404(self):
        for method, path in (("GET", "/couch/nope"), ("GET", "/couch/nope/doc"), ("GET", "/couch/nope/_changes"),
                             ("GET", "/couch/nope/_all_docs")):
            with self.subTest(path=path):
                _, body = self.assert_status(404, method, path)
                self.assertEqual(body, {"error": "not_found", "reason": "Database does not exist."})
        _, body = self.assert_status(404, "PUT", "/couch/nope/doc", {"a": 1})
        _, body = self.assert_status(404, "POST", "/couch/nope/_bulk_docs", {"docs": []})

    def test_static_app_still_served_beside_the_sync_routes(self):
        response, body = request(self.port, "GET", "/")
        self.assertEqual((response.status, body.decode()), (200, INDEX_HTML))
        response, _ = request(self.port, "GET", "/app.js")
        self.assertEqual(response.status, 200)
        self.assertEqual(response.getheader("Cache-Control"), "no-cache")

    def test_sync_answers_are_not_cacheable_json(self):
        response, _ = self.assert_status(200, "GET", "/couch/")
        self.assertEqual(response.getheader("Content-Type"), "application/json")
        self.assertEqual(response.getheader("Cache-Control"), "no-store")


# ----- CouchDB: documents ----------------------------------------------------


class CouchDocumentTests(SyncServerTestCase):
    def test_put_then_get_round_trip_with_rev_and_etag(self):
        db = self.new_db()
        response, result = self.assert_status(201, "PUT", f"{db}/t1", {"title": "Fix it", "tags": ["a"], "n": 1.5})
        self.assertEqual(set(result), {"ok", "id", "rev"})
        self.assertEqual(result["id"], "t1")
        self.assertRegex(result["rev"], REV)
        self.assertTrue(result["rev"].startswith("1-"))
        self.assertEqual(response.getheader("ETag"), f'"{result["rev"]}"')
        response, doc = self.assert_status(200, "GET", f"{db}/t1")
        self.assertEqual(doc, {"_id": "t1", "_rev": result["rev"], "title": "Fix it", "tags": ["a"], "n": 1.5})
        self.assertEqual(response.getheader("ETag"), f'"{result["rev"]}"')

    def test_rev_is_deterministic_md5_of_content(self):
        db = self.new_db()
        self.assertEqual(self.put_doc(db, "x", {"a": 1, "b": 2}), self.put_doc(db, "y", {"b": 2, "a": 1}))
        self.assertNotEqual(self.put_doc(db, "z", {"a": 2}), self.put_doc(db, "w", {"a": 1}))

    def test_put_without_rev_on_existing_doc_is_409(self):
        db = self.new_db()
        self.put_doc(db, "t1", {"v": 1})
        _, body = self.assert_status(409, "PUT", f"{db}/t1", {"v": 2})
        self.assertEqual(body, CONFLICT)

    def test_put_with_stale_rev_is_409_and_current_rev_is_201(self):
        db = self.new_db()
        rev1 = self.put_doc(db, "t1", {"v": 1})
        rev2 = self.put_doc(db, "t1", {"_rev": rev1, "v": 2})
        self.assertTrue(rev2.startswith("2-"))
        _, body = self.assert_status(409, "PUT", f"{db}/t1", {"_rev": rev1, "v": 3})
        self.assertEqual(body, CONFLICT)
        rev3 = self.put_doc(db, "t1", {"_rev": rev2, "v": 3})
        self.assertTrue(rev3.startswith("3-"))
        _, doc = self.assert_status(200, "GET", f"{db}/t1")
        self.assertEqual(doc["v"], 3)

    def test_rev_in_query_or_if_match_is_accepted_for_put(self):
        db = self.new_db()
        rev1 = self.put_doc(db, "t1", {"v": 1})
        _, result = self.assert_status(201, "PUT", f"{db}/t1?rev={rev1}", {"v": 2})
        self.assert_status(201, "PUT", f"{db}/t1", {"v": 3}, headers={"If-Match": f'"{result["rev"]}"'})
        _, body = self.assert_status(400, "PUT", f"{db}/t1?rev={rev1}", {"_rev": result["rev"], "v": 4})
        self.assertEqual(body["error"], "bad_request")

    def test_put_with_rev_on_missing_doc_is_409(self):
        db = self.new_db()
        self.assert_status(409, "PUT", f"{db}/ghost", {"_rev": "1-" + "0" * 32})

    def test_malformed_rev_is_400(self):
        db = self.new_db()
        _, body = self.assert_status(400, "PUT", f"{db}/t1", {"_rev": "banana"})
        self.assertIn("Invalid rev format", body["reason"])

    def test_missing_doc_is_404_missing(self):
        db = self.new_db()
        _, body = self.assert_status(404, "GET", f"{db}/nothing-here")
        self.assertEqual(body, {"error": "not_found", "reason": "missing"})

    def test_delete_makes_a_tombstone(self):
        db = self.new_db()
        rev1 = self.put_doc(db, "t1", {"title": "bye"})
        _, body = self.assert_status(409, "DELETE", f"{db}/t1")
        self.assertEqual(body, CONFLICT)
        self.assert_status(409, "DELETE", f"{db}/t1?rev=1-{'0' * 32}")
        _, result = self.assert_status(200, "DELETE", f"{db}/t1?rev={rev1}")
        self.assertTrue(result["ok"])
        self.assertTrue(result["rev"].startswith("2-"))
        _, body = self.assert_status(404, "GET", f"{db}/t1")
        self.assertEqual(body, {"error": "not_found", "reason": "deleted"})
        _, body = self.assert_status(404, "DELETE", f"{db}/t1?rev={result['rev']}")
        _, body = self.assert_status(404, "DELETE", f"{db}/never-was?rev={rev1}")
        self.assertEqual(body["reason"], "missing")
        # The tombstone shows up in _changes, with the doc when asked.
        change = self.changes(db, "?include_docs=true")["results"][-1]
        self.assertEqual(change["id"], "t1")
        self.assertIs(change["deleted"], True)
        self.assertEqual(change["changes"], [{"rev": result["rev"]}])
        self.assertEqual(change["doc"], {"_id": "t1", "_rev": result["rev"], "_deleted": True})

    def test_deleted_doc_can_be_recreated_without_rev(self):
        db = self.new_db()
        rev1 = self.put_doc(db, "t1", {"v": 1})
        self.assert_status(200, "DELETE", f"{db}/t1", headers={"If-Match": rev1})
        rev3 = self.put_doc(db, "t1", {"v": 2})
        self.assertTrue(rev3.startswith("3-"))

    def test_put_with_deleted_flag_deletes(self):
        db = self.new_db()
        rev1 = self.put_doc(db, "t1", {"v": 1})
        self.put_doc(db, "t1", {"_rev": rev1, "_deleted": True})
        _, body = self.assert_status(404, "GET", f"{db}/t1")
        self.assertEqual(body["reason"], "deleted")

    def test_post_to_database_creates_doc_with_generated_or_given_id(self):
        db = self.new_db()
        _, result = self.assert_status(201, "POST", db, {"title": "x"})
        self.assertRegex(result["id"], r"^[0-9a-f]{32}$")
        _, result = self.assert_status(201, "POST", db, {"_id": "chosen", "title": "y"})
        self.assertEqual(result["id"], "chosen")

    def test_bad_ids_and_members_are_400(self):
        db = self.new_db()
        cases = [
            (f"{db}/_private", {}, "illegal_docid"),
            (f"{db}/_design/view", {}, "illegal_docid"),
            (f"{db}/_design%2Fview", {}, "illegal_docid"),
            (f"{db}/_local%2Fcheckpoint", {}, "illegal_docid"),
            (f"{db}/ok", {"_attachments": {}}, "doc_validation"),
            (f"{db}/ok", {"_id": "other"}, "bad_request"),
            (f"{db}/ok", {"_deleted": "yes"}, "doc_validation"),
            (f"{db}/ok", [1, 2], "bad_request"),
            (f"{db}/ok", "just a string", "bad_request"),
        ]
        for path, doc, error in cases:
            with self.subTest(path=path, doc=doc):
                _, body = self.assert_status(400, "PUT", path, json.dumps(doc).encode())
                self.assertEqual(body["error"], error)

    def test_head_on_doc_has_etag_and_no_body(self):
        db = self.new_db()
        rev = self.put_doc(db, "t1", {"v": 1})
        response, raw = request(self.port, "HEAD", f"{db}/t1", headers={"Authorization": f"Bearer {TOKEN}"})
        self.assertEqual((response.status, raw), (200, b""))
        self.assertEqual(response.getheader("ETag"), f'"{rev}"')

    def test_unicode_ids_and_content_round_trip(self):
        db = self.new_db()
        self.put_doc(db, "caf%C3%A9%20%E2%9C%93", {"title": "naïve ✓ 😀"})
        _, doc = self.assert_status(200, "GET", f"{db}/caf%C3%A9%20%E2%9C%93")
        self.assertEqual((doc["_id"], doc["title"]), ("café ✓", "naïve ✓ 😀"))


class CouchTraversalTests(SyncServerTestCase):
    def test_encoded_traversal_in_doc_id_is_just_a_missing_doc(self):
        db = self.new_db()
        for doc_id in ("..%2F..%2Fetc%2Fpasswd", "..%2F..%2F..%2Fsecret", "%2e%2e%2f%2e%2e%2fsecret", "..", "%2e%2e"):
            with self.subTest(doc_id=doc_id):
                response, body = self.assert_status(404, "GET", f"{db}/{doc_id}")
                self.assertEqual(body, {"error": "not_found", "reason": "missing"})

    def test_traversal_id_is_only_a_key(self):
        db = self.new_db()
        self.put_doc(db, "..%2F..%2Fsecret", {"v": 1})
        _, doc = self.assert_status(200, "GET", f"{db}/..%2F..%2Fsecret")
        self.assertEqual(doc["_id"], "../../secret")
        self.assertFalse(os.path.exists(os.path.join(self.site, "..", "..", "secret")))
        _, rows = self.assert_status(200, "GET", f"{db}/_all_docs")
        self.assertEqual([row["id"] for row in rows["rows"]], ["../../secret"])

    def test_raw_dot_dot_segments_under_the_prefix_never_reach_files(self):
        for path in ("/couch/db/../../secret", "/couch/../secret", "/couch/%2e%2e/secret",
                     "/couch/..%2fsecret", "/api/tickets/../../secret", "/api/tickets/..%2F..%2Fsecret",
                     "/api/tickets%2F..%2F..%2Fsecret"):
            with self.subTest(path=path):
                response, raw = request(self.port, "GET", path, headers={"Authorization": f"Bearer {TOKEN}"})
                self.assertIn(response.status, (400, 403, 404))
                self.assertNotIn(SECRET.encode(), raw)

    def test_static_side_still_refuses_traversal(self):
        for path in ("/../secret", "/%2e%2e/secret", "/..%2fsecret", "/secret-link"):
            with self.subTest(path=path):
                response, raw = request(self.port, "GET", path)
                self.assertIn(response.status, (403, 404))
                self.assertNotIn(SECRET.encode(), raw)

    def test_invalid_utf8_in_path_or_query_is_400(self):
        db = self.new_db()
        for path in (f"{db}/%ff%fe", f"{db}/_changes?since=%ff", "/api/tickets/%c3%28"):
            with self.subTest(path=path):
                _, body = self.assert_status(400, "GET", path)
                self.assertEqual(body["error"], "bad_request")
                self.assertIn("UTF-8", body["reason"])


# ----- CouchDB: _bulk_docs ---------------------------------------------------


class BulkDocsTests(SyncServerTestCase):
    def bulk(self, db, payload, status=201):
        _, results = self.assert_status(status, "POST", f"{db}/_bulk_docs", payload)
        return results

    def test_mixed_batch_reports_per_doc_results(self):
        db = self.new_db()
        rev_a = self.put_doc(db, "a", {"v": 1})
        rev_b = self.put_doc(db, "b", {"v": 1})
        self.put_doc(db, "b", {"_rev": rev_b, "v": 2})
        results = self.bulk(db, {"docs": [
            {"_id": "a", "_rev": rev_a, "v": 2},   # current rev: ok
            {"_id": "b", "_rev": rev_b, "v": 3},   # stale rev: conflict
            {"_id": "c", "v": 1},                  # new: ok
            {"v": 1},                              # new, id generated
            {"_id": "a", "v": 9},                  # no rev on an existing doc: conflict
        ]})
        self.assertEqual(len(results), 5)
        self.assertEqual((results[0]["ok"], results[0]["id"]), (True, "a"))
        self.assertTrue(results[0]["rev"].startswith("2-"))
        self.assertEqual(results[1], {"id": "b", **CONFLICT})
        self.assertEqual((results[2]["id"], results[2]["ok"]), ("c", True))
        self.assertRegex(results[3]["id"], r"^[0-9a-f]{32}$")
        self.assertEqual(results[4], {"id": "a", **CONFLICT})
        _, doc = self.assert_status(200, "GET", f"{db}/b")
        self.assertEqual(doc["v"], 2)
        _, doc = self.assert_status(200, "GET", f"{db}/a")
        self.assertEqual((doc["v"], doc["_rev"]), (2, results[0]["rev"]))

    def test_same_id_twice_in_one_batch_conflicts_the_second(self):
        db = self.new_db()
        results = self.bulk(db, {"docs": [{"_id": "x", "v": 1}, {"_id": "x", "v": 2}]})
        self.assertTrue(results[0]["ok"])
        self.assertEqual(results[1], {"id": "x", **CONFLICT})

    def test_deletes_in_bulk_make_tombstones(self):
        db = self.new_db()
        rev = self.put_doc(db, "a", {"v": 1})
        results = self.bulk(db, {"docs": [{"_id": "a", "_rev": rev, "_deleted": True}]})
        self.assertTrue(results[0]["ok"])
        change = self.changes(db)["results"][-1]
        self.assertEqual((change["id"], change["deleted"]), ("a", True))

    def test_invalid_docs_fail_alone(self):
        db = self.new_db()
        results = self.bulk(db, {"docs": [{"_id": "_bad"}, "not an object", {"_id": "good"}, {"_id": 7}]})
        self.assertEqual((results[0]["id"], results[0]["error"]), ("_bad", "illegal_docid"))
        self.assertEqual((results[1]["id"], results[1]["error"]), (None, "bad_request"))
        self.assertTrue(results[2]["ok"])
        self.assertEqual(results[3]["error"], "illegal_docid")

    def test_bad_envelopes_are_400(self):
        db = self.new_db()
        for payload in ([], {"docs": {}}, {}, {"docs": [], "new_edits": "no"}):
            with self.subTest(payload=payload):
                _, body = self.assert_status(400, "POST", f"{db}/_bulk_docs", payload)
                self.assertEqual(body["error"], "bad_request")

    def test_new_edits_false_keeps_the_highest_rev_as_winner(self):
        db = self.new_db()
        rev2a, rev2b, rev3 = "2-" + "a" * 32, "2-" + "b" * 32, "3-" + "0" * 32
        self.assertEqual(self.bulk(db, {"new_edits": False, "docs": [{"_id": "r", "_rev": rev2a, "v": "2a"}]}), [])
        self.assertEqual(self.changes(db)["last_seq"], "1")
        # Same generation, greater rev string: wins.
        self.bulk(db, {"new_edits": False, "docs": [{"_id": "r", "_rev": rev2b, "v": "2b"}]})
        _, doc = self.assert_status(200, "GET", f"{db}/r")
        self.assertEqual((doc["_rev"], doc["v"]), (rev2b, "2b"))
        # Lower rev string: kept out of the winner's place.
        self.bulk(db, {"new_edits": False, "docs": [{"_id": "r", "_rev": "2-" + "1" * 32, "v": "low"}]})
        _, doc = self.assert_status(200, "GET", f"{db}/r")
        self.assertEqual(doc["_rev"], rev2b)
        # Higher generation wins whatever the string.
        self.bulk(db, {"new_edits": False, "docs": [{"_id": "r", "_rev": rev3, "v": "3"}]})
        _, doc = self.assert_status(200, "GET", f"{db}/r")
        self.assertEqual((doc["_rev"], doc["v"]), (rev3, "3"))
        # A rev already known is skipped: no new change.
        last_seq = self.changes(db)["last_seq"]
        self.bulk(db, {"new_edits": False, "docs": [{"_id": "r", "_rev": rev2a, "v": "again"}]})
        self.assertEqual(self.changes(db)["last_seq"], last_seq)
        # After replication, normal edits continue from the winner.
        _, result = self.assert_status(201, "PUT", f"{db}/r", {"_rev": rev3, "v": "4"})
        self.assertTrue(result["rev"].startswith("4-"))

    def test_new_edits_false_needs_revs(self):
        db = self.new_db()
        results = self.bulk(db, {"new_edits": False, "docs": [{"_id": "r", "v": 1}]})
        self.assertEqual((results[0]["id"], results[0]["error"]), ("r", "bad_request"))


# ----- CouchDB: _changes and _all_docs ---------------------------------------


class ChangesTests(SyncServerTestCase):
    def test_changes_lists_latest_change_per_doc_with_string_seqs(self):
        db = self.new_db()
        rev_a = self.put_doc(db, "a", {"v": 1})
        rev_b = self.put_doc(db, "b", {"v": 1})
        rev_a2 = self.put_doc(db, "a", {"_rev": rev_a, "v": 2})
        feed = self.changes(db)
        self.assertEqual([(c["seq"], c["id"], c["changes"]) for c in feed["results"]],
                         [("2", "b", [{"rev": rev_b}]), ("3", "a", [{"rev": rev_a2}])])
        self.assertEqual((feed["last_seq"], feed["pending"]), ("3", 0))
        self.assertNotIn("doc", feed["results"][0])
        self.assertNotIn("deleted", feed["results"][0])

    def test_since_limit_and_pending(self):
        db = self.new_db()
        for name in "abcde":
            self.put_doc(db, name, {"n": name})
        feed = self.changes(db, "?since=1&limit=2")
        self.assertEqual([c["id"] for c in feed["results"]], ["b", "c"])
        self.assertEqual((feed["last_seq"], feed["pending"]), ("3", 2))
        feed = self.changes(db, f"?since={feed['last_seq']}&include_docs=true")
        self.assertEqual([c["doc"]["n"] for c in feed["results"]], ["d", "e"])
        self.assertEqual((feed["last_seq"], feed["pending"]), ("5", 0))
        feed = self.changes(db, "?since=5")
        self.assertEqual((feed["results"], feed["last_seq"]), ([], "5"))

    def test_since_accepts_now_and_opaque_strings(self):
        db = self.new_db()
        self.put_doc(db, "a", {})
        self.put_doc(db, "b", {})
        self.assertEqual(self.changes(db, "?since=now")["results"], [])
        self.assertEqual([c["id"] for c in self.changes(db, "?since=1-g1AAAAopaque")["results"]], ["b"])
        self.assertEqual([c["id"] for c in self.changes(db, "?since=%221%22")["results"]], ["b"])

    def test_bad_changes_parameters_are_400(self):
        db = self.new_db()
        for query in ("?since=yesterday", "?limit=-1", "?limit=ten", "?include_docs=maybe", "?feed=continuous",
                      "?feed=eventsource", "?timeout=soon"):
            with self.subTest(query=query):
                _, body = self.assert_status(400, "GET", f"{db}/_changes{query}")
                self.assertIn(body["error"], ("bad_request", "query_parse_error"))

    def test_longpoll_returns_at_once_when_changes_exist(self):
        db = self.new_db()
        self.put_doc(db, "a", {})
        started = time.monotonic()
        feed = self.changes(db, "?feed=longpoll&since=0&timeout=5000")
        self.assertLess(time.monotonic() - started, 2)
        self.assertEqual([c["id"] for c in feed["results"]], ["a"])

    def test_longpoll_wakes_on_a_write_from_another_client(self):
        db = self.new_db()
        self.put_doc(db, "before", {})
        writer = threading.Timer(0.3, lambda: self.call("PUT", f"{db}/during", {"v": 1}))
        writer.start()
        self.addCleanup(writer.join)
        started = time.monotonic()
        feed = self.changes(db, "?feed=longpoll&since=1&timeout=8000&include_docs=true")
        elapsed = time.monotonic() - started
        self.assertGreaterEqual(elapsed, 0.2)
        self.assertLess(elapsed, 5)
        self.assertEqual([c["id"] for c in feed["results"]], ["during"])
        self.assertEqual(feed["results"][0]["doc"]["v"], 1)
        self.assertEqual(feed["last_seq"], "2")

    def test_longpoll_returns_empty_at_timeout(self):
        db = self.new_db()
        self.put_doc(db, "a", {})
        started = time.monotonic()
        feed = self.changes(db, "?feed=longpoll&since=now&timeout=300")
        elapsed = time.monotonic() - started
        self.assertGreaterEqual(elapsed, 0.25)
        self.assertLess(elapsed, 3)
        self.assertEqual(feed, {"results": [], "last_seq": "1", "pending": 0})

    def test_longpoll_ignores_writes_to_other_databases(self):
        db = self.new_db()
        self.assert_status(201, "PUT", "/couch/longpoll_other")
        writer = threading.Timer(0.1, lambda: self.call("PUT", "/couch/longpoll_other/x", {}))
        writer.start()
        self.addCleanup(writer.join)
        feed = self.changes(db, "?feed=longpoll&timeout=600")
        self.assertEqual(feed["results"], [])


class ConcurrencyTests(SyncServerTestCase):
    def test_parallel_writers_lose_nothing(self):
        db = self.new_db()
        statuses = []

        def writer(n):
            for i in range(10):
                response, _ = self.call("PUT", f"{db}/w{n}-{i}", {"n": n})
                statuses.append(response.status)
            rev = None
            for i in range(5):  # contended updates of one shared doc: each either wins or conflicts
                response, body = self.call("GET", f"{db}/shared")
                rev = body["_rev"] if response.status == 200 else None
                response, _ = self.call("PUT", f"{db}/shared", {"_rev": rev, "by": n} if rev else {"by": n})
                statuses.append(response.status)

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        self.assertEqual(set(statuses) - {201, 409}, set())
        wins = statuses.count(201) - 80
        _, info = self.assert_status(200, "GET", db)
        self.assertEqual(info["doc_count"], 81)
        self.assertEqual(info["update_seq"], str(80 + wins))
        _, shared = self.assert_status(200, "GET", f"{db}/shared")
        self.assertTrue(shared["_rev"].startswith(f"{wins}-"))


class AllDocsTests(SyncServerTestCase):
    def test_all_docs_sorted_without_deleted(self):
        db = self.new_db()
        for name in ("m", "b", "z", "a"):
            self.put_doc(db, name, {"name": name})
        _, current = self.assert_status(200, "GET", f"{db}/z")
        self.assert_status(200, "DELETE", f"{db}/z?rev={current['_rev']}")
        _, result = self.assert_status(200, "GET", f"{db}/_all_docs")
        self.assertEqual((result["total_rows"], result["offset"]), (3, 0))
        self.assertEqual([row["id"] for row in result["rows"]], ["a", "b", "m"])
        row = result["rows"][0]
        self.assertEqual(set(row), {"id", "key", "value"})
        self.assertEqual(row["key"], "a")
        self.assertRegex(row["value"]["rev"], REV)

    def test_all_docs_include_docs_limit_skip(self):
        db = self.new_db()
        for name in "abcd":
            self.put_doc(db, name, {"name": name})
        _, result = self.assert_status(200, "GET", f"{db}/_all_docs?include_docs=true&limit=2&skip=1")
        self.assertEqual((result["total_rows"], result["offset"]), (4, 1))
        self.assertEqual([row["doc"]["name"] for row in result["rows"]], ["b", "c"])
        self.assertEqual(result["rows"][0]["doc"]["_id"], "b")


# ----- REST ------------------------------------------------------------------


class RestTests(SyncServerTestCase):
    def create(self, item):
        response, body = self.assert_status(201, "POST", "/api/tickets", item)
        return response, body

    def test_create_with_id_gives_etag_location_and_version(self):
        response, item = self.create({"id": "r-create", "title": "First"})
        self.assertEqual(item["id"], "r-create")
        self.assertEqual(item["title"], "First")
        self.assertIsInstance(item["version"], int)
        self.assertEqual(response.getheader("ETag"), f'"{item["version"]}"')
        self.assertEqual(response.getheader("Location"), "/api/tickets/r-create")
        _, body = self.assert_status(409, "POST", "/api/tickets", {"id": "r-create"})
        self.assertEqual(body["error"], "conflict")

    def test_create_without_id_generates_one(self):
        response, item = self.create({"title": "anonymous"})
        self.assertRegex(item["id"], r"^[0-9a-f]{32}$")
        self.assertEqual(response.getheader("Location"), f"/api/tickets/{item['id']}")
        _, fetched = self.assert_status(200, "GET", f"/api/tickets/{item['id']}")
        self.assertEqual(fetched, item)

    def test_get_item_and_list(self):
        _, item = self.create({"id": "r-get", "title": "t"})
        response, fetched = self.assert_status(200, "GET", "/api/tickets/r-get")
        self.assertEqual(fetched, item)
        self.assertEqual(response.getheader("ETag"), f'"{item["version"]}"')
        _, items = self.assert_status(200, "GET", "/api/tickets")
        self.assertIsInstance(items, list)
        self.assertIn(item, items)
        self.assertEqual([i["id"] for i in items], sorted(i["id"] for i in items))
        _, newer = self.assert_status(200, "GET", f"/api/tickets?since={item['version']}")
        self.assertNotIn(item, newer)
        response, raw = request(self.port, "GET", "/api/tickets/r-get", headers={
            "Authorization": f"Bearer {TOKEN}", "If-None-Match": f'"{item["version"]}"'})
        self.assertEqual((response.status, raw), (304, b""))
        _, body = self.assert_status(404, "GET", "/api/tickets/no-such")
        self.assertEqual(body["error"], "not_found")

    def test_put_needs_if_match_on_existing_item(self):
        _, item = self.create({"id": "r-put", "title": "v1", "extra": True})
        etag = f'"{item["version"]}"'
        _, body = self.assert_status(428, "PUT", "/api/tickets/r-put", {"title": "v2"})
        self.assertEqual(body["error"], "precondition_required")
        response, updated = self.assert_status(200, "PUT", "/api/tickets/r-put", {"title": "v2"},
                                               headers={"If-Match": etag})
        self.assertEqual(updated["title"], "v2")
        self.assertNotIn("extra", updated)  # PUT replaces
        self.assertGreater(updated["version"], item["version"])
        self.assertEqual(response.getheader("ETag"), f'"{updated["version"]}"')
        # The old ETag is now stale: 412 with the current item to merge with.
        response, current = self.assert_status(412, "PUT", "/api/tickets/r-put", {"title": "v3"},
                                               headers={"If-Match": etag})
        self.assertEqual(current, updated)
        self.assertEqual(response.getheader("ETag"), f'"{updated["version"]}"')
        self.assert_status(200, "PUT", "/api/tickets/r-put", {"title": "v3"}, headers={"If-Match": "*"})
        self.assert_status(200, "PUT", "/api/tickets/r-put", {"title": "v3"},
                           headers={"If-Match": f'"1", "{updated["version"] + 1}"'})

    def test_put_creates_missing_item_unless_if_match_given(self):
        self.assert_status(412, "PUT", "/api/tickets/r-put-new", {"title": "x"}, headers={"If-Match": '"1"'})
        response, item = self.assert_status(201, "PUT", "/api/tickets/r-put-new", {"title": "x"})
        self.assertEqual((item["id"], item["title"]), ("r-put-new", "x"))

    def test_patch_merges_fields(self):
        _, item = self.create({"id": "r-patch", "title": "t", "status": "todo"})
        self.assert_status(428, "PATCH", "/api/tickets/r-patch", {"status": "done"})
        self.assert_status(412, "PATCH", "/api/tickets/r-patch", {"status": "done"}, headers={"If-Match": '"0"'})
        _, patched = self.assert_status(200, "PATCH", "/api/tickets/r-patch", {"status": "done", "version": 999},
                                        headers={"If-Match": f'"{item["version"]}"'})
        self.assertEqual((patched["title"], patched["status"]), ("t", "done"))
        self.assertGreater(patched["version"], item["version"])
        self.assertNotEqual(patched["version"], 999)  # the server owns versions
        self.assert_status(404, "PATCH", "/api/tickets/r-missing", {"a": 1}, headers={"If-Match": "*"})

    def test_delete_with_if_match(self):
        _, item = self.create({"id": "r-delete"})
        self.assert_status(428, "DELETE", "/api/tickets/r-delete")
        self.assert_status(412, "DELETE", "/api/tickets/r-delete", headers={"If-Match": '"0"'})
        response, body = self.assert_status(204, "DELETE", "/api/tickets/r-delete",
                                            headers={"If-Match": f'"{item["version"]}"'})
        self.assertIsNone(body)
        self.assert_status(404, "GET", "/api/tickets/r-delete")
        self.assert_status(404, "DELETE", "/api/tickets/r-delete", headers={"If-Match": "*"})
        # Re-created, it never reuses the old ETag.
        _, again = self.create({"id": "r-delete"})
        self.assertGreater(again["version"], item["version"])

    def test_rest_bad_input(self):
        self.assert_status(400, "PUT", "/api/tickets/r-bad", {"id": "other"})
        self.assert_status(400, "POST", "/api/tickets", {"id": 12})
        self.assert_status(400, "POST", "/api/tickets", ["not", "an", "object"])
        self.assert_status(404, "GET", "/api/tickets/a/b")
        self.assert_status(400, "GET", "/api/tickets?since=x")


# ----- security and limits ---------------------------------------------------


class AuthTests(SyncServerTestCase):
    def test_missing_or_wrong_token_is_401(self):
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
                        {"Authorization": TOKEN}, {"Authorization": f"Bearer {TOKEN}x"},
                        {"Authorization": "Bearer tökén"}):
            for method, path in (("GET", "/couch/"), ("GET", "/api/tickets"), ("PUT", "/couch/auth_db")):
                with self.subTest(headers=headers, path=path):
                    response, body = self.call(method, path, headers=headers, auth=False)
                    self.assertEqual(response.status, 401)
                    self.assertEqual(body["error"], "unauthorized")
                    self.assertTrue(response.getheader("WWW-Authenticate").startswith("Bearer"))
        self.assert_status(404, "GET", "/couch/auth_db")  # nothing was created

    def test_token_scheme_is_case_insensitive(self):
        self.assert_status(200, "GET", "/couch/", headers={"Authorization": f"bearer {TOKEN}"})

    def test_static_files_need_no_token(self):
        response, _ = request(self.port, "GET", "/index.html")
        self.assertEqual(response.status, 200)

    def test_401_body_is_refused_without_reading_it(self):
        response, body = self.call("POST", "/couch/x/_bulk_docs", {"docs": []}, auth=False)
        self.assertEqual(response.status, 401)
        self.assertEqual(response.getheader("Connection"), "close")


class CorsTests(SyncServerTestCase):
    def preflight(self, origin, path="/couch/db/doc"):
        return request(self.port, "OPTIONS", path, headers={
            "Origin": origin, "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "authorization, content-type, if-match"})

    def test_preflight_from_allowed_origin(self):
        for path in ("/couch/db/doc", "/api/tickets/1", "/couch/"):
            with self.subTest(path=path):
                response, _ = self.preflight(ALLOWED_ORIGIN, path)  # no token: browsers never send one here
                self.assertEqual(response.status, 204)
                self.assertEqual(response.getheader("Access-Control-Allow-Origin"), ALLOWED_ORIGIN)
                methods = response.getheader("Access-Control-Allow-Methods")
                for method in ("GET", "PUT", "POST", "PATCH", "DELETE"):
                    self.assertIn(method, methods)
                self.assertEqual(response.getheader("Access-Control-Allow-Headers"),
                                 "Authorization, Content-Type, If-Match")
                self.assertIn("ETag", response.getheader("Access-Control-Expose-Headers"))
                self.assertEqual(response.getheader("Vary"), "Origin")

    def test_preflight_from_other_origin_is_refused(self):
        response, _ = self.preflight(DENIED_ORIGIN)
        self.assertEqual(response.status, 403)
        self.assertIsNone(response.getheader("Access-Control-Allow-Origin"))

    def test_actual_requests_carry_cors_headers_only_for_allowed_origins(self):
        response, _ = self.assert_status(200, "GET", "/couch/", headers={"Origin": ALLOWED_ORIGIN})
        self.assertEqual(response.getheader("Access-Control-Allow-Origin"), ALLOWED_ORIGIN)
        self.assertIn("ETag", response.getheader("Access-Control-Expose-Headers"))
        response, _ = self.call("GET", "/couch/", headers={"Origin": ALLOWED_ORIGIN}, auth=False)
        self.assertEqual(response.status, 401)  # a readable 401, so the page can ask for a token
        self.assertEqual(response.getheader("Access-Control-Allow-Origin"), ALLOWED_ORIGIN)
        response, _ = self.assert_status(200, "GET", "/couch/", headers={"Origin": DENIED_ORIGIN})
        self.assertIsNone(response.getheader("Access-Control-Allow-Origin"))

    def test_options_without_origin_lists_methods(self):
        response, _ = request(self.port, "OPTIONS", "/couch/")
        self.assertEqual(response.status, 204)
        self.assertIn("PUT", response.getheader("Allow"))

    def test_static_files_get_no_cors_headers(self):
        response, _ = request(self.port, "GET", "/index.html", headers={"Origin": ALLOWED_ORIGIN})
        self.assertIsNone(response.getheader("Access-Control-Allow-Origin"))


class BadInputTests(SyncServerTestCase):
    def head(self, method, path, headers=()):
        lines = [f"{method} {path} HTTP/1.1", "Host: test", f"Authorization: Bearer {TOKEN}", *headers]
        return ("\r\n".join(lines) + "\r\n\r\n").encode()

    def test_content_length_over_limit_is_413_before_the_body_is_sent(self):
        db = self.new_db()
        response, raw = raw_request(self.port, self.head("PUT", f"{db}/big", ["Content-Length: 100000000"]))
        self.assertEqual(response.status, 413)
        body = json.loads(raw)
        self.assertEqual(body["error"], "too_large")
        self.assertIn(str(MAX_BODY), body["reason"])

    def test_body_over_limit_is_413(self):
        db = self.new_db()
        big = {"docs": [{"_id": "x", "pad": "x" * MAX_BODY}]}
        response, body = self.call("POST", f"{db}/_bulk_docs", big)
        self.assertEqual((response.status, body["error"]), (413, "too_large"))
        self.assert_status(404, "GET", f"{db}/x")

    def test_chunked_body_over_limit_is_413(self):
        db = self.new_db()
        chunk = b"x" * (MAX_BODY // 2)
        data = self.head("PUT", f"{db}/big", ["Transfer-Encoding: chunked", "Content-Type: application/json"])
        for _ in range(4):
            data += b"%x\r\n" % len(chunk) + chunk + b"\r\n"
        data += b"0\r\n\r\n"
        response, raw = raw_request(self.port, data)
        self.assertEqual(response.status, 413)
        self.assertEqual(json.loads(raw)["error"], "too_large")
        self.assert_status(404, "GET", f"{db}/big")

    def test_chunked_body_within_limit_is_accepted(self):
        db = self.new_db()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=HTTP_TIMEOUT)
        self.addCleanup(conn.close)
        conn.request("PUT", f"{db}/chunky", body=iter([b'{"title":', b' "chunks"}']),
                     headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
                     encode_chunked=True)
        response = conn.getresponse()
        self.assertEqual(response.status, 201, response.read())
        response.read()
        _, doc = self.assert_status(200, "GET", f"{db}/chunky")
        self.assertEqual(doc["title"], "chunks")

    def test_missing_content_length_is_411(self):
        db = self.new_db()
        for method, path in (("PUT", f"{db}/doc"), ("POST", f"{db}/_bulk_docs"), ("POST", "/api/tickets")):
            with self.subTest(path=path):
                response, raw = raw_request(self.port, self.head(method, path), method=method)
                self.assertEqual(response.status, 411)
                self.assertEqual(json.loads(raw)["error"], "length_required")

    def test_malformed_json_is_400_with_position(self):
        db = self.new_db()
        for body, where in ((b'{"title": }', "line 1, column 11"), (b'{"a": 1,\n "b" 2}', "line 2, column 6"),
                            (b"", "empty"), (b"{'single': 1}", "line 1, column 2"), (b"[1, 2", "line 1"),
                            (b'{"n": NaN}', "NaN"), (b'{"n": 1e999}', "too large"),
                            (b"[" * 50000, "nested too deeply")):
            with self.subTest(body=body[:20]):
                response, parsed = self.call("PUT", f"{db}/doc", body)
                self.assertEqual(response.status, 400)
                self.assertEqual(parsed["error"], "bad_request")
                self.assertIn(where, parsed["reason"])

    def test_invalid_utf8_body_is_400_with_offset(self):
        db = self.new_db()
        for path in (f"{db}/doc", "/api/tickets"):
            with self.subTest(path=path):
                response, parsed = self.call("PUT" if "couch" in path else "POST", path, b'{"title": "caf\xe9"}')
                self.assertEqual(response.status, 400)
                self.assertEqual(parsed["error"], "bad_request")
                self.assertIn("UTF-8", parsed["reason"])
                self.assertIn("0xe9 at offset 14", parsed["reason"])

    def test_lone_surrogate_escape_is_400(self):
        db = self.new_db()
        response, parsed = self.call("PUT", f"{db}/doc", b'{"title": "\\ud800"}')
        self.assertEqual(response.status, 400)
        self.assertIn("surrogate", parsed["reason"])

    def test_bad_content_length_and_transfer_encoding_are_400(self):
        db = self.new_db()
        for header in ("Content-Length: twelve", "Transfer-Encoding: gzip"):
            with self.subTest(header=header):
                response, _ = raw_request(self.port, self.head("PUT", f"{db}/doc", [header]))
                self.assertEqual(response.status, 400)

    def test_wrong_methods_are_405_with_allow(self):
        db = self.new_db()
        cases = [
            ("POST", "/couch/", "GET, HEAD, OPTIONS"),
            ("DELETE", db, "GET, HEAD, PUT, POST, OPTIONS"),
            ("POST", f"{db}/doc", "GET, HEAD, PUT, DELETE, OPTIONS"),
            ("DELETE", f"{db}/_changes", "GET, HEAD, OPTIONS"),
            ("PUT", f"{db}/_all_docs", "GET, HEAD, OPTIONS"),
            ("GET", f"{db}/_bulk_docs", "POST, OPTIONS"),
            ("DELETE", "/api/tickets", "GET, HEAD, POST, OPTIONS"),
            ("POST", "/api/tickets/x", "GET, HEAD, PUT, PATCH, DELETE, OPTIONS"),
            ("BREW", "/api/tickets/x", "GET, HEAD, PUT, PATCH, DELETE, OPTIONS"),
        ]
        for method, path, allow in cases:
            with self.subTest(method=method, path=path):
                response, body = self.call(method, path, {"a": 1})
                self.assertEqual(response.status, 405)
                self.assertEqual(body["error"], "method_not_allowed")
                self.assertEqual(response.getheader("Allow"), allow)

    def test_server_keeps_serving_after_bad_input(self):
        # Garbage request lines and a connection dropped mid-body.
        for junk in (b"\x00\x01\x02 garbage\r\n\r\n", b"PUT /couch/x HTTP/1.1\r\nContent-Length: 50\r\n\r\n{"):
            with socket.create_connection(("127.0.0.1", self.port), timeout=HTTP_TIMEOUT) as sock:
                sock.sendall(junk)
        self.assert_status(200, "GET", "/couch/")


# ----- servers with other options --------------------------------------------


class DefaultOptionsTests(SyncServerTestCase):
    """No --token, no --cors-origin, default body limit; data in a file still."""

    TOKEN = None
    EXTRA_ARGS = ()

    def test_no_token_needed(self):
        self.new_db()

    def test_no_cors_headers_without_the_flag(self):
        response, _ = request(self.port, "OPTIONS", "/couch/", headers={
            "Origin": ALLOWED_ORIGIN, "Access-Control-Request-Method": "GET"})
        self.assertEqual(response.status, 403)
        self.assertIsNone(response.getheader("Access-Control-Allow-Origin"))
        response, _ = self.assert_status(200, "GET", "/couch/", headers={"Origin": ALLOWED_ORIGIN})
        self.assertIsNone(response.getheader("Access-Control-Allow-Origin"))

    def test_default_limit_allows_bodies_over_64k(self):
        db = self.new_db()
        self.put_doc(db, "big", {"pad": "x" * (MAX_BODY * 2)})


class StorageTests(unittest.TestCase):
    def setUp(self):
        self.tmp, self.site = make_site()
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.data = os.path.join(self.tmp, "durable.sqlite")

    def start(self, *args):
        proc, port, stderr_file = start_server(self.site, extra_args=("--quiet", *args))
        self.addCleanup(stderr_file.close)
        self.addCleanup(stop_server, proc)
        return proc, port

    def json_call(self, port, method, path, body=None, headers=None):
        response, raw = request(port, method, path, body, headers)
        return response.status, json.loads(raw) if raw else None

    def test_acknowledged_writes_survive_kill_9(self):
        proc, port = self.start("--data", self.data)
        self.assertEqual(self.json_call(port, "PUT", "/couch/tickets")[0], 201)
        status, result = self.json_call(port, "PUT", "/couch/tickets/t1", {"title": "durable"})
        self.assertEqual(status, 201)
        status, bulk = self.json_call(port, "POST", "/couch/tickets/_bulk_docs", {"docs": [{"_id": "t2"}]})
        self.assertEqual(status, 201)
        status, item = self.json_call(port, "POST", "/api/tickets", {"id": "r1", "title": "rest"})
        self.assertEqual(status, 201)
        proc.kill()  # SIGKILL right after the 201s: no chance to flush anything
        proc.wait(timeout=10)

        _proc, port = self.start("--data", self.data)
        status, doc = self.json_call(port, "GET", "/couch/tickets/t1")
        self.assertEqual((status, doc["_rev"], doc["title"]), (200, result["rev"], "durable"))
        status, doc = self.json_call(port, "GET", "/couch/tickets/t2")
        self.assertEqual((status, doc["_rev"]), (200, bulk[0]["rev"]))
        self.assertEqual(self.json_call(port, "GET", "/api/tickets/r1"), (200, item))
        status, feed = self.json_call(port, "GET", "/couch/tickets/_changes")
        self.assertEqual(feed["last_seq"], "2")

    def test_default_storage_is_in_memory(self):
        proc, port = self.start()
        before = sorted(os.listdir(self.tmp))
        self.assertEqual(self.json_call(port, "PUT", "/couch/mem")[0], 201)
        self.assertEqual(sorted(os.listdir(self.tmp)), before)
        stop_server(proc)
        _proc, port = self.start()
        self.assertEqual(self.json_call(port, "GET", "/couch/mem")[0], 404)

    def test_data_file_uses_wal(self):
        self.start("--data", self.data)
        with open(self.data, "rb") as f:
            header = f.read(20)
        self.assertEqual(header[18:20], b"\x02\x02")  # file format versions 2 = WAL

    def test_data_inside_the_served_folder_is_refused(self):
        result = subprocess.run(
            [sys.executable, SERVE_PY, "--port", "0", "--dir", self.site, "--data",
             os.path.join(self.site, "sync.sqlite")],
            capture_output=True, text=True, timeout=STARTUP_TIMEOUT)
        self.assertEqual(result.returncode, 2)
        self.assertIn("inside the served folder", result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertFalse(os.path.exists(os.path.join(self.site, "sync.sqlite")))

    def test_stdout_is_one_line_and_stderr_names_the_sync_routes(self):
        stderr_file = tempfile.TemporaryFile(mode="w+")
        self.addCleanup(stderr_file.close)
        proc = subprocess.Popen([sys.executable, SERVE_PY, "--port", "0", "--dir", self.site],
                                stdout=subprocess.PIPE, stderr=stderr_file, text=True)
        self.addCleanup(stop_server, proc)
        line = proc.stdout.readline()
        self.assertRegex(line, r"^Serving Tackboard from .+ at http://127\.0\.0\.1:\d+/\n$")
        proc.terminate()
        proc.wait(timeout=10)
        self.assertEqual(proc.stdout.read(), "")
        err = read_all(stderr_file)
        self.assertIn("/couch/", err)
        self.assertIn("memory", err)
        self.assertNotIn("Traceback", err)

    def test_custom_couch_prefix(self):
        _proc, port = self.start("--couch-prefix", "/sync/couch")
        self.assertEqual(self.json_call(port, "GET", "/sync/couch/")[1]["couchdb"], "Welcome")
        self.assertEqual(request(port, "GET", "/couch/")[0].status, 404)  # now just a static path


if __name__ == "__main__":
    unittest.main()
