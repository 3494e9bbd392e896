"""`callsheet hooks`: follow a project, person or company (or everything)
with a webhook, list and remove hooks, see every delivery, and post what is
due when no server runs a delivery worker."""
from __future__ import annotations

import json
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from callsheet.interfaces.knowledge_cli import DbOption, JsonOption, opened, resolved

HookId = Annotated[int, typer.Argument(help="The hook's id (see `callsheet hooks list`).")]


def register(app: typer.Typer, out: Console, fail) -> None:
    hooks_app = typer.Typer(no_args_is_help=True, help="Webhooks: be told of new facts and status changes.")
    app.add_typer(hooks_app, name="hooks")

    @hooks_app.command("add")
    def add(
        url: Annotated[str, typer.Argument(help="Where to POST each event (http:// or https://).")],
        project: Annotated[Optional[str], typer.Option(help="Follow this project (id or name).")] = None,
        person: Annotated[Optional[str], typer.Option(help="Follow this person (id or name).")] = None,
        company: Annotated[Optional[str], typer.Option(help="Follow this company (id or name).")] = None,
        secret: Annotated[Optional[str], typer.Option(
            envvar="CALLSHEET_HOOK_SECRET", show_envvar=True,
            help="Sign each body with HMAC-SHA256 (X-Callsheet-Signature: sha256=...).")] = None,
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Add a hook for every change, or for one project's, person's or company's."""
        from callsheet.knowledge.hooks import HookError, add_hook
        given = [(kind, name) for kind, name in (("project", project), ("person", person), ("company", company))
                 if name is not None]
        if len(given) > 1:
            raise typer.BadParameter("follow one of --project, --person or --company at a time")
        kb = opened(db, fail, create=True)
        follows = (given[0][0], resolved(kb, *given[0], fail)) if given else None
        try:
            made = add_hook(kb, url, follows=follows, secret=secret)
        except HookError as exc:
            fail(str(exc))
            raise typer.Exit(1) from None
        if as_json:
            print(json.dumps(made, ensure_ascii=False, sort_keys=True))
        else:
            out.print(Text(f"hook {made['id']}: {made['url']} ← {_followed(made)}"
                           + (", signed" if made["signed"] else "")))

    @hooks_app.command("list")
    def list_(db: DbOption = None, as_json: JsonOption = False) -> None:
        """Every hook, with its deliveries counted (secrets are never shown)."""
        from callsheet.knowledge.hooks import list_hooks
        found = list_hooks(opened(db, fail, create=False))
        if as_json:
            print(json.dumps(found, ensure_ascii=False, indent=2, sort_keys=True))
            return
        table = Table("id", "url", "follows", "signed", "pending", "delivered", "failed")
        for h in found:
            d = h["deliveries"]
            table.add_row(str(h["id"]), Text(h["url"]), Text(_followed(h)), "yes" if h["signed"] else "no",
                          str(d["pending"]), str(d["delivered"]), str(d["failed"]))
        out.print(table)

    @hooks_app.command("remove")
    def remove(hook_id: HookId, db: DbOption = None) -> None:
        """Remove a hook and its deliveries (pending ones are never sent)."""
        from callsheet.knowledge.hooks import HookError, remove_hook
        try:
            remove_hook(opened(db, fail, create=False), hook_id)
        except HookError as exc:
            fail(str(exc))
            raise typer.Exit(1) from None
        out.print(Text(f"hook {hook_id} removed"))

    @hooks_app.command("deliveries")
    def deliveries_(
        hook_id: Annotated[Optional[int], typer.Option("--hook", help="Only this hook's.")] = None,
        status: Annotated[Optional[str], typer.Option(help="pending, delivered or failed")] = None,
        limit: Annotated[int, typer.Option(min=1, max=500)] = 50,
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """Deliveries, newest first, with every attempt and its answer."""
        from callsheet.knowledge.hooks import STATUSES, deliveries
        if status is not None and status not in STATUSES:
            raise typer.BadParameter(f"{status!r}: choose one of {', '.join(STATUSES)}")
        found = deliveries(opened(db, fail, create=False), hook_id=hook_id, status=status, limit=limit)
        if as_json:
            print(json.dumps(found, ensure_ascii=False, indent=2, sort_keys=True))
            return
        table = Table("id", "hook", "event", "change", "status", "attempts", "last answer", "created", "next / done")
        for d in found:
            last = d["attempts"][-1] if d["attempts"] else None
            answer = "" if last is None else last["error"] or f"HTTP {last['http_status']}"
            table.add_row(str(d["id"]), str(d["hook"]), d["event"], str(d["change"]), d["status"],
                          str(len(d["attempts"])), Text(answer), d["created_at"][:19],
                          (d["next_attempt_at"] or d["delivered_at"] or "")[:19])
        out.print(table)

    @hooks_app.command("deliver")
    def deliver(db: DbOption = None) -> None:
        """Post every delivery that is due, then end (for a KB no `callsheet serve` runs over, e.g. from cron)."""
        from callsheet.knowledge.hooks import DeliveryWorker
        worker = DeliveryWorker(opened(db, fail, create=False))
        try:
            made = worker.drain()
        finally:
            worker.stop()
        out.print(Text(f"delivery attempts: {made}"))


def _followed(hook: dict) -> str:
    follows = hook["follows"]
    return "every change" if follows is None else f"{follows['type']} {follows['id']} ({follows['name']})"
