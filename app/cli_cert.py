"""`kyo cert …` (a learner's certificates; verifying any certificate) and `kyo device`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from app.cli_util import emit_json
from app.core import Core
from app.errors import NotFound
from app.i18n import _, text_in


def register(commands: Any) -> None:
    from app.cli import profile_options

    cert = commands.add_parser("cert", help=_("certificates: list, show, export, verify"))
    sub = cert.add_subparsers(dest="cert_command", metavar="ACTION", required=True)
    p = sub.add_parser("list", help=_("a learner's certificates"))
    profile_options(p)
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_list)
    p = sub.add_parser("show", help=_("one certificate's details"))
    profile_options(p)
    p.add_argument("id", metavar="CERTIFICATE_ID")
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_show)
    p = sub.add_parser("export", help=_("write a certificate as a PDF to print"))
    profile_options(p)
    p.add_argument("id", metavar="CERTIFICATE_ID")
    p.add_argument("file", metavar="FILE.pdf")
    p.set_defaults(handler=cmd_export)
    p = sub.add_parser(
        "verify", help=_("check a certificate offline: a PDF, a photo of a print, or the QR text")
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help=_("print JSON"))
    p.set_defaults(handler=cmd_verify)

    device = commands.add_parser("device", help=_("this computer's identity (for endorsement)"))
    device.add_argument("--export", metavar="FILE.pub", help=_("write its public key to a file"))
    device.set_defaults(handler=cmd_device)


def _find(certs: list[Any], prefix: str) -> Any:
    found = [c for c in certs if c.id.startswith(prefix)]
    if len(found) != 1:
        raise NotFound(_("There is no certificate {id}.").format(id=prefix))
    return found[0]


def _summary(cert: Any) -> dict[str, Any]:
    claims = cert.claims
    return {"id": cert.id, "course_id": cert.course_id, "title": claims["course_title"],
            "learner": claims["learner_name"], "completed_on": claims["completed_on"],
            "score": claims["score"], "hours": claims["hours"], "state": cert.state,
            "device": cert.device_id, "key": cert.key_id, "payload": cert.payload}  # fmt: skip


def cmd_list(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    from app.cli_learning import unlock

    with unlock(core, args, stdin) as session:
        certs = core.learner(session).certificates()
    if args.json:
        return emit_json(out, [_summary(c) for c in certs])
    if not certs:
        print(_("No certificates yet: they are made when a course is completed."), file=out)
    for c in certs:
        title = text_in(c.claims["course_title"])
        print(f"{c.id[:8]}  {c.claims['completed_on']}  {c.state}  {title}", file=out)
    return 0


def cmd_show(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    from app.cli_learning import unlock

    with unlock(core, args, stdin) as session:
        cert = _find(core.learner(session).certificates(), args.id)
    data = _summary(cert)
    if args.json:
        return emit_json(out, data)
    for key, value in data.items():
        print(f"{key}: {value}", file=out)
    return 0


def cmd_export(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    from app.cli_learning import unlock
    from app.fsutil import atomic_write_bytes

    with unlock(core, args, stdin) as session:
        learner = core.learner(session)
        cert = _find(learner.certificates(), args.id)
        pdf = learner.certificate_pdf(cert.id)
    atomic_write_bytes(Path(args.file), pdf, mode=0o644)
    print(_("Wrote {file}.").format(file=args.file), file=out)
    return 0


def cmd_verify(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    verdict = core.verify_certificate(Path(args.file))
    claims = verdict.claims
    if args.json:
        emit_json(out, {"status": verdict.status, "message": verdict.message,
                        "claims": None if claims is None else claims.__dict__})  # fmt: skip
    else:
        labels = {
            "valid": _("VALID"),
            "provisional": _("PROVISIONAL"),
            "unknown_issuer": _("UNKNOWN ISSUER"),
            "tampered": _("TAMPERED"),
            "revoked": _("REVOKED"),
        }
        print(f"{labels.get(verdict.status, verdict.status)}: {verdict.message}", file=out)
        if claims is not None:
            print(f"  {claims.learner_name} — {text_in(claims.course_title)} — "
                  f"{claims.completed_on}", file=out)  # fmt: skip
    return 0 if verdict.status == "valid" else 1


def cmd_device(core: Core, args: argparse.Namespace, stdin: TextIO, out: TextIO) -> int:
    device = core.device()
    print(_("Device id: {id}").format(id=device.device_id), file=out)
    print(_("Signing key: {key}").format(key=device.key_id), file=out)
    print(device.public.line(), file=out)
    if args.export:
        Path(args.export).write_text(device.public.line() + "\n", encoding="utf-8")
        print(_("Wrote {file}: send it to the platform to endorse this computer.").format(
            file=args.export), file=out)  # fmt: skip
    return 0
