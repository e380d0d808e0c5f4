"""Text tools: `baijia translit --to ug|uly TEXT` (Uyghur Latin script ↔ Arabic script)."""

from __future__ import annotations

from app.cli.output import say
from app.i18n import _


def register(sub) -> None:
    p = sub.add_parser("translit", help=_("convert Uyghur between Latin (ULY) and Arabic script"))
    p.add_argument("--to", required=True, choices=("ug", "uly"))
    p.add_argument("text", nargs="+")
    p.set_defaults(handler=cmd_translit)


def cmd_translit(args) -> int:
    from app.domain.translit import to_arabic, to_latin

    text = " ".join(args.text)
    say(to_arabic(text) if args.to == "ug" else to_latin(text))
    return 0
