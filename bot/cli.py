"""Deelwijzer's command line. Run through ``./deelwijzer <command>``."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import uuid
from pathlib import Path
from typing import List, Optional, Tuple

import requests

from bot.settings import instellingen

logger = logging.getLogger("deelwijzer")


def cmd_controleer(args: argparse.Namespace) -> int:
    from bot.overzicht import overzicht
    from bot.rules import PlanFout, laad_regelset

    try:
        regels = laad_regelset()
    except PlanFout as fout:
        print(fout, file=sys.stderr)
        return 1
    print(f"Regeldata in orde: {len(regels.plannen)} stappenplannen, "
          f"{len(regels.wetgeving)} artikelen, regelset {regels.versie}.\n")
    for plan_id in args.plan or sorted(regels.plannen):
        print(overzicht(regels.plan(plan_id), regels))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from bot.runtime import train

    print(train())
    return 0


def cmd_nlu_rapport(args: argparse.Namespace) -> int:
    from bot.nlu.evaluatie import RAPPORT_MAP, rapporteer, samenvatting

    rapporten = rapporteer(Path(args.model) if args.model else None)
    for rapport in rapporten.values():
        print(samenvatting(rapport))
    print(f"Rapport: {RAPPORT_MAP / 'rapport.md'} (per set: rapport-<set>.md en .json)")
    return 0


def _toon(antwoorden: List[dict]) -> List[dict]:
    knoppen: List[dict] = []
    verslagen = _verslagen(antwoorden)
    for bericht in antwoorden:
        tekst = bericht.get("text")
        verslag = _verslag_van(tekst, verslagen) if tekst else None
        if verslag is not None:
            # The whole record in Markdown is unreadable in a terminal: the
            # plan and the outcome instead, and the files where they are.
            if verslag[1] is not None:
                _toon_samenvatting(verslag[1])
        elif tekst:
            print(f"\nDeelwijzer: {tekst}")
        for knop in bericht.get("buttons") or []:
            knoppen.append(knop)
            print(f"  [{len(knoppen)}] {knop['title']}")
        bestand = (bericht.get("custom") or {}).get("deelwijzer_verslag") or {}
        if bestand.get("bestandsnaam") and "inhoud" in bestand:
            print(f"  Opgeslagen: {_bewaar_bestand(bestand)}")
    return knoppen


def _verslagen(antwoorden: List[dict]) -> List[Tuple[str, Optional[dict]]]:
    """The record as Markdown (with its JSON when sent), as far as this turn's
    payloads carry it."""
    from bot.record import naar_markdown

    uit: List[Tuple[str, Optional[dict]]] = []
    for bericht in antwoorden:
        bestand = (bericht.get("custom") or {}).get("deelwijzer_verslag") or {}
        document = bestand.get("json")
        document = document if isinstance(document, dict) else None
        if bestand.get("formaat") == "md" and isinstance(bestand.get("inhoud"), str):
            uit.append((bestand["inhoud"], document))
        elif document is not None:
            uit.append((naar_markdown(document), document))
    return uit


def _verslag_van(tekst: str, verslagen: List[Tuple[str, Optional[dict]]]
                 ) -> Optional[Tuple[str, Optional[dict]]]:
    from bot.record.samenvatting import is_verslag_markdown

    return next((v for v in verslagen if is_verslag_markdown(tekst, v[0])), None)


def _toon_samenvatting(document: dict) -> None:
    """The record's plan and outcome, and its Markdown and JSON saved as files
    (the chat offers PDF and HTML as buttons)."""
    from bot.record import render
    from bot.record.download import downloadnaam
    from bot.record.samenvatting import samenvatting

    regels = samenvatting(document)
    print(f"\nDeelwijzer: {regels[0]}")
    for regel in regels[1:]:
        print(f"  {regel}")
    for formaat in ("md", "json"):
        print("  Opgeslagen: " + str(_bewaar_bestand({
            "bestandsnaam": downloadnaam(str(document.get("gesprek", "")), formaat),
            "codering": "utf-8",
            "inhoud": render(document, formaat).decode("utf-8"),
        })))


def _bewaar_bestand(bestand: dict) -> Path:
    """A record file the assistant sent: written where the user can open it
    (a terminal cannot show a PDF)."""
    import base64

    map_ = Path("var/export")
    map_.mkdir(parents=True, exist_ok=True)
    pad = map_ / Path(bestand["bestandsnaam"]).name
    if bestand.get("codering") == "base64":
        pad.write_bytes(base64.b64decode(bestand["inhoud"]))
    else:
        pad.write_text(bestand["inhoud"], encoding="utf-8")
    return pad.resolve()


def chat(rasa_url: str, afzender: Optional[str] = None) -> None:
    """A terminal chat over the REST channel; a number picks a button."""
    afzender = afzender or f"terminal-{uuid.uuid4().hex[:12]}"
    print(f"Gesprek {afzender}. Typ uw vraag; 'exit' of Ctrl-D sluit af.")
    knoppen: List[dict] = _toon(_stuur(rasa_url, afzender, "/begroeten"))
    while True:
        try:
            tekst = input("\nU: ").strip()
        except EOFError:
            break
        if tekst.lower() in {"exit", "quit"}:
            break
        if tekst.isdigit() and 1 <= int(tekst) <= len(knoppen):
            tekst = knoppen[int(tekst) - 1]["payload"]
        knoppen = _toon(_stuur(rasa_url, afzender, tekst))
    print(f"\nTot ziens. Uw gesprek-id is {afzender}; exporteer het verslag met "
          f"'./deelwijzer export {afzender}'.")


def _stuur(rasa_url: str, afzender: str, tekst: str) -> List[dict]:
    try:
        from bot.settings import kanaal_instellingen

        token = kanaal_instellingen().rest_token
        kop = {"Authorization": f"Bearer {token}"} if token else {}
        antwoord = requests.post(f"{rasa_url}/webhooks/rest/webhook", headers=kop,
                                 json={"sender": afzender, "message": tekst}, timeout=60)
        antwoord.raise_for_status()
        return antwoord.json()
    except requests.RequestException as fout:
        return [{"text": f"De assistent is niet bereikbaar ({fout.__class__.__name__})."}]


STOPSIGNALEN = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _onderbreek(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def cmd_start(args: argparse.Namespace) -> int:
    from bot.runtime import start_alles, stop

    from bot.opslag.onbereikbaar import OpslagOnbereikbaar

    # SIGTERM (a service manager, kill) and SIGHUP (the terminal closed) stop
    # both servers as Ctrl-C does. Python's default for them ends this process
    # at once, without the finally below, and leaves both servers running.
    # ./deelwijzer execs Python, so the signal reaches this process.
    for signaal in STOPSIGNALEN[1:]:
        signal.signal(signaal, _onderbreek)
    inst = instellingen()
    try:
        processen = start_alles(inst)
    except OpslagOnbereikbaar as fout:
        print(fout, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        # start_alles stopped what it had started.
        print("Gestopt tijdens het starten.", file=sys.stderr)
        return 1
    print(f"Rasa-server: {inst.rasa_url} (REST: {inst.rasa_url}/webhooks/rest/webhook)")
    print(f"Actieserver: {inst.actie_url}. Logs in var/log/.")
    print(f"Webchat: {inst.rasa_url}/chat/")
    # Said even when the log level hides INFO: it changes what NLU can do.
    from bot.nlu.spacy_model import beschrijving
    from bot.runtime import SPACY_MAP

    print(f"spaCy-pipeline: {beschrijving(SPACY_MAP)}")
    try:
        if args.zonder_chat:
            processen[0].wait()
        else:
            chat(inst.rasa_url)
    except KeyboardInterrupt:
        pass
    finally:
        # A second signal must not cut the stopping short and leave a server.
        for signaal in STOPSIGNALEN:
            signal.signal(signaal, signal.SIG_IGN)
        stop(*processen)
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    chat(instellingen().rasa_url, args.gesprek)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from bot.export import exporteer

    document, _ = exporteer(args.gesprek)
    if document is None:
        print(f"Geen stappenplan gevonden in gesprek {args.gesprek}.", file=sys.stderr)
        return 1
    uit = Path(args.map)
    uit.mkdir(parents=True, exist_ok=True)
    from bot.record import render

    # The JSON is the record; a rendering alone could not be checked.
    formaten = list(dict.fromkeys(["json", *(args.format or ["md"])]))
    for formaat in formaten:
        pad = uit / f"{args.gesprek}.{formaat}"
        pad.write_bytes(render(document, formaat))
        print(f"Geschreven: {pad}")
    return 0


def cmd_wis(args: argparse.Namespace) -> int:
    from bot.export import wis

    aantal, bestanden = wis(args.gesprek)
    if aantal is None:
        print("Deze gespreksopslag kan niet wissen.", file=sys.stderr)
        return 1
    print(f"Gewist: {aantal} gebeurtenissen van gesprek {args.gesprek} en "
          f"{len(bestanden)} bestanden van de vastlegging.")
    return 0


def cmd_controleer_verslag(args: argparse.Namespace) -> int:
    from bot.record import controleer
    from bot.rules import laad_regelset

    document = json.loads(Path(args.bestand).read_text(encoding="utf-8"))
    problemen = controleer(document, laad_regelset())
    if problemen:
        for probleem in problemen:
            print(f"NIET IN ORDE: {probleem}")
        return 1
    print("In orde: de inhoud is ongewijzigd en dezelfde antwoorden geven met deze "
          "regelset dezelfde uitkomst en wetsartikelen.")
    return 0


def cmd_opschonen(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from bot.opslag.bewaren import schoon_op

    inst = instellingen()
    if args.dagen is not None:
        inst = replace(inst, bewaartermijn_dagen=args.dagen)
    uit = schoon_op(inst, droog=args.droog)
    print(f"{'Zou wissen' if args.droog else 'Gewist'} (bewaartermijn "
          f"{inst.bewaartermijn_dagen} dagen): {uit.gesprekken} gesprekken "
          f"({uit.events} events), {uit.zaakcodes} zaakcodes, "
          f"{uit.verslagen} verslagbestanden.")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="deelwijzer", description=__doc__)
    sub = p.add_subparsers(dest="commando", required=True)
    c = sub.add_parser("controleer", help="regeldata valideren en als overzicht tonen")
    c.add_argument("plan", nargs="*", help="alleen deze plannen tonen")
    c.set_defaults(func=cmd_controleer)
    sub.add_parser("train", help="model trainen als de trainingsdata veranderde"
                   ).set_defaults(func=cmd_train)
    n = sub.add_parser("nlu-rapport", help="taalbegrip meten op de evaluatiesets in tests/nlu")
    n.add_argument("--model", help="dit model gebruiken in plaats van (zo nodig) trainen")
    n.set_defaults(func=cmd_nlu_rapport)
    s = sub.add_parser("start", help="servers starten en een chat in de terminal openen")
    s.add_argument("--zonder-chat", action="store_true", help="alleen de servers")
    s.set_defaults(func=cmd_start)
    ch = sub.add_parser("chat", help="chat met een draaiende assistent")
    ch.add_argument("--gesprek", help="een bestaand gesprek voortzetten")
    ch.set_defaults(func=cmd_chat)
    e = sub.add_parser("export", help="vastlegging van een gesprek exporteren")
    e.add_argument("gesprek")
    e.add_argument("--map", default="var/export")
    e.add_argument("--format", action="append", choices=["pdf", "html", "md", "json"],
                   help="formaat (herhaalbaar); de JSON wordt altijd geschreven")
    e.set_defaults(func=cmd_export)
    w = sub.add_parser("wis", help="gesprek en vastlegging van de server wissen")
    w.add_argument("gesprek")
    w.set_defaults(func=cmd_wis)
    v = sub.add_parser("controleer-verslag", help="vastlegging tegen haar hash controleren")
    v.add_argument("bestand")
    v.set_defaults(func=cmd_controleer_verslag)
    o = sub.add_parser("opschonen", help="gesprekken en verslagen na de "
                       "bewaartermijn wissen (ook voor cron)")
    o.add_argument("--dagen", type=int, help="bewaartermijn voor deze keer")
    o.add_argument("--droog", action="store_true", help="alleen tellen")
    o.set_defaults(func=cmd_opschonen)
    return p


def main(argv: Optional[List[str]] = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=instellingen().log_niveau,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
