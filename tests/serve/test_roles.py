"""Tests for serve.py's users and roles (--users): who may read and write what, on both protocols.

Run from the repository root:
    python3 -m unittest discover -s tests/serve -v

One serve.py per class (as in test_sync.py), started with a --users file naming two
requesters (alice, carol), an agent (bob) and a lead (lea). Each CouchDB test seeds its
own database as the lead: the board's settings and five tickets, alice's and carol's
interleaved, each with an internal comment the requesters must never see (every answer
to a requester is checked for it). REST tests create their own items the same way.
Start-up checks of the --users file run serve.py to its exit.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

from test_serve import SERVE_PY, make_site, read_all, start_server, stop_server
from test_sync import request

USERS = {
    "alice": {"token": "t-alice", "name": "alice@example.org", "role": "requester"},
    "carol": {"token": "t-carol", "name": "carol@example.org", "role": "requester"},
    "bob": {"token": "t-bob", "name": "bob", "role": "agent"},
    "lea": {"token": "t-lea", "name": "lea", "role": "lead"},
}
ALICE, CAROL = USERS["alice"]["name"], USERS["carol"]["name"]
# Never to be seen by a requester: any answer to one containing these fails.
INTERNAL_NOTE = "INTERNAL-NOTE-the-vendor-is-late"
CAROLS_TITLE = "CAROL-PRIVATE-salary-question"

SETTINGS_ONLY = "only a lead can change the board's settings"
OWN_NAME_ONLY = "a requester can only submit requests in their own name"
OWN_REQUESTS_ONLY = "a requester may only comment on, reopen or rate their own requests"
NO_DELETING = "only an agent or a lead can delete tickets"
MISSING = {"error": "not_found", "reason": "missing"}
REQUEST_FORM_SETTINGS = {"statuses", "types", "priorities", "labels", "default_type", "default_priority"}

SETTINGS = {
    "statuses": [{"id": "new", "name": "New", "category": "todo", "wip_limit": 0},
                 {"id": "doing", "name": "Doing", "category": "active", "wip_limit": 5},
                 {"id": "fixed", "name": "Fixed", "category": "done", "wip_limit": 0},
                 {"id": "closed", "name": "Closed", "category": "done", "wip_limit": 0}],
    "transitions": [],
    "priorities": [{"id": "normal", "name": "Normal", "colour": 4291862592, "response_minutes": 480,
                    "resolution_minutes": 4320}],
    "types": [{"id": "support", "name": "Support", "fields": [
        {"id": "category", "name": "Category", "kind": "select", "options": ["Access", "Other"], "required": False}]}],
    "labels": [{"name": "vip", "colour": 4278190335}],
    "members": [{"id": "bob", "name": "Bob", "skills": ["printers"], "capacity": 5}],
    "views": [{"name": "Mine", "query": "assignee:me"}],
    "default_type": "support",
    "default_priority": "normal",
    "automation": [{"name": "escalate", "when": "breached"}],
    "canned": [{"name": "thanks", "body": "Thanks!"}],
}


def ticket(requester, title="Printer on fire", status="new", **extra):
    """A ticket document as the client writes it, with an internal comment (and one added then removed)."""
    body = {
        "kind": "ticket", "type": "support", "title": title, "status": status, "priority": "normal",
        "requester": requester, "assignee": "bob", "created": 1000, "updated": 3000,
        "comments": [
            {"id": "c1", "author": requester, "at": 1000, "body": "It smokes", "internal": False},
            {"id": "c2", "author": "bob", "at": 2000, "body": INTERNAL_NOTE, "internal": True},
            {"id": "c3", "author": "bob", "at": 3000, "body": "On my way", "internal": False},
        ],
        "history": [
            {"at": 1000, "by": requester, "field": "created", "old": None, "new": title},
            {"at": 1000, "by": requester, "field": "comment", "old": None, "new": {"id": "c1", "internal": False}},
            {"at": 2000, "by": "bob", "field": "comment", "old": None, "new": {"id": "c2", "internal": True}},
            {"at": 2500, "by": "bob", "field": "comment", "old": None, "new": {"id": "c9", "internal": True}},
            {"at": 2600, "by": "bob", "field": "comment", "old": {"id": "c9"}, "new": None},
            {"at": 3000, "by": "bob", "field": "comment", "old": None, "new": {"id": "c3", "internal": False}},
        ],
        "clocks": {"title": "1000-0-dev1", "comment": "3000-0-dev2", "status": "1000-0-dev1"},
    }
    body.update(extra)
    return body


# What the app's create stamps with its clock (change.cpp, kPlainFields).
CREATE_CLOCKS = ("title", "description", "type", "status", "priority", "assignee", "requester", "labels", "due",
                 "satisfaction", "sprint")


def new_request(requester, title="Printer on fire", status="new", priority="normal", commented=False):
    """A new ticket as the app's request form and create write it, optionally with the requester's first comment."""
    body = {
        "kind": "ticket", "type": "support", "title": title, "description": "It smokes", "status": status,
        "priority": priority, "requester": requester, "fields": {"category": "Other"}, "created": 5000,
        "updated": 5000, "history": [{"at": 5000, "by": requester, "field": "created", "old": None, "new": title}],
        "clocks": {name: "5000-0-alicedevice" for name in CREATE_CLOCKS},
    }
    if commented:
        body["comments"] = [{"id": "c1", "author": requester, "at": 5100, "body": "Also the scanner", "internal": False}]
        body["history"].append({"at": 5100, "by": requester, "field": "comment", "old": None,
                                "new": {"id": "c1", "internal": False}})
        body["clocks"]["comment"] = "5100-0-alicedevice"
        body["updated"] = 5100
    return body


def public_history(body):
    """The history entries a requester may see of a ticket() body."""
    return [h for h in body["history"] if not (h["field"] == "comment" and
                                               ((h["new"] or {}).get("id") in ("c2", "c9") or
                                                (h["old"] or {}).get("id") in ("c2", "c9")))]


def without_meta(doc):
    return {key: value for key, value in doc.items() if key not in ("_id", "_rev")}


def write_users(folder, users, name="users.json"):
    path = os.path.join(folder, name)
    with open(path, "w", encoding="utf-8") as file:
        file.write(users if isinstance(users, str) else json.dumps(users))
    return path


class RolesTestCase(unittest.TestCase):
    """One serve.py with --users per class; `call(who, ...)` speaks as one of USERS (or nobody)."""

    @classmethod
    def setUpClass(cls):
        cls.tmp, cls.site = make_site()
        cls.addClassCleanup(shutil.rmtree, cls.tmp, ignore_errors=True)
        users = write_users(cls.tmp, {"users": list(USERS.values())})
        cls.proc, cls.port, cls.stderr_file = start_server(
            cls.site, extra_args=("--quiet", "--data", os.path.join(cls.tmp, "sync.sqlite"), "--users", users))
        cls.addClassCleanup(cls.stderr_file.close)
        cls.addClassCleanup(stop_server, cls.proc)

    def tearDown(self):
        self.assertIsNone(self.proc.poll(), "serve.py died; stderr:\n" + read_all(self.stderr_file))
        self.assertNotIn("Traceback", read_all(self.stderr_file))

    def call(self, who, method, path, body=None, headers=None, timeout=10):
        """(response, parsed JSON or None, raw bytes) of a request made by `who` (None: no token)."""
        headers = dict(headers or {})
        if who is not None:
            headers["Authorization"] = f"Bearer {USERS[who]['token']}"
        if body is not None:
            headers.setdefault("Content-Type", "application/json")
        response, raw = request(self.port, method, path, body, headers, timeout)
        parsed = json.loads(raw) if raw and response.getheader("Content-Type") == "application/json" else None
        if who in ("alice", "carol"):
            self.assertNotIn(INTERNAL_NOTE.encode(), raw, f"{who} was sent an internal comment by {method} {path}")
        if who == "alice":
            self.assertNotIn(CAROLS_TITLE.encode(), raw, f"alice was sent carol's ticket by {method} {path}")
        return response, parsed, raw

    def expect(self, status, who, method, path, body=None, headers=None):
        response, parsed, _ = self.call(who, method, path, body, headers)
        self.assertEqual(response.status, status, f"{who}: {method} {path} -> {response.status} {parsed}")
        return parsed

    def refused(self, who, method, path, body, reason):
        parsed = self.expect(403, who, method, path, body)
        self.assertEqual(parsed, {"error": "forbidden", "reason": reason})

    def board(self):
        """A database named after the test, seeded by the lead: settings and tickets t1..t5."""
        db = f"/couch/{self._testMethodName.lower()}"
        self.expect(201, "lea", "PUT", db)
        self.expect(201, "lea", "PUT", f"{db}/tackboard-config", {"kind": "config", "config": SETTINGS})
        self.expect(201, "lea", "PUT", f"{db}/t1", ticket(ALICE, "Alice one"))
        self.expect(201, "lea", "PUT", f"{db}/t2", ticket(CAROL, CAROLS_TITLE))
        self.expect(201, "lea", "PUT", f"{db}/t3", ticket(ALICE, "Alice three"))
        self.expect(201, "lea", "PUT", f"{db}/t4", ticket(CAROL, CAROLS_TITLE))
        self.expect(201, "lea", "PUT", f"{db}/t5", ticket(ALICE, "Alice five", status="fixed", resolved_at=4000))
        return db

    def stored(self, db, doc_id):
        return self.expect(200, "lea", "GET", f"{db}/{doc_id}")

    def assert_unchanged(self, db, doc_id, before):
        self.assertEqual(self.stored(db, doc_id), before, "a refused write changed the stored document")

    def assert_stripped(self, doc, original):
        """`doc` is `original` as a requester sees it: no internal comment, nor history about one."""
        self.assertEqual([c["id"] for c in doc["comments"]], ["c1", "c3"])
        self.assertEqual(doc["history"], public_history(original))
        self.assertEqual(doc["assignee"], "bob")


# ----- signing in ------------------------------------------------------------


class SignInTests(RolesTestCase):
    def test_missing_token_is_401_without_data(self):
        db = self.board()
        for method, path in (("GET", f"{db}/t1"), ("GET", f"{db}/_all_docs?include_docs=true"),
                             ("GET", f"{db}/_changes?include_docs=true"), ("GET", "/couch/_session"),
                             ("GET", "/api/tickets"), ("GET", "/api/me"), ("PUT", f"{db}/t9")):
            for headers in ({}, {"Authorization": "Basic dC1hbGljZQ=="}, {"Authorization": "Bearer "}):
                with self.subTest(path=path, headers=headers):
                    response, parsed, raw = self.call(None, method, path, headers=headers)
                    self.assertEqual(response.status, 401)
                    self.assertEqual(parsed, {"error": "unauthorized", "reason": "this server needs a sign-in token"})
                    self.assertTrue(response.getheader("WWW-Authenticate").startswith("Bearer"))
                    self.assertNotIn(b"Alice", raw)

    def test_unknown_token_is_401_without_data(self):
        db = self.board()
        for token in ("t-nobody", "t-alicex", "T-ALICE", "t-alic"):
            for path in (f"{db}/t1", f"{db}/_all_docs?include_docs=true", "/api/tickets", "/api/me"):
                with self.subTest(token=token, path=path):
                    response, parsed, raw = self.call(None, "GET", path, headers={"Authorization": f"Bearer {token}"})
                    self.assertEqual(response.status, 401)
                    self.assertEqual(parsed, {"error": "unauthorized",
                                              "reason": "this token is not known to this server"})
                    self.assertNotIn(b"Alice", raw)

    def test_static_files_stay_public(self):
        response, _ = request(self.port, "GET", "/index.html")
        self.assertEqual(response.status, 200)

    def test_session_and_me_name_each_user(self):
        for who, user in USERS.items():
            with self.subTest(who=who):
                session = self.expect(200, who, "GET", "/couch/_session")
                self.assertEqual(session, {"ok": True, "userCtx": {"name": user["name"], "roles": [user["role"]]}})
                me = self.expect(200, who, "GET", "/api/me")
                self.assertEqual(me, {"name": user["name"], "role": user["role"]})


class WithoutUsersTests(unittest.TestCase):
    """Without --users the one user is the board's owner, with or without --token."""

    def test_owner_is_admin_and_lead(self):
        tmp, site = make_site()
        self.addCleanup(shutil.rmtree, tmp, ignore_errors=True)
        for args, headers in (((), {}), (("--token", "s3cret"), {"Authorization": "Bearer s3cret"})):
            with self.subTest(args=args):
                proc, port, stderr_file = start_server(site, extra_args=("--quiet", *args))
                try:
                    response, raw = request(port, "GET", "/couch/_session", headers=headers)
                    self.assertEqual((response.status, json.loads(raw)),
                                     (200, {"ok": True, "userCtx": {"name": None, "roles": ["_admin"]}}))
                    response, raw = request(port, "GET", "/api/me", headers=headers)
                    self.assertEqual((response.status, json.loads(raw)), (200, {"name": None, "role": "lead"}))
                    # The owner may write the board's settings.
                    request(port, "PUT", "/couch/owner", headers=headers)
                    response, raw = request(port, "PUT", "/couch/owner/tackboard-config",
                                            json.dumps({"kind": "config", "config": SETTINGS}).encode(), headers)
                    self.assertEqual(response.status, 201, raw)
                    if args:
                        response, raw = request(port, "GET", "/api/me", headers={"Authorization": "Bearer nope"})
                        self.assertEqual(json.loads(raw)["reason"], "this token is not known to this server")
                finally:
                    stop_server(proc)
                    stderr_file.close()


class OlderDataFileTests(unittest.TestCase):
    """A --data file written before roles existed: its tickets are indexed by requester on start."""

    def test_requesters_see_their_tickets_from_an_older_data_file(self):
        tmp, site = make_site()
        self.addCleanup(shutil.rmtree, tmp, ignore_errors=True)
        data = os.path.join(tmp, "old.sqlite")
        proc, port, stderr_file = start_server(site, extra_args=("--quiet", "--data", data))
        try:
            for path, body in (("/couch/old", None), ("/couch/old/t1", ticket(ALICE)), ("/couch/old/t2", ticket(CAROL))):
                response, raw = request(port, "PUT", path, json.dumps(body).encode() if body else None)
                self.assertEqual(response.status, 201, raw)
        finally:
            stop_server(proc)
            stderr_file.close()
        with sqlite3.connect(data) as connection:  # as an older serve.py left it
            connection.execute("DROP TABLE couch_requesters")
        users = write_users(tmp, {"users": list(USERS.values())})
        proc, port, stderr_file = start_server(site, extra_args=("--quiet", "--data", data, "--users", users))
        try:
            response, raw = request(port, "GET", "/couch/old/_all_docs",
                                    headers={"Authorization": f"Bearer {USERS['alice']['token']}"})
            self.assertEqual([row["id"] for row in json.loads(raw)["rows"]], ["t1"])
        finally:
            stop_server(proc)
            stderr_file.close()


class UsersFileTests(unittest.TestCase):
    """Bad --users files are refused at start with a message saying what is wrong, and exit status 2."""

    def start(self, *args):
        tmp, site = make_site()
        self.addCleanup(shutil.rmtree, tmp, ignore_errors=True)
        self.folder = tmp
        return site

    def run_server(self, site, *args):
        return subprocess.run([sys.executable, SERVE_PY, "--port", "0", "--dir", site, *args],
                              capture_output=True, text=True, timeout=20)

    def test_bad_users_files_are_refused_at_start(self):
        site = self.start()
        good = {"token": "t-1", "name": "bob", "role": "agent"}
        cases = [
            ("not JSON", "{users: [", "is not valid JSON"),
            ("not an object", "[]", 'needs a non-empty "users" list'),
            ("no users", {"people": [good]}, 'needs a non-empty "users" list'),
            ("empty list", {"users": []}, 'needs a non-empty "users" list'),
            ("entry not an object", {"users": ["bob"]}, "user 1 in"),
            ("no token", {"users": [{"name": "bob", "role": "agent"}]}, 'user 1 in'),
            ("empty token", {"users": [{**good, "token": ""}]}, 'needs a non-empty "token"'),
            ("token with a space", {"users": [{**good, "token": "t 1"}]}, "no spaces"),
            ("token with a colon", {"users": [{**good, "token": "bob:pw"}]}, "may not contain ':'"),
            ("same token twice", {"users": [good, {**good, "name": "eve"}]}, "user 2 in"),
            ("empty name", {"users": [{**good, "name": "  "}]}, 'needs a non-empty "name"'),
            ("name not text", {"users": [{**good, "name": 7}]}, 'needs a non-empty "name"'),
            ("unknown role", {"users": [{**good, "role": "admin"}]}, "use requester, agent or lead"),
            ("no role", {"users": [{"token": "t-1", "name": "bob"}]}, "use requester, agent or lead"),
        ]
        for what, content, message in cases:
            with self.subTest(what=what):
                path = write_users(self.folder, content, f"{what.replace(' ', '-')}.json")
                result = self.run_server(site, "--users", path)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(message, result.stderr)
                self.assertTrue(result.stderr.startswith("serve.py: --users: "), result.stderr)
                self.assertEqual(result.stdout, "")
        with self.subTest(what="same token twice says so"):
            path = write_users(self.folder, {"users": [good, {**good, "name": "eve"}]}, "twice.json")
            self.assertIn("same token as user 1", self.run_server(site, "--users", path).stderr)

    def test_missing_file_and_token_together_are_refused(self):
        site = self.start()
        result = self.run_server(site, "--users", os.path.join(self.folder, "nope.json"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("cannot read", result.stderr)
        path = write_users(self.folder, {"users": [{"token": "t-1", "name": "bob", "role": "agent"}]})
        result = self.run_server(site, "--users", path, "--token", "s3cret")
        self.assertEqual(result.returncode, 2)
        self.assertIn("not both", result.stderr)
        self.assertEqual(result.stdout, "")


# ----- a requester reading (CouchDB) ----------------------------------------------


class RequesterReadTests(RolesTestCase):
    def test_all_docs_lists_only_own_tickets_and_the_settings(self):
        db = self.board()
        listing = self.expect(200, "alice", "GET", f"{db}/_all_docs?include_docs=true")
        self.assertEqual([row["id"] for row in listing["rows"]], ["t1", "t3", "t5", "tackboard-config"])
        self.assertEqual(listing["total_rows"], 4)
        docs = {row["id"]: row["doc"] for row in listing["rows"]}
        self.assert_stripped(docs["t1"], ticket(ALICE, "Alice one"))
        self.assertEqual(set(docs["tackboard-config"]["config"]), REQUEST_FORM_SETTINGS)
        listing = self.expect(200, "carol", "GET", f"{db}/_all_docs")
        self.assertEqual([row["id"] for row in listing["rows"]], ["t2", "t4", "tackboard-config"])

    def test_all_docs_limit_skip_and_keys_count_only_what_is_visible(self):
        db = self.board()
        page = self.expect(200, "alice", "GET", f"{db}/_all_docs?skip=1&limit=2")
        self.assertEqual([row["id"] for row in page["rows"]], ["t3", "t5"])
        self.assertEqual((page["offset"], page["total_rows"]), (1, 4))
        keys = urllib.parse.quote(json.dumps(["t3", "t2", "nothing", "t1"]))
        page = self.expect(200, "alice", "GET", f"{db}/_all_docs?include_docs=true&keys={keys}")
        self.assertEqual([row.get("id") or row for row in page["rows"]],
                         ["t3", {"key": "t2", "error": "not_found"}, {"key": "nothing", "error": "not_found"}, "t1"])
        self.assert_stripped(page["rows"][0]["doc"], ticket(ALICE, "Alice three"))
        # An agent sees all of them, internal comments included.
        page = self.expect(200, "bob", "GET", f"{db}/_all_docs?include_docs=true&keys={keys}")
        self.assertEqual(page["rows"][1]["doc"]["title"], CAROLS_TITLE)
        self.assertEqual([c["id"] for c in page["rows"][0]["doc"]["comments"]], ["c1", "c2", "c3"])

    def test_changes_list_only_own_tickets_while_last_seq_advances(self):
        db = self.board()
        # The last change is one alice may not see.
        self.expect(201, "lea", "PUT", f"{db}/t4", {**self.stored(db, "t4"), "priority": "high"})
        everything = self.expect(200, "lea", "GET", f"{db}/_changes")
        changes = self.expect(200, "alice", "GET", f"{db}/_changes?include_docs=true")
        self.assertEqual([c["id"] for c in changes["results"]], ["tackboard-config", "t1", "t3", "t5"])
        self.assertEqual(changes["last_seq"], everything["last_seq"])
        self.assertEqual(changes["pending"], 0)
        docs = {c["id"]: c["doc"] for c in changes["results"]}
        self.assert_stripped(docs["t3"], ticket(ALICE, "Alice three"))
        self.assertEqual(set(docs["tackboard-config"]["config"]), REQUEST_FORM_SETTINGS)
        # Paging: the limit counts what alice sees; pending too.
        page = self.expect(200, "alice", "GET", f"{db}/_changes?limit=2")
        self.assertEqual([c["id"] for c in page["results"]], ["tackboard-config", "t1"])
        self.assertEqual(page["pending"], 2)
        page = self.expect(200, "alice", "GET", f"{db}/_changes?limit=2&since={page['last_seq']}")
        self.assertEqual([c["id"] for c in page["results"]], ["t3", "t5"])
        # A change alice may not see moves last_seq on but lists nothing.
        before = page["last_seq"]
        self.expect(201, "lea", "PUT", f"{db}/t2", {**self.stored(db, "t2"), "title": CAROLS_TITLE + "!"})
        page = self.expect(200, "alice", "GET", f"{db}/_changes?since={before}")
        self.assertEqual(page["results"], [])
        self.assertEqual(page["last_seq"], self.expect(200, "lea", "GET", f"{db}/_changes")["last_seq"])
        self.assertGreater(int(page["last_seq"]), int(before))

    def test_longpoll_wakes_only_for_own_tickets(self):
        db = self.board()
        since = self.expect(200, "alice", "GET", f"{db}/_changes")["last_seq"]
        # Only carol's ticket changes: alice's long poll runs to its timeout and lists nothing.
        self.expect(201, "lea", "PUT", f"{db}/t4", {**self.stored(db, "t4"), "priority": "high"})
        started = time.monotonic()
        page = self.expect(200, "alice", "GET", f"{db}/_changes?feed=longpoll&timeout=800&since={since}")
        self.assertGreaterEqual(time.monotonic() - started, 0.7)
        self.assertEqual(page["results"], [])
        self.assertGreater(int(page["last_seq"]), int(since))
        # While waiting, carol's change passes by; alice's own wakes her with only that change.
        answer = {}
        since = page["last_seq"]

        def wait():
            answer["page"] = self.expect(200, "alice", "GET",
                                         f"{db}/_changes?feed=longpoll&include_docs=true&timeout=8000&since={since}")

        waiter = threading.Thread(target=wait)
        waiter.start()
        time.sleep(0.3)
        self.expect(201, "lea", "PUT", f"{db}/t2", {**self.stored(db, "t2"), "priority": "high"})
        time.sleep(0.3)
        self.assertTrue(waiter.is_alive(), "alice's long poll woke for carol's ticket")
        self.expect(201, "bob", "PUT", f"{db}/t1", {**self.stored(db, "t1"), "priority": "high"})
        waiter.join(10)
        self.assertEqual([c["id"] for c in answer["page"]["results"]], ["t1"])
        self.assert_stripped(answer["page"]["results"][0]["doc"], ticket(ALICE, "Alice one"))

    def test_doc_get_of_another_requesters_ticket_is_404_missing(self):
        db = self.board()
        self.assertEqual(self.expect(404, "alice", "GET", f"{db}/t2"), MISSING)
        self.assertEqual(self.expect(404, "alice", "GET", f"{db}/no-such-ticket"), MISSING)
        self.assertEqual(self.expect(404, "alice", "HEAD", f"{db}/t2"), None)
        doc = self.expect(200, "alice", "GET", f"{db}/t1")
        self.assert_stripped(doc, ticket(ALICE, "Alice one"))
        self.assertEqual(self.expect(200, "carol", "GET", f"{db}/t2")["title"], CAROLS_TITLE)

    def test_settings_are_stripped_to_the_request_form(self):
        db = self.board()
        doc = self.expect(200, "alice", "GET", f"{db}/tackboard-config")
        self.assertEqual(without_meta(doc),
                         {"kind": "config", "config": {key: SETTINGS[key] for key in REQUEST_FORM_SETTINGS}})
        self.assertEqual(self.expect(200, "bob", "GET", f"{db}/tackboard-config")["config"], SETTINGS)

    def test_deletion_of_own_ticket_reaches_the_requester_and_others_do_not(self):
        db = self.board()
        since = self.expect(200, "alice", "GET", f"{db}/_changes")["last_seq"]
        self.expect(200, "bob", "DELETE", f"{db}/t3?rev={self.stored(db, 't3')['_rev']}")
        self.expect(200, "bob", "DELETE", f"{db}/t4?rev={self.stored(db, 't4')['_rev']}")
        changes = self.expect(200, "alice", "GET", f"{db}/_changes?include_docs=true&since={since}")
        self.assertEqual([(c["id"], c.get("deleted")) for c in changes["results"]], [("t3", True)])
        self.assertEqual(self.expect(404, "alice", "GET", f"{db}/t3")["reason"], "deleted")
        self.assertEqual(self.expect(404, "alice", "GET", f"{db}/t4"), MISSING)

    def test_database_info_counts_what_the_user_sees(self):
        db = self.board()
        self.assertEqual(self.expect(200, "alice", "GET", db)["doc_count"], 4)
        self.assertEqual(self.expect(200, "bob", "GET", db)["doc_count"], 6)


# ----- a requester writing (CouchDB) ----------------------------------------------


class RequesterWriteTests(RolesTestCase):
    def comment(self, doc, comment_id="c4", author=ALICE, internal=False, body="Still smoking"):
        """`doc` as alice's client sends it after adding a comment."""
        doc = dict(doc)
        doc["comments"] = doc["comments"] + [
            {"id": comment_id, "author": author, "at": 5000, "body": body, "internal": internal}]
        doc["history"] = doc["history"] + [
            {"at": 5000, "by": author, "field": "comment", "old": None, "new": {"id": comment_id, "internal": internal}}]
        doc["clocks"] = {**doc["clocks"], "comment": "5000-0-alice"}
        doc["updated"] = 5000
        return doc

    def test_comment_is_stored_and_internal_comments_survive(self):
        db = self.board()
        seen = self.expect(200, "alice", "GET", f"{db}/t1")
        sent = self.comment(seen)
        result = self.expect(201, "alice", "PUT", f"{db}/t1", sent)
        stored = self.stored(db, "t1")
        self.assertEqual(stored["_rev"], result["rev"])
        self.assertEqual([c["id"] for c in stored["comments"]], ["c1", "c2", "c3", "c4"])
        self.assertEqual(stored["comments"][1]["body"], INTERNAL_NOTE)
        self.assertEqual([h["at"] for h in stored["history"]], [1000, 1000, 2000, 2500, 2600, 3000, 5000])
        self.assertEqual(stored["clocks"]["comment"], "5000-0-alice")
        # What alice reads back is exactly what she sent.
        self.assertEqual(without_meta(self.expect(200, "alice", "GET", f"{db}/t1")), without_meta(sent))

    def test_reopen_from_a_done_status_is_stored(self):
        db = self.board()
        seen = self.expect(200, "alice", "GET", f"{db}/t5")
        sent = {**seen, "status": "new", "updated": 6000, "clocks": {**seen["clocks"], "status": "6000-0-alice",
                                                                      "resolved_at": "6000-0-alice"},
                "history": seen["history"] + [{"at": 6000, "by": ALICE, "field": "status", "old": "fixed",
                                               "new": "new", "note": "reopened: it came back"}]}
        del sent["resolved_at"]
        self.expect(201, "alice", "PUT", f"{db}/t5", sent)
        stored = self.stored(db, "t5")
        self.assertEqual((stored["status"], stored.get("resolved_at")), ("new", None))
        self.assertEqual(stored["comments"][1]["body"], INTERNAL_NOTE)

    def test_status_changes_other_than_reopening_are_403(self):
        db = self.board()
        for doc_id, status in (("t1", "closed"), ("t1", "doing"), ("t5", "closed"), ("t5", "nonsense")):
            with self.subTest(doc_id=doc_id, status=status):
                before = self.stored(db, doc_id)
                seen = self.expect(200, "alice", "GET", f"{db}/{doc_id}")
                self.refused("alice", "PUT", f"{db}/{doc_id}", {**seen, "status": status}, OWN_REQUESTS_ONLY)
                self.assert_unchanged(db, doc_id, before)

    def test_rating_is_stored(self):
        db = self.board()
        seen = self.expect(200, "alice", "GET", f"{db}/t5")
        self.expect(201, "alice", "PUT", f"{db}/t5", {
            **seen, "satisfaction": 4, "clocks": {**seen["clocks"], "satisfaction": "7000-0-alice"},
            "history": seen["history"] + [{"at": 7000, "by": ALICE, "field": "satisfaction", "old": None, "new": 4}]})
        stored = self.stored(db, "t5")
        self.assertEqual(stored["satisfaction"], 4)
        self.assertEqual(len(stored["comments"]), 3)
        seen = self.expect(200, "alice", "GET", f"{db}/t5")
        self.refused("alice", "PUT", f"{db}/t5", {**seen, "satisfaction": 9}, OWN_REQUESTS_ONLY)

    def test_other_changes_are_403_and_nothing_is_stored(self):
        db = self.board()
        before = self.stored(db, "t1")
        seen = self.expect(200, "alice", "GET", f"{db}/t1")
        edits = {
            "title": {**seen, "title": "Urgent!!"},
            "assignee": {**seen, "assignee": "alice@example.org"},
            "assignee removed": {key: value for key, value in seen.items() if key != "assignee"},
            "priority": {**seen, "priority": "urgent"},
            "requester": {**seen, "requester": CAROL},
            "labels": {**seen, "labels": ["vip"]},
            "soft delete": {**seen, "deleted": True},
            "internal comment": self.comment(seen, internal=True),
            "comment as someone else": self.comment(seen, author="bob"),
            "comment reusing a hidden id": self.comment(seen, comment_id="c2"),
            "edited comment": {**seen, "comments": [{**seen["comments"][0], "body": "edited"}, seen["comments"][1]]},
            "dropped comment": {**seen, "comments": seen["comments"][:1]},
            "dropped history": {**seen, "history": seen["history"][1:]},
            "forged history": {**seen, "history": seen["history"] + [
                {"at": 1, "by": "bob", "field": "priority", "old": "normal", "new": "low"}]},
            "title clock": {**seen, "clocks": {**seen["clocks"], "title": "9999-0-alice"}},
            "first response": {**seen, "first_response_at": 1},
            "resolved without reopening": {**seen, "resolved_at": 7000},
        }
        for what, doc in edits.items():
            with self.subTest(what=what):
                self.refused("alice", "PUT", f"{db}/t1", doc, OWN_REQUESTS_ONLY)
        self.assert_unchanged(db, "t1", before)

    def test_stale_rev_is_a_conflict_before_anything_else(self):
        db = self.board()
        seen = self.expect(200, "alice", "GET", f"{db}/t1")
        self.expect(201, "bob", "PUT", f"{db}/t1", {**self.stored(db, "t1"), "title": "Renamed by bob"})
        self.assertEqual(self.expect(409, "alice", "PUT", f"{db}/t1", self.comment(seen))["error"], "conflict")

    def test_creating_a_ticket_only_in_own_name(self):
        db = self.board()
        self.refused("alice", "PUT", f"{db}/t9", ticket(CAROL, "For carol"), OWN_NAME_ONLY)
        self.refused("alice", "POST", db, {**ticket(CAROL), "_id": "t10"}, OWN_NAME_ONLY)
        self.refused("alice", "PUT", f"{db}/n1", {"kind": "note", "requester": ALICE}, OWN_NAME_ONLY)
        self.assertEqual(self.expect(404, "lea", "GET", f"{db}/t9"), MISSING)
        self.expect(201, "alice", "PUT", f"{db}/t9", new_request(ALICE, "New request"))
        self.assertEqual(self.expect(200, "bob", "GET", f"{db}/t9")["title"], "New request")
        self.assertIn("t9", [row["id"] for row in self.expect(200, "alice", "GET", f"{db}/_all_docs")["rows"]])

    def test_another_requesters_ticket_cannot_be_written(self):
        db = self.board()
        before = self.stored(db, "t2")
        self.refused("alice", "PUT", f"{db}/t2", {**ticket(ALICE, "Mine now"), "_rev": before["_rev"]},
                     OWN_REQUESTS_ONLY)
        self.assert_unchanged(db, "t2", before)

    def test_deleting_is_403(self):
        db = self.board()
        rev = self.stored(db, "t1")["_rev"]
        self.refused("alice", "DELETE", f"{db}/t1?rev={rev}", None, NO_DELETING)
        self.refused("alice", "DELETE", f"{db}/t2?rev={rev}", None, NO_DELETING)
        self.refused("alice", "PUT", f"{db}/t1", {"_rev": rev, "_deleted": True}, NO_DELETING)
        self.assertEqual(self.stored(db, "t1")["_rev"], rev)

    def test_settings_and_databases_are_403(self):
        db = self.board()
        rev = self.stored(db, "tackboard-config")["_rev"]
        self.refused("alice", "PUT", f"{db}/tackboard-config", {"_rev": rev, "kind": "config", "config": SETTINGS},
                     SETTINGS_ONLY)
        self.refused("alice", "PUT", "/couch/alices_own_db", None,
                     "only an agent or a lead can create the board's database")
        self.assertEqual(self.stored(db, "tackboard-config")["_rev"], rev)

    def test_bulk_docs_refuses_per_document_and_stores_the_rest(self):
        db = self.board()
        seen = self.expect(200, "alice", "GET", f"{db}/t1")
        t3 = self.expect(200, "alice", "GET", f"{db}/t3")
        before_t3 = self.stored(db, "t3")
        docs = [self.comment(seen), ticket(CAROL, "Carol by alice", _id="t20"), {**t3, "title": "Renamed"},
                {**new_request(ALICE, "Via bulk"), "_id": "t21"},
                {"_id": "tackboard-config", "_rev": self.stored(db, "tackboard-config")["_rev"], "kind": "config",
                 "config": {}},
                {"_id": "t5", "_rev": self.stored(db, "t5")["_rev"], "_deleted": True}]
        results = self.expect(201, "alice", "POST", f"{db}/_bulk_docs", {"docs": docs})
        self.assertEqual([(r["id"], r.get("error"), r.get("reason")) for r in results], [
            ("t1", None, None), ("t20", "forbidden", OWN_NAME_ONLY), ("t3", "forbidden", OWN_REQUESTS_ONLY),
            ("t21", None, None), ("tackboard-config", "forbidden", SETTINGS_ONLY), ("t5", "forbidden", NO_DELETING)])
        self.assertEqual(self.stored(db, "t1")["_rev"], results[0]["rev"])
        self.assertEqual(len(self.stored(db, "t1")["comments"]), 4)
        self.assert_unchanged(db, "t3", before_t3)
        self.assertEqual(self.expect(404, "lea", "GET", f"{db}/t20"), MISSING)
        self.assertEqual(self.stored(db, "t21")["title"], "Via bulk")

    def test_replicating_with_new_edits_false_is_403(self):
        db = self.board()
        doc = {**ticket(ALICE, "Replicated"), "_id": "t30", "_rev": "1-" + "a" * 32}
        self.refused("alice", "POST", f"{db}/_bulk_docs", {"docs": [doc], "new_edits": False},
                     "a requester sends changes as new edits; new_edits=false is for agents and leads")
        self.assertEqual(self.expect(404, "lea", "GET", f"{db}/t30"), MISSING)


# ----- a requester's new ticket ---------------------------------------------------


def forged(requester=ALICE):
    """Per part a request form cannot set: (a new request with it, the reason it is refused)."""
    mine = new_request(requester)
    comment = {"id": "c1", "author": requester, "at": 5100, "body": "psst", "internal": False}
    said = {"at": 5100, "by": requester, "field": "comment", "old": None, "new": {"id": "c1", "internal": False}}
    return {
        "assignee": ({**mine, "assignee": "bob"}, "a requester cannot assign a new request; leave the assignee empty"),
        "priority": ({**mine, "priority": "urgent"},
                     "a requester cannot choose the priority of a new request; leave the board's default"),
        "label": ({**mine, "labels": ["vip"]}, "a requester cannot label a new request; the team adds labels"),
        "sprint": ({**mine, "sprint": "s1"}, "a requester cannot put a new request in a sprint"),
        "link": ({**mine, "links": [{"kind": "relates", "target": "t2"}]},
                 "a requester cannot link a new request to other tickets"),
        "due date": ({**mine, "due": 9000}, "a requester cannot give a new request a due date"),
        "internal comment": ({**mine, "comments": [{**comment, "internal": True}]},
                             "a requester cannot write internal comments; they are for the team"),
        "history about an internal comment": ({**mine, "history": mine["history"] + [
            {**said, "new": {"id": "c1", "internal": True}}]},
            "a requester cannot write internal comments; they are for the team"),
        "comment by someone else": ({**mine, "comments": [{**comment, "author": "bob"}],
                                     "history": mine["history"] + [said]},
                                    "a new request can only hold comments written by the requester"),
        "done status": ({**mine, "status": "fixed"},
                        "a new request starts in the board's first status or a to-do one; the team moves it on"),
        "active status": ({**mine, "status": "doing"},
                          "a new request starts in the board's first status or a to-do one; the team moves it on"),
        "satisfaction": ({**mine, "satisfaction": 5}, "a new request cannot be rated yet; rate it once it is resolved"),
        "resolved_at": ({**mine, "resolved_at": 5000}, "a new request cannot be resolved already"),
        "history by someone else": ({**mine, "history": mine["history"] + [
            {"at": 5200, "by": "bob", "field": "priority", "old": "normal", "new": "low"}]},
            "a new request's history can only record what the requester did"),
        "unknown member": ({**mine, "escalated": True}, "a new request can only hold what a request form sets"),
    }


class NewRequestTests(RolesTestCase):
    """A requester's new ticket holds only what the app's request form sets; agents and leads are not held to it."""

    def rest_body(self, doc, item_id):
        return {**{key: value for key, value in doc.items() if key != "kind"}, "id": item_id}

    def test_a_request_as_the_app_makes_it_is_stored_by_every_route(self):
        db = self.board()
        for commented in (False, True):
            with self.subTest(commented=commented):
                doc = new_request(ALICE, f"By PUT {commented}", commented=commented)
                self.expect(201, "alice", "PUT", f"{db}/put-{commented}", doc)
                self.assertEqual(without_meta(self.stored(db, f"put-{commented}")), doc)
                self.expect(201, "alice", "POST", db, {**doc, "_id": f"post-{commented}"})
                results = self.expect(201, "alice", "POST", f"{db}/_bulk_docs",
                                      {"docs": [{**doc, "_id": f"bulk-{commented}"}]})
                self.assertTrue(results[0]["ok"], results)
                self.expect(201, "alice", "POST", "/api/tickets", self.rest_body(doc, f"rest-post-{commented}"))
                self.expect(201, "alice", "PUT", f"/api/tickets/rest-put-{commented}",
                            self.rest_body(doc, f"rest-put-{commented}"))
        # Empty members are the same as absent ones; the priority may be left out.
        empty = {**new_request(ALICE), "assignee": "", "labels": [], "sprint": "", "satisfaction": 0, "comments": []}
        del empty["priority"]
        self.expect(201, "alice", "PUT", f"{db}/empty", empty)

    def test_each_part_a_form_cannot_set_is_refused_and_nothing_stored(self):
        db = self.board()
        for what, (doc, reason) in forged().items():
            with self.subTest(what=what):
                doc_id = "forged-" + what.replace(" ", "-")
                self.refused("alice", "PUT", f"{db}/{doc_id}", doc, reason)
                self.refused("alice", "POST", db, {**doc, "_id": doc_id}, reason)
                results = self.expect(201, "alice", "POST", f"{db}/_bulk_docs", {"docs": [{**doc, "_id": doc_id}]})
                self.assertEqual(results, [{"id": doc_id, "error": "forbidden", "reason": reason}])
                self.assertEqual(self.expect(404, "lea", "GET", f"{db}/{doc_id}"), MISSING)

    def test_rest_refuses_the_same_parts_and_stores_nothing(self):
        for what, (doc, reason) in forged().items():
            with self.subTest(what=what):
                item_id = "rest-forged-" + what.replace(" ", "-")
                if what == "active status":  # a REST board has no settings: Tackboard's default board's
                    doc = {**doc, "status": "in_progress"}
                if what == "done status":
                    doc = {**doc, "status": "resolved"}
                self.refused("alice", "POST", "/api/tickets", self.rest_body(doc, item_id), reason)
                self.refused("alice", "PUT", f"/api/tickets/{item_id}", self.rest_body(doc, item_id), reason)
                self.assertEqual(self.expect(404, "lea", "GET", f"/api/tickets/{item_id}"), MISSING)

    def test_the_start_comes_from_the_boards_settings(self):
        db = f"/couch/{self._testMethodName.lower()}"
        self.expect(201, "lea", "PUT", db)
        # Without a settings document: Tackboard's default board's first status and priority.
        self.expect(201, "alice", "PUT", f"{db}/a1", new_request(ALICE))
        self.refused("alice", "PUT", f"{db}/a2", new_request(ALICE, priority="low"),
                     "a requester cannot choose the priority of a new request; leave the board's default")
        statuses = [{"id": "intake", "name": "Intake", "category": "active"},  # first: where the app creates
                    {"id": "open", "name": "Open"},  # no category: a to-do status, as the app reads it
                    {"id": "inbox", "name": "Inbox", "category": "todo"},
                    {"id": "new", "name": "New", "category": "active"}]
        self.expect(201, "lea", "PUT", f"{db}/tackboard-config",
                    {"kind": "config", "config": {**SETTINGS, "statuses": statuses, "default_priority": "low"}})
        self.expect(201, "alice", "PUT", f"{db}/a0", new_request(ALICE, status="intake", priority="low"))
        self.expect(201, "alice", "PUT", f"{db}/a3", new_request(ALICE, status="open", priority="low"))
        self.expect(201, "alice", "PUT", f"{db}/a4", new_request(ALICE, status="inbox", priority="low"))
        self.refused("alice", "PUT", f"{db}/a5", new_request(ALICE, status="new", priority="low"),
                     "a new request starts in the board's first status or a to-do one; the team moves it on")
        self.refused("alice", "PUT", f"{db}/a6", new_request(ALICE, status="open", priority="normal"),
                     "a requester cannot choose the priority of a new request; leave the board's default")

    def test_agents_and_leads_create_tickets_with_any_part(self):
        db = self.board()
        for who in ("bob", "lea"):
            for what, (doc, _reason) in forged().items():
                with self.subTest(who=who, what=what):
                    doc_id = f"{who}-" + what.replace(" ", "-")
                    self.expect(201, who, "PUT", f"{db}/{doc_id}", doc)
                    self.expect(201, who, "POST", "/api/tickets", self.rest_body(doc, doc_id))
        self.expect(201, "bob", "PUT", f"{db}/bob-everything", ticket(CAROL, "Opened for carol", labels=["vip"]))


# ----- agents and leads -----------------------------------------------------------


class AgentAndLeadTests(RolesTestCase):
    def test_agent_cannot_write_the_settings_and_a_lead_can(self):
        db = self.board()
        rev = self.stored(db, "tackboard-config")["_rev"]
        changed = {"_rev": rev, "kind": "config", "config": {**SETTINGS, "default_priority": "urgent"}}
        self.refused("bob", "PUT", f"{db}/tackboard-config", changed, SETTINGS_ONLY)
        self.refused("bob", "DELETE", f"{db}/tackboard-config?rev={rev}", None, SETTINGS_ONLY)
        results = self.expect(201, "bob", "POST", f"{db}/_bulk_docs", {"docs": [{**changed, "_id": "tackboard-config"}]})
        self.assertEqual(results, [{"id": "tackboard-config", "error": "forbidden", "reason": SETTINGS_ONLY}])
        results = self.expect(201, "bob", "POST", f"{db}/_bulk_docs", {"new_edits": False, "docs": [
            {**changed, "_id": "tackboard-config", "_rev": "9-" + "b" * 32}]})
        self.assertEqual(results, [{"id": "tackboard-config", "error": "forbidden", "reason": SETTINGS_ONLY}])
        self.assertEqual(self.stored(db, "tackboard-config")["_rev"], rev)
        self.expect(201, "lea", "PUT", f"{db}/tackboard-config", changed)
        self.assertEqual(self.stored(db, "tackboard-config")["config"]["default_priority"], "urgent")

    def test_agent_works_every_ticket(self):
        db = self.board()
        t2 = self.expect(200, "bob", "GET", f"{db}/t2")
        self.expect(201, "bob", "PUT", f"{db}/t2", {**t2, "title": "Renamed", "assignee": "bob", "comments": t2[
            "comments"] + [{"id": "c5", "author": "bob", "at": 1, "body": "psst", "internal": True}]})
        self.expect(200, "bob", "DELETE", f"{db}/t4?rev={self.stored(db, 't4')['_rev']}")
        self.expect(201, "bob", "PUT", f"{db}/t40", ticket(CAROL, "Opened for carol"))
        self.expect(201, "bob", "PUT", "/couch/bobs_board")


# ----- REST ---------------------------------------------------------------------


class RestRoleTests(RolesTestCase):
    def item(self, item_id, requester, **extra):
        """Create a REST ticket as the lead; return it."""
        body = {key: value for key, value in ticket(requester, **extra).items() if key != "kind"}
        response, parsed, _ = self.call("lea", "POST", "/api/tickets", {**body, "id": item_id})
        self.assertEqual(response.status, 201, parsed)
        return parsed

    def put(self, who, item, status, body=None):
        response, parsed, _ = self.call(who, "PUT", f"/api/tickets/{item['id']}", body if body is not None else item,
                                        headers={"If-Match": f'"{item["version"]}"'})
        self.assertEqual(response.status, status, parsed)
        return parsed

    def lead_view(self, item_id):
        return self.expect(200, "lea", "GET", f"/api/tickets/{item_id}")

    def test_list_and_get_show_only_own_tickets_stripped(self):
        self.item("rest-a1", ALICE)
        self.item("rest-c1", CAROL, title=CAROLS_TITLE)
        items = self.expect(200, "alice", "GET", "/api/tickets")
        self.assertTrue(items)
        self.assertEqual({item["requester"] for item in items}, {ALICE})
        mine = {item["id"]: item for item in items}["rest-a1"]
        self.assert_stripped(mine, ticket(ALICE))
        self.assert_stripped(self.expect(200, "alice", "GET", "/api/tickets/rest-a1"), ticket(ALICE))
        self.assertEqual(self.expect(404, "alice", "GET", "/api/tickets/rest-c1"), MISSING)
        self.assertIn("rest-c1", [item["id"] for item in self.expect(200, "bob", "GET", "/api/tickets")])

    def test_comment_by_put_and_patch_keeps_internal_comments(self):
        self.item("rest-a2", ALICE)
        seen = self.expect(200, "alice", "GET", "/api/tickets/rest-a2")
        comment = {"id": "c4", "author": ALICE, "at": 5000, "body": "Any news?", "internal": False}
        answer = self.put("alice", seen, 200, {**seen, "comments": seen["comments"] + [comment], "updated": 5000})
        self.assertEqual([c["id"] for c in answer["comments"]], ["c1", "c3", "c4"])
        stored = self.lead_view("rest-a2")
        self.assertEqual([c["id"] for c in stored["comments"]], ["c1", "c2", "c3", "c4"])
        self.assertEqual(len(stored["history"]), 6)
        comment = {**comment, "id": "c5"}
        response, parsed, _ = self.call("alice", "PATCH", "/api/tickets/rest-a2",
                                        {"comments": answer["comments"] + [comment]},
                                        headers={"If-Match": f'"{answer["version"]}"'})
        self.assertEqual(response.status, 200, parsed)
        self.assertEqual([c["id"] for c in self.lead_view("rest-a2")["comments"]], ["c1", "c2", "c3", "c4", "c5"])

    def test_reopen_and_rating_use_the_default_done_statuses(self):
        self.item("rest-a3", ALICE, status="resolved", resolved_at=4000)
        seen = self.expect(200, "alice", "GET", "/api/tickets/rest-a3")
        reopened = {**seen, "status": "new", "satisfaction": 2}
        del reopened["resolved_at"]
        self.put("alice", seen, 200, reopened)
        stored = self.lead_view("rest-a3")
        self.assertEqual((stored["status"], stored["satisfaction"], len(stored["comments"])), ("new", 2, 3))
        seen = self.expect(200, "alice", "GET", "/api/tickets/rest-a3")
        self.assertEqual(self.put("alice", seen, 403, {**seen, "status": "resolved"})["reason"], OWN_REQUESTS_ONLY)

    def test_other_changes_are_403_and_nothing_is_stored(self):
        before = self.item("rest-a4", ALICE)
        seen = self.expect(200, "alice", "GET", "/api/tickets/rest-a4")
        for field, value in (("title", "Louder"), ("assignee", "lea"), ("priority", "urgent"), ("deleted", True)):
            with self.subTest(field=field):
                self.assertEqual(self.put("alice", seen, 403, {**seen, field: value}),
                                 {"error": "forbidden", "reason": OWN_REQUESTS_ONLY})
                response, parsed, _ = self.call("alice", "PATCH", "/api/tickets/rest-a4", {field: value},
                                                headers={"If-Match": f'"{seen["version"]}"'})
                self.assertEqual((response.status, parsed["reason"]), (403, OWN_REQUESTS_ONLY))
        self.assertEqual(self.lead_view("rest-a4"), before)

    def test_creating_only_in_own_name(self):
        body = {key: value for key, value in ticket(CAROL).items() if key != "kind"}
        self.refused("alice", "POST", "/api/tickets", {**body, "id": "rest-for-carol"}, OWN_NAME_ONLY)
        self.refused("alice", "PUT", "/api/tickets/rest-for-carol", body, OWN_NAME_ONLY)
        self.assertEqual(self.expect(404, "lea", "GET", "/api/tickets/rest-for-carol"), MISSING)
        mine = {key: value for key, value in new_request(ALICE, commented=True).items() if key != "kind"}
        created = self.expect(201, "alice", "POST", "/api/tickets", {**mine, "id": "rest-a5"})
        self.assertEqual({key: value for key, value in created.items() if key not in ("id", "version")}, mine)

    def test_another_requesters_ticket_cannot_be_written(self):
        before = self.item("rest-c2", CAROL, title=CAROLS_TITLE)
        body = {key: value for key, value in ticket(ALICE).items() if key != "kind"}
        self.refused("alice", "PUT", "/api/tickets/rest-c2", body, OWN_REQUESTS_ONLY)
        # With an If-Match it is as if the item did not exist: nothing of it is sent.
        response, parsed, _ = self.call("alice", "PUT", "/api/tickets/rest-c2", body,
                                        headers={"If-Match": f'"{before["version"]}"'})
        self.assertEqual((response.status, parsed["error"]), (412, "precondition_failed"))
        self.assertEqual(self.expect(404, "alice", "PATCH", "/api/tickets/rest-c2", {"title": "x"}), MISSING)
        self.assertEqual(self.lead_view("rest-c2"), before)

    def test_stale_if_match_answers_with_the_stripped_ticket(self):
        self.item("rest-a6", ALICE)
        seen = self.expect(200, "alice", "GET", "/api/tickets/rest-a6")
        response, parsed, _ = self.call("alice", "PUT", "/api/tickets/rest-a6", seen, headers={"If-Match": '"1"'})
        self.assertEqual(response.status, 412)
        self.assertEqual(parsed, seen)

    def test_deleting_is_403(self):
        item = self.item("rest-a7", ALICE)
        response, parsed, _ = self.call("alice", "DELETE", "/api/tickets/rest-a7",
                                        headers={"If-Match": f'"{item["version"]}"'})
        self.assertEqual((response.status, parsed), (403, {"error": "forbidden", "reason": NO_DELETING}))
        self.assertEqual(self.lead_view("rest-a7"), item)
        response, _, _ = self.call("bob", "DELETE", "/api/tickets/rest-a7", headers={"If-Match": f'"{item["version"]}"'})
        self.assertEqual(response.status, 204)


if __name__ == "__main__":
    unittest.main()
