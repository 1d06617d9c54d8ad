"""`kyo progress` and `kyo plan`: where a learner stands, and their targets."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any, TextIO

from app.cli_util import emit_json
from app.core import Core
from app.errors import InvalidInput
from app.i18n import _, text_in
from app.passphrase import PassphraseSource


def register(commands: Any) -> None:
    from app.cli import profile_options

    p = commands.add_parser("progress", help=_("a learner's courses, competency hours and targets"))
    profile_options(p)
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_progress)
    p = commands.add_parser(
        "plan", help=_("set a learner's targets: the annual plan, the National Learning Week")
    )
    profile_options(p)
    p.add_argument("what", choices=["annual", "week"])
    p.add_argument("hours", type=float)
    p.add_argument(
        "--type",
        choices=["behavioural", "functional", "domain"],
        help=_("annual: only this competency type"),
    )
    p.add_argument("--start", type=dt.date.fromisoformat, help=_("week: first day, YYYY-MM-DD"))
    p.set_defaults(handler=cmd_plan)


def unlock(core: Core, args: argparse.Namespace, stdin: TextIO) -> Any:
    name = getattr(args, "profile", None)
    if not name:
        raise InvalidInput(_("Name the profile with --profile NAME."))
    source = PassphraseSource(bool(getattr(args, "passphrase_stdin", False)), stdin)
    passphrase = source.read(_("Passphrase of “{name}”: ").format(name=name))
    return core.profiles.unlock(name, passphrase)


def progress_json(core: Core, session: Any) -> dict[str, Any]:
    learner = core.learner(session)
    report = learner.competencies()
    return {
        "courses": [
            {
                "id": v.manifest.id,
                "title": v.manifest.title,
                "version": v.course.version,
                "status": v.status.status,
                "completed_at": v.status.completed_at,
                "items_done": v.status.done,
                "items": v.status.total,
                "resume_item": v.resume_item,
            }
            for v in learner.courses()
        ],
        "competencies": [
            {"id": cid, "name": report.names[cid], "type": report.types[cid], "hours": round(h, 3)}
            for cid, h in sorted(report.by_competency.items())
        ],
        "hours_by_type": report.by_type,
        "learning_hours": report.learning_hours,
        "targets": [
            {
                "id": t.target.id,
                "label": t.target.label,
                "hours": t.target.hours,
                "type": t.target.competency_type,
                "start": t.target.start.isoformat(),
                "end": t.target.end.isoformat(),
                "earned": t.earned,
                "met": t.met,
            }
            for t in report.targets
        ],
        "statements": learner.statement_counts(),
    }


def cmd_progress(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    with unlock(core, args, stdin) as session:
        data = progress_json(core, session)
    if args.json:
        return emit_json(out, data)
    _print_progress(data, out)
    return 0


def _words() -> dict[str, str]:
    """Words stored as codes, in the learner's language (made when printing, so translated)."""
    return {
        "not_started": _("not started"),
        "in_progress": _("in progress"),
        "completed": _("completed"),
        "behavioural": _("behavioural"),
        "functional": _("functional"),
        "domain": _("domain"),
    }


def target_label(target_id: str, stored: str) -> str:
    words = _words()
    if target_id == "national-learning-week":
        return _("National Learning Week")
    if target_id.startswith("annual-"):
        kind = target_id.removeprefix("annual-")
        return _("Annual plan: {what}").format(what=words.get(kind, _("all competencies")))
    return stored


def _print_progress(data: dict[str, Any], out: TextIO) -> None:
    words = _words()
    print(_("Courses:"), file=out)
    for c in data["courses"]:
        status = words.get(c["status"], c["status"])
        print(f"  {text_in(c['title'])}: {status} ({c['items_done']}/{c['items']})", file=out)
    print(_("Hours by competency type:"), file=out)
    for kind, hours in data["hours_by_type"].items():
        print(f"  {words.get(kind, kind)}: {hours:g}", file=out)
    print(_("Learning time: {h:g} hours").format(h=data["learning_hours"]), file=out)
    print(_("Targets:"), file=out)
    for t in data["targets"]:
        mark = "✓" if t["met"] else " "
        label = target_label(t["id"], t["label"])
        print(
            f"  [{mark}] {label}: {t['earned']:g}/{t['hours']:g} h ({t['start']} – {t['end']})",
            file=out,
        )
    counts = data["statements"]
    print(_("Records waiting to sync: {n}").format(n=counts["pending"]), file=out)


def cmd_plan(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    with unlock(core, args, stdin) as session:
        learner = core.learner(session)
        if args.what == "week":
            start = args.start or dt.datetime.now(dt.UTC).date()
            learner.set_target(
                "national-learning-week",
                "National Learning Week",
                args.hours,
                None,
                (start, start + dt.timedelta(days=6)),
            )
        else:
            target_id = f"annual-{args.type or 'all'}"
            label = f"Annual plan ({args.type or 'all competencies'})"
            learner.set_target(target_id, label, args.hours, args.type)
    print(_("Saved."), file=out)
    return 0
