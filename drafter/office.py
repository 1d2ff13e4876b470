"""LibreOffice, driven headless: .docx → PDF, and .doc/.wps/.odt → .docx for the importer.

Each conversion uses a private LibreOffice profile (so it never collides with a running
office or another conversion) and drafter's fontconfig aliases (`look/fonts.conf`), so the
公文 fonts named in a .docx map to free CJK faces instead of one sans fallback.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import DrafterError

FONTS_CONF = Path(__file__).resolve().parent / "look" / "fonts.conf"
TIMEOUT = 180


class OfficeMissing(DrafterError):
    pass


def soffice() -> str:
    path = os.environ.get("SOFFICE") or shutil.which("soffice") or shutil.which("libreoffice")
    if not path:
        raise OfficeMissing("LibreOffice is not installed (needed for this step); on Debian: "
                            "apt-get install libreoffice-writer-nogui")
    return path


def office_env() -> dict[str, str]:
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    env.setdefault("SAL_USE_VCLPLUGIN", "svp")
    return env


def convert(src: str | os.PathLike, fmt: str, outdir: str | os.PathLike) -> Path:
    """Convert `src` to `fmt` ("pdf", "docx", "txt:Text (encoded):UTF8") into `outdir`; return
    the new file's path.  Raises DrafterError with LibreOffice's words when it fails."""
    src = Path(src).resolve()
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="drafter-lo-") as profile:
        cmd = [soffice(), "-env:UserInstallation=" + Path(profile).as_uri(), "--headless",
               "--invisible", "--nologo", "--norestore", "--nodefault", "--convert-to", fmt,
               "--outdir", str(outdir), str(src)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT,
                                  env=office_env())
        except subprocess.TimeoutExpired:
            raise DrafterError("LibreOffice took more than %d s to convert %s" % (TIMEOUT, src)) from None
    ext = fmt.split(":")[0]
    out = outdir / (src.stem + "." + ext)
    if proc.returncode != 0 or not out.exists():
        detail = (proc.stderr or proc.stdout or "").strip().splitlines()
        raise DrafterError("LibreOffice could not convert %s to %s%s"
                           % (src.name, ext, ": " + detail[-1] if detail else ""))
    return out
