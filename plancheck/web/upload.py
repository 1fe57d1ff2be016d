"""Receive one multipart upload into a private directory, enforcing the size cap while streaming.

The body is parsed as it arrives: the file part goes straight to disk under a
random name, and the moment the cap is passed the upload stops with
:class:`UploadRejected` (413), so an oversized upload is never read in full.
The user's file name is kept for display only; it never becomes a path.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import BinaryIO

import anyio.to_thread
from python_multipart.multipart import MultipartParser, parse_options_header

from plancheck.extract.sniff import sniff

MAX_FIELDS = 20
MAX_FIELD_BYTES = 4096
# Room for the form fields and multipart framing on top of the file cap.
BODY_SLACK = MAX_FIELDS * MAX_FIELD_BYTES + 64 * 1024
FILE_FIELD = "file"


class UploadRejected(Exception):
    """The upload cannot be checked; carries the HTTP status and a one-line reason."""

    def __init__(self, status: int, reason: str) -> None:
        self.status = status
        self.reason = reason
        super().__init__(reason)


@dataclass
class Upload:
    """A received upload: the stored file (random name), its sniffed format and the form fields."""

    path: Path
    display_name: str
    format: str | None
    size: int
    fields: dict[str, str] = field(default_factory=dict)

    def discard(self, keep: Path | None) -> None:
        """Delete the stored file, or move it into ``keep`` (the --keep directory)."""
        if keep is not None:
            try:
                shutil.move(self.path, keep / self.path.name)  # move, not rename: keep may be another disk
                return
            except OSError:
                pass
        self.path.unlink(missing_ok=True)


def too_large(max_bytes: int, name: str | None) -> str:
    """The 413 reason, naming the file where its name has arrived."""
    return f"{name + ': ' if name else ''}the file is over the {max_bytes // (1024 * 1024)} MB limit"


def display_name(raw: str) -> str:
    """The base name of a client-supplied file name, trimmed to something displayable."""
    name = PureWindowsPath(PurePosixPath(raw).name).name
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:120] or "upload"


class _Receiver:
    """python-multipart callbacks that write the one file part to ``dest`` and keep small fields."""

    def __init__(self, dest: Path, max_file_bytes: int) -> None:
        self.dest = dest
        self.max_file_bytes = max_file_bytes
        self.fields: dict[str, str] = {}
        self.filename: str | None = None
        self.size = 0
        self._out: BinaryIO | None = None
        self._header_name = b""
        self._header_value = b""
        self._disposition = b""
        self._name = ""
        self._value = bytearray()
        self._is_file = False

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self._part_begin,
            "on_header_field": self._header_field,
            "on_header_value": self._header_value_cb,
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
        }

    def _part_begin(self) -> None:
        self._disposition = b""
        self._value = bytearray()
        self._is_file = False

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def _header_value_cb(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _header_end(self) -> None:
        if self._header_name.lower() == b"content-disposition":
            self._disposition = self._header_value
        self._header_name = b""
        self._header_value = b""

    def _headers_finished(self) -> None:
        _, params = parse_options_header(self._disposition)
        self._name = params.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in params and self._name == FILE_FIELD:
            if self._out is not None:
                raise UploadRejected(400, "send one file per check")
            self._is_file = True
            self.filename = display_name(params[b"filename"].decode("utf-8", "replace"))
            fd = os.open(self.dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            self._out = os.fdopen(fd, "wb")
        elif b"filename" in params:
            shown = self._name[:40] or "(no name)"
            raise UploadRejected(422, f"{shown}: a file was sent in this field; send the plan as 'file'")
        elif len(self.fields) >= MAX_FIELDS:
            raise UploadRejected(400, f"too many form fields (at most {MAX_FIELDS})")

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self._is_file:
            self.size += len(chunk)
            if self.size > self.max_file_bytes:
                raise UploadRejected(413, too_large(self.max_file_bytes, self.filename))
            assert self._out is not None
            self._out.write(chunk)
        else:
            self._value += chunk
            if len(self._value) > MAX_FIELD_BYTES:
                raise UploadRejected(400, f"form field {self._name!r} is too long")

    def _part_end(self) -> None:
        if self._is_file:
            assert self._out is not None
            self._out.flush()
        elif self._name:
            self.fields[self._name] = self._value.decode("utf-8", "replace").strip()

    def close(self) -> None:
        if self._out is not None:
            self._out.close()


async def receive_upload(
    headers: dict[str, str], stream: AsyncIterator[bytes], directory: Path, max_file_bytes: int
) -> Upload:
    """Stream a multipart body into ``directory``; raise UploadRejected (400/413/415) on bad input."""
    max_body = max_file_bytes + BODY_SLACK
    declared = headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_body:
        raise UploadRejected(413, too_large(max_file_bytes, None))
    ctype, params = parse_options_header(headers.get("content-type", ""))
    if ctype != b"multipart/form-data" or b"boundary" not in params:
        raise UploadRejected(400, "send the file as multipart/form-data with a 'file' field")
    dest = directory / secrets.token_hex(16)
    receiver = _Receiver(dest, max_file_bytes)
    parser = MultipartParser(params[b"boundary"], receiver.callbacks())  # type: ignore[arg-type]
    received = 0
    try:
        async for chunk in stream:
            received += len(chunk)
            if received > max_body:
                raise UploadRejected(413, too_large(max_file_bytes, receiver.filename))
            parser.write(chunk)
        parser.finalize()
    except BaseException as e:  # includes cancellation (the upload time limit): never leave a partial file
        receiver.close()
        dest.unlink(missing_ok=True)
        if isinstance(e, UploadRejected) or not isinstance(e, Exception):
            raise
        # Anything else is malformed multipart framing: the client's error.
        raise UploadRejected(400, f"malformed upload: {type(e).__name__}") from None
    receiver.close()
    if receiver.filename is None:
        dest.unlink(missing_ok=True)
        raise UploadRejected(400, "no file: choose a plan to check (form field 'file')")
    # In a thread: sniffing a zip reads its whole directory, which a hostile file can make large.
    return await anyio.to_thread.run_sync(
        _sniffed, Upload(dest, receiver.filename, None, receiver.size, receiver.fields)
    )


def _sniffed(upload: Upload) -> Upload:
    """Give the stored file its sniffed extension; refuse content plancheck does not read (415)."""
    if upload.size == 0:
        return upload  # the engine reports an empty file as unreadable, with the reason
    fmt = sniff(upload.path)
    if fmt is None:
        upload.path.unlink(missing_ok=True)
        raise UploadRejected(415, f"{upload.display_name}: not a PDF, Word, ODT, RTF, HTML or text file")
    named = upload.path.with_suffix(f".{fmt}")
    upload.path.replace(named)
    upload.path, upload.format = named, fmt
    return upload
