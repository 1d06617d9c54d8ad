"""`kyo install|list|remove|gc|fsck|catalog|export|demo`: the machine's courses.

Heavy modules (requests, cryptography) are imported inside the commands that need them:
this module is imported on every start of `kyo`, the window included.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from app.cli_util import emit_json
from app.core import Core
from app.i18n import _, current_language, ngettext, text_in


def register(commands: Any) -> None:
    p = commands.add_parser(
        "install",
        help=_(
            "install a course: a package file, a course folder, or a course id from a repository"
        ),
    )
    p.add_argument("source", metavar="SOURCE")
    p.set_defaults(handler=cmd_install)
    p = commands.add_parser("list", help=_("list the courses installed on this computer"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_list)
    p = commands.add_parser("remove", help=_("uninstall a course (progress in profiles is kept)"))
    p.add_argument("course", metavar="COURSE")
    p.set_defaults(handler=cmd_remove)
    p = commands.add_parser("gc", help=_("delete stored packages no course uses"))
    p.set_defaults(handler=cmd_gc)
    p = commands.add_parser("fsck", help=_("re-check every stored package; quarantine damage"))
    p.set_defaults(handler=cmd_fsck)
    p = commands.add_parser("catalog", help=_("list courses the added repositories offer"))
    p.add_argument("--search", metavar="TEXT", help=_("only courses matching TEXT (any language)"))
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_catalog)
    p = commands.add_parser(
        "export", help=_("write installed courses to a folder (a USB stick) as a signed repository")
    )
    p.add_argument("courses", metavar="COURSE", nargs="+")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--key", metavar="KEYFILE", help=_("sign a new index with this key"))
    p.set_defaults(handler=cmd_export)
    p = commands.add_parser("demo", help=_("install the built-in demo course if it is missing"))
    p.set_defaults(handler=cmd_demo)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def cmd_install(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    from app.cli_progress import ProgressBar

    result = core.content.install(args.source, progress=ProgressBar(_("Installing")))
    course = result.course
    title = course.manifest.title_in(current_language())
    if result.unchanged:
        print(
            _("“{title}” {version} is installed already.").format(
                title=title, version=course.version
            ),
            file=out,
        )
    elif result.previous_version:
        print(
            _("Updated “{title}” from {old} to {new}.").format(
                title=title, old=result.previous_version, new=course.version
            ),
            file=out,
        )
    else:
        print(
            _("Installed “{title}” {version}.").format(title=title, version=course.version),
            file=out,
        )
    if course.manifest.online_only:
        print(_("This course needs a network connection: its content is online."), file=out)
    return 0


def cmd_list(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    courses = core.content.store.courses()
    lang = current_language()
    if args.json:
        return emit_json(
            out,
            [
                {
                    "id": c.id,
                    "version": c.version,
                    "title": c.manifest.title,
                    "size": c.size,
                    "format": c.manifest.source_format,
                    "online_only": c.manifest.online_only,
                    "sha256": c.sha256,
                }
                for c in courses
            ],
        )
    if not courses:
        print(_("No courses installed. See what is offered with: kyo catalog"), file=out)
    for c in courses:
        online = "  " + _("(online only)") if c.manifest.online_only else ""
        print(f"{c.manifest.title_in(lang)}  {c.version}  {_mb(c.size)}  {c.id}{online}", file=out)
    return 0


def cmd_remove(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    course = core.content.store.remove(args.course)
    print(
        _("Uninstalled “{title}”.").format(title=course.manifest.title_in(current_language())),
        file=out,
    )
    return 0


def cmd_gc(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    report = core.content.store.gc()
    print(
        ngettext(
            "Deleted {n} unused package, freeing {size}.",
            "Deleted {n} unused packages, freeing {size}.",
            len(report.removed),
        ).format(n=len(report.removed), size=_mb(report.freed_bytes)),
        file=out,
    )
    return 0


def cmd_fsck(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    report = core.content.store.fsck()
    for name, reason in report.corrupt:
        print(
            _("Damaged: {name} ({reason}), moved to quarantine.").format(name=name, reason=reason),
            file=out,
        )
    for course_id in report.affected_courses:
        print(
            _("Uninstalled {id}: reinstall it from a repository or USB stick.").format(
                id=course_id
            ),
            file=out,
        )
    print(
        ngettext(
            "Checked {n} package: {bad} damaged.",
            "Checked {n} packages: {bad} damaged.",
            report.checked,
        ).format(n=report.checked, bad=len(report.corrupt)),
        file=out,
    )
    return 0 if report.ok else 1


def cmd_catalog(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    rows = core.content.repos.catalog(args.search)
    lang = current_language()
    if args.json:
        return emit_json(
            out,
            [
                {
                    "id": r.entry.id,
                    "title": r.entry.title,
                    "available": r.entry.version,
                    "installed": r.installed_version,
                    "size": r.entry.size,
                    "repository": r.location,
                    "online_only": r.entry.container == "xml",
                }
                for r in rows
            ],
        )
    if not rows:
        print(_("Nothing found. Add a repository with: kyo repo add URL_OR_FOLDER"), file=out)
    for r in rows:
        installed = r.installed_version or "-"
        print(
            f"{text_in(r.entry.title, lang)}  {r.entry.version}  "
            + _("installed: {v}").format(v=installed)
            + f"  {_mb(r.entry.size)}  {r.entry.id}",
            file=out,
        )
    return 0


def cmd_export(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    from content_cache.signing import load_signing_key

    key = load_signing_key(Path(args.key)) if args.key else None
    core.content.export(args.courses, Path(args.dir), key)
    print(
        ngettext(
            "Wrote {n} course to {dir}. On the other computer: kyo repo add {dir}",
            "Wrote {n} courses to {dir}. On the other computer: kyo repo add {dir}",
            len(args.courses),
        ).format(n=len(args.courses), dir=args.dir),
        file=out,
    )
    return 0


def cmd_demo(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    result = core.content.seed_demo()
    if result is not None:
        print(
            _("Installed the demo course “{title}”.").format(
                title=result.course.manifest.title_in(current_language())
            ),
            file=out,
        )
    return 0
