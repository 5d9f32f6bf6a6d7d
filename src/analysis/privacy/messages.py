"""Reject messages in two copies: the researcher's own (raw values as typed) and the
shareable one (`shown` decides what of a raw value may appear: a date as a date, a known
vocabulary word as itself, anything else only described by its shape); and `allow_words`
for unit names, kept word by word from an allow-list."""

from __future__ import annotations

import re

from analysis.privacy.names import Names, tokens
from analysis.privacy.patterns import DATE_SHAPES
from analysis.privacy.scrubbing import scrub

# Words a unit or organisation name may hold (police and government structure). A unit
# cell is free text that a name can hide in; words outside this list, the taxonomy and
# the region's own place names (or `privacy.allowed_words`) are replaced, never copied.
UNIT_WORDS = set(
    """
    polda polres polresta polrestabes polsek polri mabes bareskrim baharkam korlantas
    subdit subdirektorat dit direktorat ditreskrimsus ditreskrimum ditresnarkoba ditressiber
    ditbinmas ditsamapta ditintelkam ditlantas ditpolairud ditpamobvit ditsiber ditpropam
    sat satuan satreskrim satbinmas satsamapta satintelkam satlantas satres satresnarkoba
    reskrim reskrimsus reskrimum binmas samapta sabhara intelkam lantas siber cyber renakta
    ppa uptd unit unitppa tim team bidang bid bidhumas humas propam bhabinkamtibmas
    bhabin kamtibmas spkt sentra pelayanan kepolisian terpadu seksi sie urusan ur
    kasubdit kanit kasat kapolda kapolres kapolsek penyidik pembantu penyelidik
    dinas badan kantor kementerian dp3a dppa pppa p2tp2a satpol pp pol kominfo diskominfo
    pariwisata dispar sosial dinsos pendidikan dikbud kesehatan dinkes kecamatan kelurahan
    pemerintah pemkot pemkab kota kabupaten provinsi daerah dan di the of and for
    sekolah menengah atas pertama dasar sma smk smp sd universitas kampus gereja masjid
    penginapan hotel losmen lsm yayasan lembaga perlindungan anak perempuan
    i ii iii iv v vi vii viii ix x xi xii
    """.split()
)


def allow_words(text: object, allowed: set[str]) -> object:
    """Keep a short label-like text only word by word from an allow-list; other words
    become [?] (a name or number in a unit cell is replaced, never copied)."""
    if not isinstance(text, str) or not text:
        return text

    def one(m: re.Match[str]) -> str:
        w = m.group(0)
        return w if w.casefold() in allowed or w.casefold() in UNIT_WORDS else "[?]"

    out = re.sub(r"[^\W_]+", one, text)
    return re.sub(r"(?:\[\?\][\s.,/-]*)+(?=\[\?\])", "", out)


# --------------------------------------------------------------------------- messages
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
_MARKED = re.compile(f"{MARK_OPEN}(.*?){MARK_CLOSE}", re.S)


def mark(value: object, cut: int | None = 40) -> str:
    """Wrap a raw value quoted in a reject message, so public copies can withhold it (cut
    to 40 characters unless `cut` is None: a name the researcher must copy stays whole)."""
    return MARK_OPEN + str(value)[:cut] + MARK_CLOSE


def private_message(msg: str) -> str:
    """The researcher's own copy: raw values quoted as they were typed."""
    return _MARKED.sub(lambda m: repr(m.group(1)), msg)


def describe(value: str) -> str:
    """A value's shape, never its content: 'a 16-digit number', 'a text of 3 words'."""
    v = value.strip()
    digits = re.sub(r"\D", "", v)
    if v and len(digits) >= len(re.sub(r"[\s.\-/+()]", "", v)):
        return f"{len(digits)}-digit number"
    words = len(v.split())
    return f"{words} word{'s' * (words != 1)}, {len(v)} characters"


def shown(value: str, allowed_words: set[str]) -> str:
    """What a public message may show of a raw value: itself if it is a date, a small
    number or made only of known vocabulary words; otherwise its shape."""
    v = value.strip()
    if DATE_SHAPES.match(v) or re.fullmatch(r"-?\d{1,6}(?:[.,]\d{1,3})?", v):
        return repr(v)
    toks = tokens(v)
    if (
        toks
        and len(v) <= 40
        and all(t.casefold() in allowed_words for t in toks)
        and not re.search(r"\d{3,}", v)
        and scrub(v) == v
    ):
        return repr(v)
    return f"[withheld: {describe(v)}]"


def public_message(msg: str, allowed_words: set[str], names: Names | None = None) -> str:
    """The shareable copy of a reject message: withheld values described, the rest scrubbed."""
    out = re.sub(r"\(=[^\n]*?\) with no saved", "(formula not shown) with no saved", msg)
    parts = _MARKED.split(out)
    for i in range(1, len(parts), 2):
        parts[i] = MARK_OPEN + shown(parts[i], allowed_words) + MARK_CLOSE
    joined = "".join(parts)
    pieces = re.split(f"({MARK_OPEN}.*?{MARK_CLOSE})", joined)
    return "".join(
        p[1:-1] if p.startswith(MARK_OPEN) else _scrub_message_text(p, names) for p in pieces
    )


_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _scrub_message_text(text: str, names: Names | None) -> str:
    """Scrub a message's own words, keeping the ISO dates the message itself printed."""
    dates = _ISO_DATE.findall(text)
    masked = _ISO_DATE.sub("\ue002", text)
    out = str(scrub(masked, names or ()))
    for d in dates:
        out = out.replace("\ue002", d, 1)
    return out
