"""Reading text in whatever encoding an office PC saved it, and writing outputs atomically.

Every output goes through `atomic_write`: a temp file in the target folder, fsync, then
`os.replace`, so a killed process leaves the old file or the new one, never half of one.
"""
from __future__ import annotations

import codecs
import contextlib
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterator

from .errors import InputError, OutputError

MAX_INPUT_BYTES = 64 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_CHINESE_ENCODINGS = {"gb2312", "gbk", "gb18030", "big5", "big5hkscs", "cp936", "cp950", "hz", "utf8",
                      "utf16", "utf32", "utf16le", "utf16be", "utf32le", "utf32be", "utf8sig"}


def read_bytes(path: str | os.PathLike, limit: int = MAX_INPUT_BYTES) -> bytes:
    """A file's bytes, at most `limit` of them: the size is checked before reading and the read
    stops there too (a device, a pipe or a growing file has no honest size)."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError("%s: is a folder, not a file" % p)
        size = p.stat().st_size
        with open(p, "rb") as fh:
            data = fh.read(limit + 1) if size <= limit else b""
        if size > limit or len(data) > limit:
            raise InputError("%s: file is %d MB, more than the %d MB drafter reads"
                             % (p, max(size, len(data)) // 2**20, limit // 2**20))
        return data
    except FileNotFoundError:
        raise InputError("%s: no such file" % p) from None
    except PermissionError:
        raise InputError("%s: permission denied" % p) from None
    except OSError as e:
        raise InputError("%s: cannot read: %s" % (p, e.strerror or e)) from None


def detect_encoding(data: bytes) -> str:
    """The encoding of a Chinese text file: BOM, then strict UTF-8, then UTF-16 without BOM,
    then the best of GB18030 / Big5 as judged by charset-normalizer."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    sample = data[:4096]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        even_nuls = sample[0::2].count(b"\x00")
        odd_nuls = sample[1::2].count(b"\x00")
        return "utf-16-be" if even_nuls > odd_nuls else "utf-16-le"
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((enc, text))
    if len(candidates) == 1:
        return candidates[0][0]
    if candidates:
        # Both decode: prefer the one whose text uses common characters.  Frequent characters
        # of official Chinese text decide cheaply and well; fall back to charset-normalizer.
        common = set("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
                     "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自"
                     "二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日"
                     "那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变"
                     "条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
                     "次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
                     "衛健康醫療務國會區發體點藥關現實進開設"
                     "卫健康医疗务国会区发体点药关现实进开设")
        best = max(candidates, key=lambda c: sum(ch in common for ch in c[1][:20000]))
        return best[0]
    from charset_normalizer import from_bytes  # lazy

    match = from_bytes(data).best()
    guess = match.encoding if match is not None else None
    if guess is None or guess.replace("_", "").lower() not in _CHINESE_ENCODINGS:
        # A Latin or Cyrillic reading of bytes meant as Chinese is noise, not text: say so.
        raise InputError("cannot decode: tried UTF-8, UTF-16, GB18030 and Big5%s; "
                         "give the encoding with --encoding"
                         % (" (it might be %s, which is not a Chinese encoding)" % guess if guess else ""))
    return guess


def decode(data: bytes, encoding: str | None = None, name: str = "<input>") -> str:
    """Text of a file: given encoding or detected; line endings unified to \\n; BOM dropped."""
    if b"\x00" in data[:4096] and not (encoding or "").lower().startswith("utf-16") \
            and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        sample = data[:4096]
        if sample.count(b"\x00") <= len(sample) // 4:  # not UTF-16: NULs mean binary
            raise InputError("%s: looks like a binary file, not text" % name)
    enc = encoding
    if enc is None:
        try:
            enc = detect_encoding(data)
        except InputError as e:
            raise InputError("%s: %s" % (name, e.message)) from None
    try:
        text = data.decode(enc)
    except LookupError:
        raise InputError("%s: unknown encoding %r" % (name, encoding)) from None
    except UnicodeDecodeError as e:
        raise InputError("%s: cannot decode as %s at byte %d; try another --encoding"
                         % (name, enc, e.start)) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: str | os.PathLike, encoding: str | None = None) -> str:
    return decode(read_bytes(path), encoding, str(path))


# Writing ----------------------------------------------------------------------------------

def atomic_write(path: str | os.PathLike, data: bytes | str, *, encoding: str = "utf-8") -> Path:
    """Write `data` to `path` atomically (temp file in the same folder, fsync, rename)."""
    if isinstance(data, str):
        data = data.encode(encoding)
    with atomic_output(path) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
    return Path(path)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temp path beside `path`; on success it replaces `path`, on failure it vanishes.

    For writers that want a file name (python-docx's `save`, openpyxl, LibreOffice)."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError("%s: cannot create folder: %s" % (folder, e.strerror or e)) from None
    if target.is_dir():
        raise OutputError("%s: is a folder; give a file name" % target)
    _remove_stale_temps(folder, target.name)
    fd, tmp_name = tempfile.mkstemp(prefix="%s%d." % (_temp_prefix(target.name), os.getpid()),
                                    suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _temp_prefix(name: str) -> str:
    return "." + name + ".drafter-"


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Temp files a killed drafter left beside `name` (SIGKILL runs no clean-up): their names
    carry the writer's process id, and a temp whose writer is gone is removed."""
    prefix = _temp_prefix(name)
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(prefix) and p.name.endswith(".tmp")]
    except OSError:
        return
    for p in candidates:
        pid = p.name[len(prefix):].split(".", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                p.unlink()
        except OSError:
            pass  # alive, owned by someone else


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_output(path: str | os.PathLike, *, force: bool = False,
                 inputs: tuple[str | os.PathLike, ...] = ()) -> Path:
    """Refuse to overwrite an existing file without --force, and an input file always unless
    forced (then a .bak copy is kept by `backup`)."""
    target = Path(path)
    for src in inputs:
        with contextlib.suppress(OSError):
            if target.exists() and Path(src).exists() and target.resolve() == Path(src).resolve():
                if not force:
                    raise OutputError("%s: is also the input; refusing to overwrite it (use --force)"
                                      % target)
                backup(target)  # forced over an input: keep the original as .bak
    if target.exists() and not force:
        raise OutputError("%s: already exists; use --force to replace it" % target)
    return target


def backup(path: str | os.PathLike) -> Path | None:
    """Keep `path.bak` before an input is rewritten in place."""
    p = Path(path)
    if not p.exists():
        return None
    bak = p.with_name(p.name + ".bak")
    atomic_write(bak, p.read_bytes())
    return bak


def write_output(path: str | os.PathLike, produce: Callable[[Path], None]) -> Path:
    """Call `produce(tmp_path)` and move the result into place atomically."""
    with atomic_output(path) as tmp:
        produce(tmp)
    return Path(path)
