"""PostgreSQL, Redis and nginx for the scale tests: installed from Debian when
missing, started on loopback in a temporary folder, stopped afterwards.

Nothing here touches the machine's own services or their data: every server
gets its own data folder, port and log, and listens on 127.0.0.1 only.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

import pytest

# Bounds: apt on a fresh machine, and each server's start-up.
APT_SECONDEN = 900
START_SECONDEN = 60


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wacht_op_poort(poort: int, proces: Optional[subprocess.Popen], wat: str,
                   seconden: float = START_SECONDEN) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if proces is not None and proces.poll() is not None:
            raise RuntimeError(f"{wat} gestopt met code {proces.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{wat} niet bereikbaar op poort {poort}")


def _initdb() -> Optional[str]:
    # Debian keeps the server programs out of PATH, one folder per version.
    gevonden = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return gevonden[-1] if gevonden else None


def installeer(nodig: Dict[str, str]) -> None:
    """``nodig``: Debian package -> program it provides. Installs the
    packages whose program is missing (as root; otherwise skip the test)."""
    def ontbreekt(programma: str) -> bool:
        if programma == "initdb":
            return _initdb() is None
        return shutil.which(programma) is None and not Path(
            f"/usr/sbin/{programma}").exists()

    pakketten = [p for p, programma in nodig.items() if ontbreekt(programma)]
    if not pakketten:
        return
    if os.geteuid() != 0:
        pytest.skip(f"niet geïnstalleerd en geen root: {' '.join(pakketten)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    # Wait for another apt run to finish instead of failing on its lock.
    apt = ["apt-get", "-o", "DPkg::Lock::Timeout=600", "-q"]
    installeren = [*apt, "install", "-y", "--no-install-recommends", *pakketten]
    if subprocess.run(installeren, env=env, timeout=APT_SECONDEN).returncode != 0:
        # A fresh machine may not have package lists yet.
        subprocess.run([*apt, "update"], env=env, timeout=APT_SECONDEN, check=True)
        subprocess.run(installeren, env=env, timeout=APT_SECONDEN, check=True)


def _als_postgres(commando: List[str]) -> List[str]:
    # PostgreSQL refuses to run as root.
    return ["runuser", "-u", "postgres", "--", *commando] if os.geteuid() == 0 \
        else commando


class Postgres:
    def __init__(self) -> None:
        initdb = _initdb()
        assert initdb, "PostgreSQL niet gevonden"
        self.bin = Path(initdb).parent
        self.map = Path(tempfile.mkdtemp(prefix="deelwijzer-pg-"))
        self.data = self.map / "data"
        self.poort = vrije_poort()
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.map, pw.pw_uid, pw.pw_gid)

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.poort}/deelwijzer"

    def start(self) -> "Postgres":
        subprocess.run(_als_postgres([
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
            "--auth=trust", "--encoding=UTF8", "--locale=C"]),
            check=True, timeout=120, stdout=subprocess.DEVNULL)
        self.hervat()
        subprocess.run(_als_postgres([
            str(self.bin.parent / "bin" / "createdb"), "-h", "127.0.0.1", "-p",
            str(self.poort), "-U", "postgres", "deelwijzer"]),
            check=True, timeout=60)
        return self

    def hervat(self) -> None:
        """Start the server on its data folder and port (again)."""
        # fsync off: a throwaway database; the tests measure no durability.
        opties = (f"-c listen_addresses=127.0.0.1 -p {self.poort} "
                  f"-k {self.map} -c fsync=off -c max_connections=100")
        subprocess.run(_als_postgres([
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l",
            str(self.map / "postgres.log"), "-o", opties, "-w", "-t",
            str(START_SECONDEN), "start"]), check=True, timeout=START_SECONDEN + 10,
            stdout=subprocess.DEVNULL)

    def onderbreek(self) -> None:
        """Stop the server, keeping its data: an outage. Open connections are
        cut, as when a database server goes down."""
        subprocess.run(_als_postgres([
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w",
            "-t", "30", "stop"]), check=True, timeout=40, stdout=subprocess.DEVNULL)

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run(_als_postgres([
                str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                "-w", "-t", "30", "stop"]), timeout=40,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.map, ignore_errors=True)


class Redis:
    def __init__(self) -> None:
        self.map = Path(tempfile.mkdtemp(prefix="deelwijzer-redis-"))
        self.poort = vrije_poort()
        self.proces: Optional[subprocess.Popen] = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.poort}/0"

    def start(self) -> "Redis":
        redis = shutil.which("redis-server") or "/usr/bin/redis-server"
        self.proces = subprocess.Popen(
            [redis, "--port", str(self.poort), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.map),
             "--logfile", str(self.map / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wacht_op_poort(self.poort, self.proces, "redis")
        return self

    def stop(self) -> None:
        stop_proces(self.proces)
        shutil.rmtree(self.map, ignore_errors=True)


NGINX_CONF = """\
worker_processes 1;
daemon off;
pid {map}/nginx.pid;
error_log {map}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {map}/access.log;
    client_body_temp_path {map}/tmp/body;
    proxy_temp_path {map}/tmp/proxy;
    fastcgi_temp_path {map}/tmp/fastcgi;
    uwsgi_temp_path {map}/tmp/uwsgi;
    scgi_temp_path {map}/tmp/scgi;
    upstream rasa {{
{rasa}
        keepalive 16;
    }}
    upstream acties {{
{acties}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{rasa_poort};
        location / {{
            proxy_pass http://rasa;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            # A server that is down (refused connection) is skipped; a request
            # that already reached a server is never sent twice.
            proxy_next_upstream error timeout;
            proxy_read_timeout 300s;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
    server {{
        listen 127.0.0.1:{acties_poort};
        location / {{
            proxy_pass http://acties;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_next_upstream error timeout;
            proxy_read_timeout 300s;
        }}
    }}
}}
"""


class Nginx:
    """Round robin over the Rasa servers, and over the action servers."""

    def __init__(self, rasa: List[int], acties: List[int]) -> None:
        self.map = Path(tempfile.mkdtemp(prefix="deelwijzer-nginx-"))
        self.rasa_poort, self.acties_poort = vrije_poort(), vrije_poort()
        self.proces: Optional[subprocess.Popen] = None

        def servers(poorten: List[int]) -> str:
            # max_fails=1: after one refused connection a dead server is left
            # alone for 30 s instead of being tried on every request.
            return "\n".join(f"        server 127.0.0.1:{p} max_fails=1 "
                             "fail_timeout=30s;" for p in poorten)

        (self.map / "tmp").mkdir()
        (self.map / "nginx.conf").write_text(NGINX_CONF.format(
            map=self.map, rasa=servers(rasa), acties=servers(acties),
            rasa_poort=self.rasa_poort, acties_poort=self.acties_poort))
        if os.geteuid() == 0:
            # The worker runs as nobody and buffers bodies in tmp/.
            os.chmod(self.map, 0o755)
            pw = pwd.getpwnam("nobody")
            os.chown(self.map / "tmp", pw.pw_uid, pw.pw_gid)

    def start(self) -> "Nginx":
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.proces = subprocess.Popen(
            [nginx, "-e", str(self.map / "error.log"), "-p", str(self.map),
             "-c", str(self.map / "nginx.conf")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wacht_op_poort(self.rasa_poort, self.proces, "nginx")
        return self

    def stop(self) -> None:
        stop_proces(self.proces)
        shutil.rmtree(self.map, ignore_errors=True)


def stop_proces(proces: Optional[subprocess.Popen], seconden: float = 20) -> None:
    if proces is None or proces.poll() is not None:
        return
    proces.terminate()
    try:
        proces.wait(timeout=seconden)
    except subprocess.TimeoutExpired:
        proces.kill()
        proces.wait(timeout=seconden)
