"""How large a PDF's compressed streams are once inflated, measured before pypdf parses anything.

A few hundred kilobytes of deflated no-op operators inflate to gigabytes, and pypdf turns every operator
into Python objects. Each Flate stream is inflated here into a counter (the bytes are thrown away, a
megabyte at a time), and the count stops as soon as it passes the limit, so a bomb costs a fraction of a
second and almost no memory. Streams of an encrypted PDF cannot be measured that way; for those,
``page_content_size`` measures each page's decrypted content (pypdf inflates one stream at most to its
own limit) before any text is extracted.
"""

from __future__ import annotations

import re
import zlib

import pypdf
from pypdf.generic import ArrayObject

_STREAM = re.compile(rb"stream\r?\n")
_PIECE = 1024 * 1024


def inflated_size(data: bytes, limit: int, ratio_free: int) -> tuple[int, float]:
    """The total inflated size of the PDF's zlib streams (a number above ``limit`` once it passes it), and
    the highest ratio of inflated to packed size among streams inflating past ``ratio_free`` bytes (per
    stream, so padding the file with other data does not hide a bomb)."""
    total, worst = 0, 0.0
    for match in _STREAM.finditer(data):
        start = match.end()
        if data[start : start + 1] != b"\x78":  # zlib's header byte; other filters are not measured
            continue
        end = data.find(b"endstream", start)
        packed = data[start : end if end > 0 else len(data)]
        count = _inflate_count(packed, limit - total)
        total += count
        if count > ratio_free:
            worst = max(worst, count / len(packed))
        if total > limit:
            break
    return total, worst


def _inflate_count(packed: bytes, budget: int) -> int:
    """Bytes ``packed`` inflates to, counting at most ``budget + 1`` of them; a broken stream counts 0."""
    inflater = zlib.decompressobj()
    count, pending = 0, packed
    try:
        while pending and count <= budget and not inflater.eof:
            count += len(inflater.decompress(pending, _PIECE))
            pending = inflater.unconsumed_tail
    except zlib.error:
        return count
    return count


def page_content_size(reader: pypdf.PdfReader, limit: int) -> int:
    """The decoded size of the pages' content streams, or a number above ``limit`` once it passes it."""
    total = 0
    for page in reader.pages:
        contents = page.get("/Contents")
        if contents is None:
            continue
        contents = contents.get_object()
        streams = contents if isinstance(contents, ArrayObject) else [contents]
        for stream in streams:
            total += len(stream.get_object().get_data())
            if total > limit:
                return total
    return total
