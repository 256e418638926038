"""Install the web chat's one JavaScript dependency, the socket.io client.

``npm ci`` in ``web/`` from the committed package-lock.json, then the
client's browser build is copied next to the page. Runs from ``./deelwijzer``
when package-lock.json changed, and from the widget test; the page never
loads anything from the internet at run time.

    python -m bot.web.installeer
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

from bot.settings import PROJECT

WEB = PROJECT / "web"
BRON = WEB / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"
DOEL = WEB / "widget" / "vendor" / "socket.io.min.js"
STEMPEL = WEB / "node_modules" / ".deelwijzer-stempel"


def _hash() -> str:
    return hashlib.sha256((WEB / "package-lock.json").read_bytes()).hexdigest()[:16]


def actueel() -> bool:
    return DOEL.is_file() and STEMPEL.is_file() and \
        STEMPEL.read_text(encoding="ascii").strip() == _hash()


def installeer() -> None:
    """Run ``npm ci`` when the lock file changed; raise with a clear message
    when npm is missing or fails."""
    if actueel():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm niet gevonden: installeer Node.js (met npm) voor de "
                           "webchat, bijv. 'apt-get install -y nodejs npm'.")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                   cwd=WEB, check=True, timeout=600)
    DOEL.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(BRON, DOEL)
    STEMPEL.write_text(_hash() + "\n", encoding="ascii")


def main() -> int:
    try:
        installeer()
    except (RuntimeError, subprocess.SubprocessError, OSError) as fout:
        print(f"Webchat niet geïnstalleerd: {fout}", file=sys.stderr)
        print("De assistent werkt wel (terminal, REST, Teams); /chat/ meldt dit.",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
