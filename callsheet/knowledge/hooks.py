"""Webhooks: callsheet tells a URL of each new fact and status change, of
one project, person or company or of all, as a JSON POST signed with
HMAC-SHA256 of the body (`X-Callsheet-Signature: sha256=<hex>`, as GitHub
signs its webhooks: https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries).

Ingesting never waits for a receiver. The transaction that stores an
article also stores one delivery per change and hook that follows it (a
transactional outbox: a change is told if and only if it was stored), and a
`DeliveryWorker` posts them later (`callsheet serve` runs one; `callsheet
hooks deliver` posts what is due and ends). A delivery that fails (no
answer within TIMEOUT, or an answer other than 2xx) is tried again after
FIRST_RETRY seconds, then three times longer each time, up to
MAX_ATTEMPTS; every attempt is recorded with its answer. Several workers
(processes, threads) share the queue: each claims a delivery for LEASE
seconds before posting it, so no delivery is posted twice at once.

An event body is {"event": "fact.new" | "fact.status", "hook": id,
"created_at": ISO time, "change": {...}}, the change as
/api/v1/changes gives it. Deliveries are posted side by side, so a
receiver may get two events out of order (or one again, if a worker died
after posting it and before recording the answer): the change's id and
`ingested_at` put them in order, and `X-Callsheet-Delivery` names a
delivery. A hook's secret is never shown or logged; logs
name a hook by id and the origin of its URL only (paths and queries often
carry tokens).
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import random
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import httpx
from sqlalchemy import Connection, func, select

from callsheet import __version__
from callsheet.knowledge.browse import assertion_rows, describe_changes
from callsheet.knowledge.cards import Reader
from callsheet.knowledge.store import KnowledgeBase, KnowledgeError
from callsheet.knowledge.tables import assertions, entities, hook_attempts, hook_deliveries, hooks

SIGNATURE_HEADER = "X-Callsheet-Signature"
EVENT_HEADER = "X-Callsheet-Event"
DELIVERY_HEADER = "X-Callsheet-Delivery"
FOLLOWED = {"project": "work", "person": "person", "company": "company"}
STATUSES = ("pending", "delivered", "failed")
MAX_ATTEMPTS = 8
FIRST_RETRY = 10.0  # seconds; then 30, 90, 270... up to MAX_RETRY
MAX_RETRY = 3600.0
TIMEOUT = 10.0  # seconds for a receiver to answer
LEASE = 60.0  # seconds a claimed delivery is a worker's; well over TIMEOUT
log = logging.getLogger(__name__)


class HookError(KnowledgeError):
    """A hook that cannot be added (bad URL, unknown entity) or is not there."""


def utc_now_iso(moment: datetime) -> str:
    """The form hook times are stored in: UTC, ISO 8601 to the microsecond, so that strings compare as times."""
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def check_url(url: str) -> str:
    """The URL if it is http(s) with a host (and a port, if any, in range); else HookError."""
    try:
        parts = urlsplit(url.strip())
        ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
        parts.port  # noqa: B018  (raises ValueError for a port out of range)
    except ValueError:
        ok = False
    if not ok:
        raise HookError(f"{url!r}: a hook URL must be http:// or https:// and name a host (and a valid port)")
    return url.strip()


def url_origin(url: str) -> str:
    """What logs and readers without the token see of a hook's URL: its
    scheme, host and port (a path or query often carries a token)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}/…"


def signature(secret: str, body: bytes) -> str:
    """The X-Callsheet-Signature header's value: "sha256=" and the hex HMAC-SHA256 of the body."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def add_hook(kb: KnowledgeBase, url: str, *, follows: tuple[str, int] | None = None,
             secret: str | None = None) -> dict:
    """Stores a hook for every change (`follows` None) or for the changes of
    one entity (`follows` = ("project" | "person" | "company", id)).
    Returns it as `hook` gives it. Raises HookError for a bad URL or an
    entity that is not there or not of that kind."""
    url = check_url(url)
    entity_id = None
    if follows is not None:
        kind, entity_id = follows
        with kb.engine.connect() as conn:
            found = conn.execute(select(entities.c.type).where(entities.c.id == entity_id)).scalar()
        if found is None or found != FOLLOWED.get(kind):
            raise HookError(f"no {kind} with id {entity_id}")

    def store(conn: Connection) -> int:
        return conn.execute(hooks.insert().values(url=url, entity_id=entity_id, secret=secret or None,
                                                  created_at=utc_now_iso(kb.clock()))).inserted_primary_key[0]
    return hook(kb, kb.write(store))


def _described(conn: Connection, rows) -> list[dict]:
    reader = Reader(conn)
    reader.load(r.entity_id for r in rows)
    tallies: dict[int, dict] = {r.id: dict.fromkeys(STATUSES, 0) for r in rows}
    if rows:
        for hook_id, status, n in conn.execute(
                select(hook_deliveries.c.hook_id, hook_deliveries.c.status, func.count())
                .where(hook_deliveries.c.hook_id.in_(list(tallies)))
                .group_by(hook_deliveries.c.hook_id, hook_deliveries.c.status)):
            tallies[hook_id][status] = n
    out = []
    for r in rows:
        follows = None
        if r.entity_id is not None and r.entity_id in reader.rows:
            kind = next(k for k, t in FOLLOWED.items() if t == reader.rows[r.entity_id].type)
            follows = {"type": kind, "id": r.entity_id, "name": reader.display(r.entity_id)}
        out.append({"id": r.id, "url": r.url, "follows": follows, "signed": r.secret is not None,
                    "created_at": r.created_at, "deliveries": tallies[r.id]})
    return out


def hook(kb: KnowledgeBase, hook_id: int) -> dict:
    """A hook: id, url, follows ({type, id, name} or None for every change),
    signed (whether it has a secret; never the secret), created_at, and its
    deliveries counted by status. Raises HookError when there is none."""
    with kb.engine.connect() as conn:
        rows = conn.execute(select(hooks).where(hooks.c.id == hook_id)).all()
        if not rows:
            raise HookError(f"no hook with id {hook_id}")
        return _described(conn, rows)[0]


def list_hooks(kb: KnowledgeBase) -> list[dict]:
    """Every hook, oldest first, as `hook` gives it."""
    with kb.engine.connect() as conn:
        return _described(conn, conn.execute(select(hooks).order_by(hooks.c.id)).all())


def remove_hook(kb: KnowledgeBase, hook_id: int) -> None:
    """Removes the hook, with its deliveries (pending ones are never sent). Raises HookError when there is none."""
    def remove(conn: Connection) -> int:
        return conn.execute(hooks.delete().where(hooks.c.id == hook_id)).rowcount
    if not kb.write(remove):
        raise HookError(f"no hook with id {hook_id}")


def deliveries(kb: KnowledgeBase, *, hook_id: int | None = None, status: str | None = None,
               limit: int = 50) -> list[dict]:
    """Deliveries, newest first: id, hook, event, the change it tells of
    (assertion id), status, attempts (each with its time, HTTP status or
    error, and duration), created_at, next_attempt_at, delivered_at."""
    limit = max(1, min(limit, 500))
    query = select(hook_deliveries).order_by(hook_deliveries.c.id.desc()).limit(limit)
    if hook_id is not None:
        query = query.where(hook_deliveries.c.hook_id == hook_id)
    if status is not None:
        query = query.where(hook_deliveries.c.status == status)
    with kb.engine.connect() as conn:
        rows = conn.execute(query).all()
        tries: dict[int, list[dict]] = {r.id: [] for r in rows}
        if rows:
            for a in conn.execute(select(hook_attempts).where(hook_attempts.c.delivery_id.in_(list(tries)))
                                  .order_by(hook_attempts.c.id)):
                tries[a.delivery_id].append({"at": a.attempted_at, "http_status": a.http_status,
                                             "error": a.error, "duration_ms": a.duration_ms})
    return [{"id": r.id, "hook": r.hook_id, "event": r.event, "change": r.assertion_id, "status": r.status,
             "attempts": tries[r.id], "created_at": r.created_at,
             "next_attempt_at": r.next_attempt_at if r.status == "pending" else None,
             "delivered_at": r.delivered_at} for r in rows]


def enqueue(conn: Connection, document_id: int, moment: datetime) -> int:
    """In the ingesting transaction: one pending delivery per change the
    document brought (see browse.describe_changes) and hook that follows it.
    Returns how many. Costs one query when there is no hook."""
    following = conn.execute(select(hooks.c.id, hooks.c.entity_id)).all()
    if not following:
        return 0
    rows = conn.execute(assertion_rows().where(assertions.c.document_id == document_id)
                        .order_by(assertions.c.id)).all()
    now = utc_now_iso(moment)
    queued = []
    for change in describe_changes(conn, Reader(conn), rows):
        event = f"fact.{change['change']}"
        for h in following:
            if h.entity_id is None or h.entity_id in (change["subject_id"], change["object_id"]):
                body = json.dumps({"event": event, "hook": h.id, "created_at": now, "change": change},
                                  ensure_ascii=False, sort_keys=True)
                queued.append({"hook_id": h.id, "assertion_id": change["id"], "event": event, "body": body,
                               "status": "pending", "attempts": 0, "created_at": now, "next_attempt_at": now})
    if queued:
        conn.execute(hook_deliveries.insert(), queued)
    return len(queued)


def pending_counts(kb: KnowledgeBase) -> dict[str, int]:
    """Deliveries by status, for the health endpoint."""
    with kb.engine.connect() as conn:
        found = dict(conn.execute(select(hook_deliveries.c.status, func.count())
                                  .group_by(hook_deliveries.c.status)).all())
    return {status: found.get(status, 0) for status in STATUSES}


class DeliveryWorker:
    """Posts due deliveries from the KB's queue, `concurrency` at a time, so
    that a slow receiver holds one thread, never the others or an ingest.

    `start()` runs it in the background until `stop()` (as `serve` does);
    `drain()` posts until nothing is due and returns (as `hooks deliver`
    does). `first_retry` (seconds) and `max_attempts` set the backoff;
    `clock` gives the current UTC time."""

    def __init__(self, kb: KnowledgeBase, *, concurrency: int = 4, poll: float = 1.0,
                 first_retry: float = FIRST_RETRY, max_attempts: int = MAX_ATTEMPTS, timeout: float = TIMEOUT,
                 clock: Callable[[], datetime] | None = None):
        self.kb = kb
        self.concurrency = concurrency
        self.poll = poll
        self.first_retry = first_retry
        self.max_attempts = max_attempts
        self.timeout = timeout
        self.clock = clock or (lambda: datetime.now(timezone.utc))
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._client = httpx.Client(timeout=timeout, follow_redirects=False,
                                    headers={"User-Agent": f"callsheet/{__version__}"})

    def start(self) -> None:
        self._stop.clear()
        for n in range(self.concurrency):
            thread = threading.Thread(target=self._loop, name=f"callsheet-hooks-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)
        log.info("webhook delivery: %d worker threads", self.concurrency)

    def stop(self, wait: float = 15.0) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(wait)
        self._threads = []
        self._client.close()

    def drain(self) -> int:
        """Posts every delivery due now (and any retries that fall due
        meanwhile) until none is; returns how many attempts were made."""
        made = [0] * self.concurrency

        def work(n: int) -> None:
            while self.deliver_one():
                made[n] += 1
        threads = [threading.Thread(target=work, args=(n,)) for n in range(self.concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return sum(made)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                if not self.deliver_one():
                    self._stop.wait(self.poll)
            except Exception:  # noqa: BLE001  (the database went away for a moment: keep going)
                log.exception("webhook delivery: cannot read the queue; trying again in %.0f s", self.poll)
                self._stop.wait(self.poll)

    def deliver_one(self) -> bool:
        """Claims one due delivery and posts it; False when none is due."""
        claimed = self._claim()
        if claimed is None:
            return False
        self._post(*claimed)
        return True

    def _claim(self):
        now = self.clock()
        stamp = utc_now_iso(now)
        due = (hook_deliveries.c.status == "pending") & (hook_deliveries.c.next_attempt_at <= stamp) & \
            (hook_deliveries.c.lease_until.is_(None) | (hook_deliveries.c.lease_until < stamp))
        with self.kb.engine.connect() as conn:
            candidates = [r.id for r in conn.execute(select(hook_deliveries.c.id).where(due).order_by(
                hook_deliveries.c.next_attempt_at, hook_deliveries.c.id).limit(self.concurrency * 2))]
        random.shuffle(candidates)  # threads that read the same list try different rows first
        for delivery_id in candidates:
            def take(conn: Connection):
                won = conn.execute(hook_deliveries.update().where(due & (hook_deliveries.c.id == delivery_id))
                                   .values(lease_until=utc_now_iso(now + timedelta(seconds=LEASE)))).rowcount
                if not won:
                    return None
                return conn.execute(select(hook_deliveries, hooks.c.url, hooks.c.secret)
                                    .join(hooks, hooks.c.id == hook_deliveries.c.hook_id)
                                    .where(hook_deliveries.c.id == delivery_id)).first()
            row = self.kb.write(take)
            if row is not None:
                return row, now
        return None

    def _post(self, row, claimed_at: datetime) -> None:
        body = row.body.encode("utf-8")
        headers = {"Content-Type": "application/json", EVENT_HEADER: row.event, DELIVERY_HEADER: str(row.id)}
        if row.secret:
            headers[SIGNATURE_HEADER] = signature(row.secret, body)
        start = time.perf_counter()
        status, error = None, None
        try:
            answer = self._client.post(row.url, content=body, headers=headers)
            status = answer.status_code
            if not 200 <= status < 300:
                error = f"HTTP {status}"
        except Exception as exc:  # noqa: BLE001  (refused, timed out, a bad URL...: a failed attempt)
            error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else 'no answer'}"
        self._record(row, claimed_at, status, error, int((time.perf_counter() - start) * 1000))

    def _record(self, row, attempted: datetime, status: int | None, error: str | None, duration_ms: int) -> None:
        attempts = row.attempts + 1
        done = error is None
        gave_up = not done and attempts >= self.max_attempts
        delay = min(MAX_RETRY, self.first_retry * 3 ** (attempts - 1)) * random.uniform(1.0, 1.1)
        now = self.clock()
        values = {"attempts": attempts, "lease_until": None, "last_http_status": status, "last_error": error,
                  "status": "delivered" if done else "failed" if gave_up else "pending",
                  "delivered_at": utc_now_iso(now) if done else None,
                  "next_attempt_at": None if done or gave_up else utc_now_iso(now + timedelta(seconds=delay))}

        def store(conn: Connection) -> bool:
            if not conn.execute(hook_deliveries.update().where(hook_deliveries.c.id == row.id)
                                .values(**values)).rowcount:
                return False  # the hook was removed meanwhile
            conn.execute(hook_attempts.insert().values(delivery_id=row.id, attempted_at=utc_now_iso(attempted),
                                                       http_status=status, error=error, duration_ms=duration_ms))
            return True
        if not self.kb.write(store):
            return
        where = f"hook {row.hook_id} ({url_origin(row.url)}): delivery {row.id}"
        if done:
            log.info("%s delivered (HTTP %s, %d ms)", where, status, duration_ms)
        elif gave_up:
            log.error("%s failed (%s) after %d attempts; giving up", where, error, attempts)
        else:
            log.warning("%s failed (%s), attempt %d of %d; next in %.0f s", where, error, attempts,
                        self.max_attempts, delay)
