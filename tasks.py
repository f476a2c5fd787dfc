#!/usr/bin/env python3
"""Developer entry point: ``python3 tasks.py run`` and ``python3 tasks.py test``.

Works on a fresh machine with only Python 3.11+: it creates ``.venv`` from the
pinned lock file (``requirements/dev.txt``, with hashes) the first time, and
reinstalls only when the lock file or ``pyproject.toml`` changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("WERKPUNT_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
LOCK = ROOT / "requirements" / "dev.txt"
STAMP = VENV / ".werkpunt-installed"

if sys.version_info < (3, 11):  # noqa: UP036 - this file must run on old Pythons to say so
    sys.exit("Werkpunt heeft Python 3.11 of nieuwer nodig.")


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_venv() -> None:
    """Create the virtualenv and install the locked packages when needed."""
    if not (BIN / "python").exists():
        print(f"Virtuele omgeving maken in {VENV.name}/ ...", flush=True)
        venv.create(VENV, with_pip=True)
    if STAMP.exists() and STAMP.read_text() == _fingerprint():
        return
    pip = BIN / "pip"
    _run(pip, "install", "--quiet", "--upgrade", "pip")
    _run(pip, "install", "--quiet", "--require-hashes", "-r", LOCK)
    _run(pip, "install", "--quiet", "--no-deps", "-e", ROOT)
    STAMP.write_text(_fingerprint())


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.setdefault("DJANGO_SETTINGS_MODULE", "werkpunt.conf.settings")
    return env


def run() -> None:
    """Start the platform with demo content on the embedded defaults."""
    env = _env()
    env.setdefault("WERKPUNT_DEBUG", "true")
    _run(BIN / "werkpunt", "manage", "migrate", "--noinput", env=env)
    _run(BIN / "werkpunt", "demo", env=env)
    # The back office: partners, demo staff (with a demo authenticator), employers, placements.
    _run(BIN / "werkpunt", "manage", "demo_backoffice", env=env)
    # Matching: candidates, demands, a matchtafel and an open day on top of the back office.
    _run(BIN / "werkpunt", "manage", "demo_matching", env=env)
    address = env.get("WERKPUNT_ADDRESS", "127.0.0.1:8000")
    _run(BIN / "werkpunt", "manage", "runserver", address, env=env)


def test() -> None:
    """Lint, type-check, validate the rules and run the whole test suite."""
    env = _env()
    _run(BIN / "ruff", "check", ".", env=env)
    _run(BIN / "ruff", "format", "--check", ".", env=env)
    _run(BIN / "mypy", env=env)
    _run(BIN / "werkpunt", "rules", "check", env=env)
    _run(BIN / "werkpunt", "manage", "makemigrations", "--check", "--dry-run", env=env)
    _run(BIN / "pytest", *sys.argv[2:], env=env)


def lock() -> None:
    """Recompile the pinned lock files from pyproject.toml."""
    env = _env()
    _run(BIN / "pip", "install", "--quiet", "pip-tools", env=env)
    common = (
        "--quiet",
        "--generate-hashes",
        "--allow-unsafe",
        "--strip-extras",
        # The lock file must not name this machine's package mirrors or folders.
        "--no-emit-index-url",
        "--no-emit-find-links",
    )
    # Relative paths (pip-compile runs in ROOT), so no folder of this machine lands in the header.
    dev = LOCK.relative_to(ROOT)
    _run(BIN / "pip-compile", *common, "--extra", "dev", "-o", dev, "pyproject.toml", env=env)
    base = Path("requirements") / "base.txt"
    _run(BIN / "pip-compile", *common, "-o", base, "pyproject.toml", env=env)


COMMANDS = {"run": run, "test": test, "lock": lock, "setup": lambda: None}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit("Gebruik: python3 tasks.py run | test [pytest-opties] | lock | setup")
    ensure_venv()
    COMMANDS[sys.argv[1]]()


if __name__ == "__main__":
    main()
