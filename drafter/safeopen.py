"""The one door for files that come from outside: .docx/.xlsx/.odt packages and their XML parts.

Another office's file may be a zip bomb, carry `../` entry names, lie in its zip headers, or
declare entities that read local files or fetch URLs.  Everything drafter reads from a user
(import, check, collect, decisions) is opened here, so those rules hold in one place:

- the file itself is at most `fileio.MAX_INPUT_BYTES`;
- no entry name is absolute, a drive, or climbs with `..`; no name occurs twice;
- each part inflates to at most `MAX_PART_BYTES`, all together to at most `MAX_TOTAL_BYTES`,
  and a large part compressed more than `MAX_RATIO`:1 is a bomb.  Declared sizes are checked
  before anything is inflated, and the inflated bytes are counted while reading, in chunks,
  since headers can lie: memory stays bounded whatever the file claims;
- an XML part is parsed without DTDs, entities, network or XInclude, and a part that declares
  a DTD at all is refused (Office packages never carry one).

Refusals are `InputError`s that say what was refused and why, located by file and part:
`返回文件.docx: word/document.xml inflates past 200 MB (it would unpack to 800 MB); refused`.
"""
from __future__ import annotations

import contextlib
import io
import os
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Iterator

from .errors import InputError
from .fileio import MAX_INPUT_BYTES, read_bytes

MB = 2**20
MAX_PART_BYTES = 200 * MB  # inflated size of one part
MAX_TOTAL_BYTES = 400 * MB  # of all parts together
MAX_RATIO = 200  # inflated / compressed, for parts over RATIO_FLOOR
RATIO_FLOOR = MB
MAX_PARTS = 10000  # entries in one package (each costs memory before any is read)
CHUNK = MB  # inflated bytes per read

WORD_MAIN = "word/document.xml"
_DTD_MARKS = tuple("<!DOCTYPE".encode(enc) for enc in ("ascii", "utf-16-le", "utf-16-be"))
_MEDIA = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".svg", ".bin",
          ".wdp", ".jfif", ".ico", ".ttf", ".odttf", ".fntdata")
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, ValueError,
               struct.error, KeyError)
__all__ = ["MAX_PART_BYTES", "MAX_TOTAL_BYTES", "MAX_RATIO", "Refused", "Package", "open_package",
           "open_word", "parse_xml", "xml_parser", "open_docx", "open_workbook", "open_pdf", "check_zip"]


class Refused(InputError):
    """An input drafter will not open, with the reason apart from the file's name."""

    def __init__(self, name: str, reason: str):
        super().__init__("%s: %s" % (name, reason))
        self.name, self.reason = name, reason


def _mb(n: int) -> str:
    """A size as people read it: whole MB, else KB, else bytes."""
    if n >= MB:
        return "%d MB" % (n // MB)
    return "%d KB" % (n // 1024) if n >= 1024 else "%d bytes" % n


# XML -------------------------------------------------------------------------------------------

def xml_parser():
    """lxml's parser for untrusted XML: no DTD loaded, no entity resolved, no network, no
    huge-tree mode (libxml2's depth and size limits stay on); comments and PIs dropped.
    XInclude is only ever processed on request, and drafter never asks."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


def parse_xml(raw: bytes, name: str, part: str = ""):
    """The root element of an untrusted XML document; one that declares a DTD is refused."""
    from lxml import etree

    where = "%s: %s" % (name, part) if part else name
    refusal = Refused(name, "%sdeclares a DTD (<!DOCTYPE>), which Office files never do; refused"
                      % (part + " " if part else ""))
    if _declares_dtd(raw):  # before libxml2 sees its entities at all
        raise refusal
    try:
        root = etree.fromstring(raw, xml_parser())
    except etree.XMLSyntaxError as e:
        raise InputError("%s is damaged (%s)" % (where, e)) from None
    if root.getroottree().docinfo.doctype:
        raise refusal
    return root


def _declares_dtd(raw: bytes) -> bool:
    return any(mark in raw for mark in _DTD_MARKS)


# Zip packages ------------------------------------------------------------------------------------

def _unsafe_name(n: str) -> bool:
    parts = n.replace("\\", "/").split("/")
    return n.startswith(("/", "\\")) or ".." in parts or ":" in n or "\x00" in n


class Package:
    """A zip package from outside whose headers have been checked; parts are read through
    `chunks`, which inflates in bounded steps and counts what comes out."""

    def __init__(self, data: bytes, name: str):
        self.data, self.name = data, name
        self._buf = io.BytesIO(data)
        if data.count(b"PK\x01\x02") > MAX_PARTS:  # central directory entries, an upper bound
            raise Refused(name, "the package holds more than %d entries; refused" % MAX_PARTS)
        try:
            self.zip = zipfile.ZipFile(self._buf)
            infos = self.zip.infolist()
        except _ZIP_ERRORS as e:
            raise InputError("%s: not a readable zip package (%s)" % (name, str(e) or type(e).__name__)) from None
        seen: set[str] = set()
        total = packed = 0
        for info in infos:
            n = info.filename
            if _unsafe_name(n):
                raise Refused(name, "the package holds an entry with an unsafe path (%r); refused" % n)
            if n in seen:
                raise Refused(name, "the package holds two entries named %r; refused" % n)
            seen.add(n)
            if info.file_size > MAX_PART_BYTES:
                raise Refused(name, "%s inflates past %s (it would unpack to %s); refused"
                              % (n, _mb(MAX_PART_BYTES), _mb(info.file_size)))
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise Refused(name, "%s is compressed %d:1, like a zip bomb; refused"
                              % (n, info.file_size // max(info.compress_size, 1)))
            total += info.file_size
            packed += info.compress_size
        if total > MAX_TOTAL_BYTES:
            raise Refused(name, "the package inflates past %s (it would unpack to %s); refused"
                          % (_mb(MAX_TOTAL_BYTES), _mb(total)))
        if total > RATIO_FLOOR and total > MAX_RATIO * max(packed, 1):  # many small bombs
            raise Refused(name, "the package is compressed %d:1, like a zip bomb; refused" % (total // max(packed, 1)))
        self.infos = {i.filename: i for i in infos}
        self._inflated = 0  # counted across parts, against MAX_TOTAL_BYTES

    @property
    def names(self) -> set[str]:
        return set(self.infos)

    def __contains__(self, part: str) -> bool:
        return part in self.infos

    def __enter__(self) -> "Package":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.zip.close()

    def _damaged(self, part: str, why: str) -> InputError:
        return InputError("%s: the package is damaged (%s cannot be unpacked: %s)" % (self.name, part, why))

    def _raw(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """The part's stored (compressed) bytes, located through its local header."""
        fp = self._buf
        fp.seek(info.header_offset)
        head = fp.read(30)
        if len(head) < 30 or head[:4] != b"PK\x03\x04":
            raise self._damaged(info.filename, "no local header")
        name_len, extra_len = struct.unpack("<HH", head[26:30])
        fp.seek(info.header_offset + 30 + name_len + extra_len)
        left = info.compress_size
        while left > 0:
            piece = fp.read(min(CHUNK, left))
            if not piece:
                raise self._damaged(info.filename, "truncated")
            left -= len(piece)
            yield piece

    def chunks(self, part: str) -> Iterator[bytes]:
        """The inflated part in chunks of at most `CHUNK` bytes.  Every byte is counted: past
        the size its header declares, past `MAX_PART_BYTES` or past `MAX_TOTAL_BYTES` the read
        stops and the package is refused; a wrong CRC means a damaged file."""
        info = self.infos[part]
        if info.flag_bits & 0x1:
            raise Refused(self.name, "%s is encrypted; refused" % part)
        if info.compress_type == zipfile.ZIP_STORED:
            inflate = None
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            inflate = zlib.decompressobj(-15)
        else:
            raise Refused(self.name, "%s is compressed with zip method %d, which Office files never use; "
                          "refused" % (part, info.compress_type))
        count, crc = 0, 0
        try:
            for piece in self._raw(info):
                while piece:
                    if inflate is None:
                        out, piece = piece[:CHUNK], piece[CHUNK:]
                    else:
                        out = inflate.decompress(piece, CHUNK)
                        piece = inflate.unconsumed_tail
                    count += len(out)
                    self._count(part, info, count, len(out))
                    crc = zlib.crc32(out, crc)
                    if out:
                        yield out
                    if inflate is not None and inflate.eof:
                        piece = b""
            while inflate is not None and not inflate.eof:  # output zlib still holds back
                out = inflate.decompress(b"", CHUNK)
                if not out:
                    raise self._damaged(part, "the compressed data ends early")
                count += len(out)
                self._count(part, info, count, len(out))
                crc = zlib.crc32(out, crc)
                yield out
        except zlib.error as e:
            raise self._damaged(part, str(e)) from None
        if count != info.file_size:
            raise self._damaged(part, "it holds %d bytes, not the %d its header declares" % (count, info.file_size))
        if crc != info.CRC:
            raise self._damaged(part, "bad CRC-32")

    def _count(self, part: str, info: zipfile.ZipInfo, count: int, step: int) -> None:
        self._inflated += step
        if count > MAX_PART_BYTES:
            raise Refused(self.name, "%s inflates past %s; refused" % (part, _mb(MAX_PART_BYTES)))
        if count > info.file_size:
            raise Refused(self.name, "%s inflates past the %s its header declares; refused"
                          % (part, _mb(info.file_size)))
        if self._inflated > MAX_TOTAL_BYTES:
            raise Refused(self.name, "the package inflates past %s; refused" % _mb(MAX_TOTAL_BYTES))

    def read(self, part: str) -> bytes | None:
        """The whole part (bounded by the limits above), or None if the package has no such part."""
        if part not in self.infos:
            return None
        return b"".join(self.chunks(part))

    def xml(self, part: str):
        """The part's root element through the safe parser, or None if absent."""
        raw = self.read(part)
        return None if raw is None else parse_xml(raw, self.name, part)

    def verify(self) -> None:
        """Inflate every part once, keeping nothing: sizes and CRCs as declared, and no XML part
        declares a DTD.  After this a library that trusts the headers (python-docx, openpyxl)
        reads no more than they say."""
        self._inflated = 0
        for part in self.infos:
            scan = not part.lower().endswith(_MEDIA)
            tail = b""
            for out in self.chunks(part):
                if scan:
                    window = tail + out
                    if _declares_dtd(window):
                        raise Refused(self.name, "%s declares a DTD (<!DOCTYPE>), which Office files never "
                                      "do; refused" % part)
                    tail = window[-24:]
        self._inflated = 0


def _data(source: bytes | str | os.PathLike) -> bytes:
    return source if isinstance(source, (bytes, bytearray)) else read_bytes(source, MAX_INPUT_BYTES)


def open_package(source: bytes | str | os.PathLike, name: str | None = None) -> Package:
    """Any zip package from outside (a path is read under the input size cap)."""
    name = name or str(source)
    data = _data(source)
    if not data:
        raise InputError("%s: the file is empty" % name)
    return Package(bytes(data), name)


def open_word(source: bytes | str | os.PathLike, name: str | None = None) -> Package:
    """A .docx package, with plain words for the files people mistake for one."""
    name = name or str(source)
    data = _data(source)
    if not data:
        raise InputError("%s: the file is empty" % name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError("%s: this is an old binary Word file (.doc) named .docx; rename it to .doc "
                         "(drafter converts it through LibreOffice)" % name)
    try:
        pkg = Package(bytes(data), name)
    except Refused:
        raise
    except InputError:
        raise InputError("%s: not a Word .docx file (not a zip package); save it from Word as .docx, "
                         "or import the text" % name) from None
    if WORD_MAIN not in pkg:
        names = pkg.names
        pkg.close()
        if "content.xml" in names and "mimetype" in names:
            raise InputError("%s: this is an OpenDocument file, not .docx; rename it to .odt" % name)
        raise InputError("%s: a zip file, but not a Word document (no %s)" % (name, WORD_MAIN))
    return pkg


def check_zip(data: bytes, name: str) -> None:
    """Refuse a zip-based file (.odt, .docx) before another program (LibreOffice) opens it."""
    if data[:4] == b"PK\x03\x04":
        with open_package(data, name) as pkg:
            pkg.verify()


def open_docx(source: bytes | str | os.PathLike, name: str | None = None):
    """A python-docx Document of a checked, verified package (python-docx reads parts by their
    declared sizes, which `verify` has made true)."""
    import docx

    name = name or str(source)
    with open_word(source, name) as pkg:
        pkg.verify()
        data = pkg.data
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises its own PackageNotFoundError, KeyError, …
        raise InputError("%s: cannot be opened as a .docx (%s: %s)" % (name, type(e).__name__, e)) from None


def open_workbook(path: str | os.PathLike):
    """An openpyxl workbook (read-only, values) of a checked, verified .xlsx package."""
    from openpyxl import load_workbook

    name = str(path)
    with open_package(path, name) as pkg:
        pkg.verify()
        data = pkg.data
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds on a file it cannot read
        raise InputError("%s: cannot be opened as a workbook (%s: %s)" % (name, type(e).__name__, e)) from None


# PDF -------------------------------------------------------------------------------------------

class _BoundedZlib:
    """What pdfminer sees as `zlib` while a PDF from outside is read: a Flate stream that
    inflates past `MAX_PART_BYTES` is refused instead of filling memory (pdfminer inflates
    each stream whole)."""

    error = zlib.error

    def __init__(self, name: str):
        self.name = name

    def _refuse(self) -> Refused:
        return Refused(self.name, "a compressed stream inflates past %s; refused" % _mb(MAX_PART_BYTES))

    def decompress(self, data: bytes, *args) -> bytes:
        d = zlib.decompressobj(*args[:1])
        out = d.decompress(data, MAX_PART_BYTES + 1)
        if len(out) > MAX_PART_BYTES or d.unconsumed_tail:
            raise self._refuse()
        if not d.eof:
            raise zlib.error("incomplete or truncated stream")
        return out

    def decompressobj(self, *args):
        inner, limit = zlib.decompressobj(*args), self

        class Counted:
            total = 0

            def decompress(self, data: bytes, max_length: int = 0) -> bytes:
                out = inner.decompress(data, max_length) if max_length else inner.decompress(data)
                Counted.total += len(out)
                if Counted.total > MAX_PART_BYTES:
                    raise limit._refuse()
                return out

            def __getattr__(self, attr):
                return getattr(inner, attr)

        return Counted()


@contextlib.contextmanager
def open_pdf(data: bytes, name: str):
    """pdfplumber over a PDF's bytes (read under the input size cap), its Flate streams bounded.
    Not for concurrent threads: the bound is set on pdfminer's module for the duration."""
    import pdfplumber
    from pdfminer import pdftypes

    saved = pdftypes.zlib
    pdftypes.zlib = _BoundedZlib(name)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            yield pdf
    finally:
        pdftypes.zlib = saved


def read_input(path: str | Path) -> bytes:
    """Any other input file's bytes, under the input size cap."""
    return read_bytes(path, MAX_INPUT_BYTES)
