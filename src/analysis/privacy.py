"""Privacy by construction: scrub free text, describe withheld values, detect identifiers.

The project studies institutions, never individuals. Three jobs live here:
- `scrub` replaces identifiers in free text (notes, interview text and questions) with
  typed placeholders before anything is written;
- `shown` decides what of a raw value a public reject message may show (a date as a date,
  a known vocabulary word as itself, anything else only described by its shape);
- `find_identifiers` is the detector the privacy gate (`analysis.gate`) runs on every
  generated file; it must stay quiet on dates, rounded floats and hex hashes.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

import phonenumbers

from analysis.normalise import map_unique

PLACEHOLDERS = {
    "phone": "[TELEPON]",
    "nik": "[NIK]",
    "digits": "[NOMOR]",
    "lp_number": "[NOMOR-LP]",
    "email": "[EMAIL]",
    "username": "[AKUN]",
    "link": "[TAUTAN]",
    "address": "[ALAMAT]",
    "name": "[NAMA]",
    "minor_age": "[USIA-ANAK]",
}

# --------------------------------------------------------------------------- vocabularies
HONORIFICS = (
    r"Sdr|Sdri|Saudara|Saudari|Ibu|Bu|Bapak|Pak|Bpk|Tn|Tuan|Ny|Nyonya|Nn|"
    r"Nona|Mas|Mbak|Kak|Kakak|Adik|Dik|Om|Tante|Mama|Mace|Pace|Oma|Opa|Ama|Ina|Nona|Usi|Nyong"
)
RANKS = (
    r"Bharada|Bharatu|Bharaka|Abripda|Abriptu|Abrip|Bripda|Briptu|Brigpol|Brigadir|Brig|Bripka|"
    r"Aipda|Aiptu|Ipda|Iptu|AKP|Kompol|AKBP|Kombes|Kombespol|Brigjen|Brigjenpol|Irjen|Irjenpol|"
    r"Komjen|Komjenpol|Jenderal|Kapt|Letda|Lettu|Serda|Sertu|Serka|Peltu|Pelda|Kopda|Praka"
)
ROLES = r"tersangka|pelaku|korban|saksi|pelapor|terlapor|mucikari|germo|muncikari|tsk"
PLATFORMS = (
    r"MiChat|Mi\s?Chat|WeChat|BeeTalk|Instagram|IG|Facebook|FB|TikTok|Telegram|Tele|Line|"
    r"WhatsApp|WA|Twitter|Snapchat|Tinder|Tantan|Bigo|Signal"
)
LINK_HOSTS = (
    r"wa\.me|api\.whatsapp\.com|chat\.whatsapp\.com|t\.me|telegram\.me|instagram\.com|"
    r"instagr\.am|facebook\.com|fb\.com|fb\.me|m\.me|tiktok\.com|vt\.tiktok\.com|twitter\.com|"
    r"x\.com|line\.me|michat\.(?:sg|com|id)|snapchat\.com|youtube\.com|youtu\.be"
)
# capitalised words after a title that are not names ("Ibu Kota", "Bapak Kapolda")
NOT_NAMES = {
    "kota",
    "kapolda",
    "kapolres",
    "kapolsek",
    "kasubdit",
    "kanit",
    "kasat",
    "dirreskrimsus",
    "dirreskrimum",
    "kepala",
    "ketua",
    "wakil",
    "camat",
    "lurah",
    "guru",
    "rt",
    "rw",
    "polisi",
    "penyidik",
    "kasi",
    "kabid",
    "kabag",
    "presiden",
    "menteri",
    "gubernur",
    "walikota",
    "bupati",
    "pasal",
    "ayat",
    "uu",
    "lp",
    "michat",
    "wechat",
    "facebook",
    "instagram",
    "whatsapp",
    "tiktok",
    "telegram",
    "polda",
    "polres",
    "polsek",
    "polri",
    "ntt",
    "ite",
    "kuhp",
    "tahap",
    "pengguna",
}
_NAME_WORD = r"(?:[A-Z][a-zA-Z'`\-]+|[A-Z]\.?)"
_NAMES = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"

# --------------------------------------------------------------------------- patterns
_SEP = r"[\s./\-_:]*"
LP_RE = re.compile(
    rf"\bLP{_SEP}[AB]{_SEP}\d{{1,5}}{_SEP}[IVX]{{1,4}}{_SEP}(?:19|20)\d{{2}}"
    r"(?:\s*[/.\-]\s*[A-Za-z][A-Za-z .]*?(?=$|[\n;,)]|\s{2}))?",
    re.I,
)
EMAIL_RE = re.compile(r"[\w.+-]+(?:@|\s?\[at\]\s?|\s?\(at\)\s?)[\w-]+(?:\.[\w-]+)+", re.I)
LINK_RE = re.compile(rf"(?:https?://)?(?:www\.)?(?:{LINK_HOSTS})/[^\s,;)\]]+", re.I)
URL_PATH_RE = re.compile(r"\b(?:https?://|www\.)[^\s/]+/[^\s,;)\]]*[A-Za-z0-9][^\s,;)\]]*", re.I)
AT_HANDLE_RE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_.]{3,}")
PLATFORM_HANDLE_RE = re.compile(
    rf"(?:\b(?:{PLATFORMS}|akun|account|username|user\s?name|user|id|nama\s+akun)\b\s*){{1,3}}"
    r"(?P<colon>[:=]|\bbernama\b|\batas\s+nama\b)?\s*"
    r"(?P<handle>[A-Za-z0-9_.]{3,32})",
    re.I,
)
RANK_NAME_RE = re.compile(rf"\b(?:(?i:{RANKS}))\.?(?:\s+(?:Pol\.?|\(P\)))?\s+(?P<name>{_NAMES})")
HONORIFIC_NAME_RE = re.compile(
    rf"(?<![\w.])(?:(?i:{HONORIFICS})\.?|(?i:an\.|a\.\s?n\.?|atas\s+nama))\s*:?\s+(?P<name>{_NAMES})"
)
INITIALS_RE = re.compile(
    r"\b(?i:(?:ber)?inisial|insial)\s*:?\s*(?P<name>[A-Za-z](?:[.\s]?[A-Za-z]){0,3}\.?)"
    r"(?![a-z])"
)
ROLE_NAME_RE = re.compile(
    rf"\b(?i:{ROLES})\s+(?P<name>[A-Z]{{1,3}}(?:\.[A-Z]){{0,3}}\.?|{_NAMES})(?![a-z])"
)
ADDRESS_RE = re.compile(
    r"\b(?i:Jalan|Jln|Jl|Gang|Gg|Lorong|Komplek|Kompleks|Komp|Perumahan|Perum|Blok|Asrama)\b\.?"
    r"\s*(?:[A-Z0-9][\w'.\-]*\s*){1,5}"
    r"(?:(?i:No|Nomor|Nomer|Nmr|#)\.?\s*:?\s*\d+[A-Za-z]?|\d+[A-Za-z]?\b)?"
)
RT_RW_RE = re.compile(
    r"\b(?:RT|RW)\.?\s*:?\s*\d{1,3}(?:\s*[/,\-]?\s*(?:RT|RW)?\.?\s*:?\s*\d{1,3})?\b", re.I
)
_MINOR = r"(?:1[0-7]|[1-9])"
AGE_WORD_RE = re.compile(
    rf"\b(?:usia|umur|berusia|berumur|usianya|umurnya|age[d]?)\b\s*[:=]?\s*"
    rf"(?:sekitar|kurang\s+lebih|±|baru)?\s*(?P<age>{_MINOR})(?!\d)\s*(?:tahun|thn|th|years?)?\.?",
    re.I,
)
AGE_NOUN_RE = re.compile(
    r"\b(?:anak|korban|siswi|siswa|pelajar|remaja|gadis|bocah|ABG|putri|putra|adik|"
    r"perempuan|laki-laki|cewek|cowok|child|girl|boy)\b[^\d\n.;]{0,20}?"
    rf"(?P<age>\(\s*{_MINOR}\s*(?:tahun|thn|th)?\.?\s*\)|\b{_MINOR}\s*(?:tahun|thn|th)\b\.?)",
    re.I,
)
PAREN_AGE_RE = re.compile(rf"(?P<before>\S+)\s*\(\s*(?P<age>{_MINOR})\s*(?:tahun|thn|th)?\.?\s*\)")
_NOT_AGE_BEFORE = {"ayat", "huruf", "angka", "butir", "poin", "nomor", "no", "no.", "tabel"}
# digit groups joined by separators: checked once the separators are removed
DIGIT_GROUPS_RE = re.compile(r"(?<![\d.])\+?\d(?:\d|(?:[ .\-/]|\)\s?|\s?\()(?=\d))*\d(?!\d)")
DATE_TIME_RE = re.compile(
    r"(?<!\d)(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
    r"|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}))(?!\d)"
)
HEX_RE = re.compile(r"\b[0-9a-fA-F]{32,}\b")
DATE_SHAPES = re.compile(
    r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}))$"
)
_DECIMAL = re.compile(r"^-?\d+\.\d+$")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(?:[.,]\d{3})+$")


def _digit_kind(raw: str, before: str) -> str | None:
    """What a run of digit groups is: None when harmless (date, decimal, money, short)."""
    digits = re.sub(r"\D", "", raw)
    if len(digits) < 8:
        return None
    s = raw.strip()
    if DATE_SHAPES.match(s) or _DECIMAL.match(s):
        return None
    pieces = re.split(r"[ \-/]", s)
    if len(pieces) > 1 and all(_YEAR.match(p) or _DECIMAL.match(p) for p in pieces):
        return None  # years side by side or a span of years (2022-2025)
    if _THOUSANDS.match(s) and re.search(r"(?:Rp\.?|IDR|rupiah)\s*$", before, re.I):
        return None
    if len(digits) == 16:
        return "nik"
    if re.match(r"^(?:\+?62|0)8\d{7,11}$", digits):
        return "phone"
    return "digits"


def _digit_runs(text: str) -> list[tuple[int, int, str]]:
    out = []
    masked = DATE_TIME_RE.sub(lambda m: "\ue003" * len(m.group(0)), text)
    for m in DIGIT_GROUPS_RE.finditer(masked):
        kind = _digit_kind(m.group(0), text[max(0, m.start() - 8) : m.start()])
        if kind:
            out.append((m.start(), m.end(), kind))
    return out


def _is_minor_paren(m: re.Match[str]) -> bool:
    before = m.group("before").strip("(")
    if before.casefold() in _NOT_AGE_BEFORE:
        return False
    return before[:1].isupper() or before.endswith("]")


def _name_ok(name: str) -> bool:
    first = name.split()[0].strip(".").casefold() if name.split() else ""
    return bool(first) and first not in NOT_NAMES


# --------------------------------------------------------------------------- known names
def _tokens(s: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", s)


def _close(a: str, b: str) -> bool:
    """Two name tokens are the same name, allowing a typo or two in longer names."""
    a, b = a.casefold(), b.casefold()
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 2:
        return False
    return difflib.SequenceMatcher(None, a, b).ratio() >= (0.8 if len(a) < 8 else 0.75)


class Names:
    """Known names (informants, the region's list) matched token by token, typos tolerated.

    A full name (or any two or more consecutive words of it) matches as a run of tokens,
    each allowed a small typo; a single word of a name matches only exactly, capitalised in
    the text and at least four letters long, so common words survive."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.full: list[list[str]] = []
        self.single: set[str] = set()
        for n in names:
            toks = [t for t in _tokens(str(n)) if t]
            if not toks:
                continue
            self.full.append(toks)
            self.single.update(t.casefold() for t in toks if len(t) >= 4)
        self.full.sort(key=len, reverse=True)
        # two-word runs of longer names match too ("Yohanes Lado" of "Yohanes Lado Bria")
        self.full += [
            t[i : i + 2] for t in list(self.full) if len(t) > 2 for i in range(len(t) - 1)
        ]
        self.full.sort(key=len, reverse=True)

    def __bool__(self) -> bool:
        return bool(self.full)

    def _single(self, tok: str) -> bool:
        # one word alone must match exactly: typo tolerance on single words hits common
        # words ("Sasaran" for "Samaran"); runs of two or more words tolerate typos
        return tok.casefold() in self.single

    def spans(self, text: str) -> list[tuple[int, int]]:
        words = [
            (m.start(), m.end(), m.group(0))
            for m in re.finditer(r"[^\W\d_]+", text)
            if not (text[m.start() - 1 : m.start()] == "[" and text[m.end() : m.end() + 1] in "]-")
        ]
        out: list[tuple[int, int]] = []
        i = 0
        while i < len(words):
            hit = 0
            for toks in self.full:
                k = len(toks)
                if k > 1 and i + k <= len(words):
                    if all(_close(words[i + j][2], toks[j]) for j in range(k)):
                        hit = k
                        break
            if not hit and words[i][2][:1].isupper() and self._single(words[i][2]):
                hit = 1
            if hit:
                out.append((words[i][0], words[i + hit - 1][1]))
                i += hit
            else:
                i += 1
        return out


def _as_names(names: Iterable[str] | Names) -> Names:
    return names if isinstance(names, Names) else Names(names)


# --------------------------------------------------------------------------- scrubbing
def _sub_group(rx: re.Pattern[str], group: str, tag: str, text: str, ok=None) -> str:
    def repl(m: re.Match[str]) -> str:
        if ok is not None and not ok(m):
            return m.group(0)
        s, e = m.start(group) - m.start(), m.end(group) - m.start()
        whole = m.group(0)
        return whole[:s] + tag + whole[e:]

    return rx.sub(repl, text)


def _handle_ok(m: re.Match[str]) -> bool:
    h = m.group("handle")
    if not re.search(r"[A-Za-z]", h) or h.casefold() in _NOT_HANDLES:
        return False
    return bool(m.group("colon")) or bool(re.search(r"[\d_.]", h.strip(".")))


_NOT_HANDLES = {"yang", "dan", "untuk", "di", "ke", "dari", "pada", "the", "and", "for", "of"}


def scrub(text: object, names: Iterable[str] | Names = ()) -> object:
    """Replace identifiers in one free-text value with typed placeholders."""
    if not isinstance(text, str) or not text:
        return text
    out = LP_RE.sub(PLACEHOLDERS["lp_number"], text)
    out = EMAIL_RE.sub(PLACEHOLDERS["email"], out)
    out = LINK_RE.sub(PLACEHOLDERS["username"], out)
    out = URL_PATH_RE.sub(PLACEHOLDERS["link"], out)
    for s, e, kind in reversed(_digit_runs(out)):
        out = (
            out[:s]
            + PLACEHOLDERS["nik" if kind == "nik" else "phone" if kind == "phone" else "digits"]
            + out[e:]
        )
    out = _phones(out)
    out = AT_HANDLE_RE.sub(PLACEHOLDERS["username"], out)
    out = _sub_group(PLATFORM_HANDLE_RE, "handle", PLACEHOLDERS["username"], out, _handle_ok)
    out = RT_RW_RE.sub(PLACEHOLDERS["address"], out)
    out = ADDRESS_RE.sub(PLACEHOLDERS["address"], out)
    out = _sub_group(AGE_WORD_RE, "age", PLACEHOLDERS["minor_age"], out)
    out = _sub_group(AGE_NOUN_RE, "age", PLACEHOLDERS["minor_age"], out)
    out = _sub_group(PAREN_AGE_RE, "age", PLACEHOLDERS["minor_age"], out, _is_minor_paren)
    out = _sub_group(INITIALS_RE, "name", PLACEHOLDERS["name"], out)
    ok = lambda m: _name_ok(m.group("name"))  # noqa: E731
    out = _sub_group(RANK_NAME_RE, "name", PLACEHOLDERS["name"], out, ok)
    out = _sub_group(HONORIFIC_NAME_RE, "name", PLACEHOLDERS["name"], out, ok)
    out = _sub_group(ROLE_NAME_RE, "name", PLACEHOLDERS["name"], out, ok)
    known = _as_names(names)
    if known:
        for s, e in reversed(known.spans(out)):
            out = out[:s] + PLACEHOLDERS["name"] + out[e:]
    return out


def _phones(text: str) -> str:
    spans = [
        (m.start, m.end)
        for m in phonenumbers.PhoneNumberMatcher(text, "ID", leniency=phonenumbers.Leniency.VALID)
        if len(re.sub(r"\D", "", m.raw_string)) >= 9 and not DATE_SHAPES.match(m.raw_string)
    ]
    for start, end in reversed(spans):
        text = text[:start] + PLACEHOLDERS["phone"] + text[end:]
    return text


def scrub_series(s, names: Iterable[str] | Names = ()):
    """Scrub a column, once per distinct value."""
    known = _as_names(names)
    return map_unique(s, lambda v: scrub(v, known))


# --------------------------------------------------------------------------- detection
DETECTORS: dict[str, re.Pattern[str]] = {
    "lp_number": LP_RE,
    "email": EMAIL_RE,
    "link": LINK_RE,
    "username": AT_HANDLE_RE,
    "address": RT_RW_RE,
    "minor_age": AGE_WORD_RE,
    "minor_age_noun": AGE_NOUN_RE,
    "initials": INITIALS_RE,
    "rank_name": RANK_NAME_RE,
    "honorific_name": HONORIFIC_NAME_RE,
}
# street addresses are only flagged with a house number (a street alone is not exact)
STREET_RE = re.compile(
    r"\b(?:Jalan|Jln|Jl|Gang|Gg|Lorong)\b\.?\s*(?:[A-Z][\w'.\-]*\s*){1,5}?"
    r"(?:No|Nomor|Nomer|Nmr|#)\.?\s*:?\s*\d+",
    re.I,
)


def find_identifiers(text: str, names: Iterable[str] | Names = ()) -> list[tuple[str, str]]:
    """Every identifier found in a text, as (kind, match) pairs; [] means clean.

    Hex digests (manifest hashes) are blanked first; dates, decimals and amounts in
    rupiah are not digit identifiers."""
    text = HEX_RE.sub(" ", text)
    text = _PLACEHOLDER_RE.sub("\ue004", text)  # a placeholder is not the next word
    hits: list[tuple[str, str]] = []
    for kind, rx in DETECTORS.items():
        for m in rx.finditer(text):
            if kind in ("rank_name", "honorific_name") and not _name_ok(m.group("name")):
                continue
            if kind == "username" and m.group(0)[1:].casefold() in _AT_OK:
                continue
            hits.append((kind.removesuffix("_noun"), m.group(0)))
    hits += [("street_address", m.group(0)) for m in STREET_RE.finditer(text)]
    hits += [("minor_age", m.group(0)) for m in PAREN_AGE_RE.finditer(text) if _is_minor_paren(m)]
    hits += [(kind, text[s:e]) for s, e, kind in _digit_runs(text)]
    for m in phonenumbers.PhoneNumberMatcher(text, "ID", leniency=phonenumbers.Leniency.VALID):
        if len(re.sub(r"\D", "", m.raw_string)) >= 9 and not DATE_SHAPES.match(m.raw_string):
            hits.append(("phone", m.raw_string))
    for m in PLATFORM_HANDLE_RE.finditer(text):
        if m.group("colon") and _handle_ok(m):
            hits.append(("username", m.group(0)))
    known = _as_names(names)
    if known:
        hits += [("known_name", text[s:e]) for s, e in known.spans(text)]
    return hits


_PLACEHOLDER_RE = re.compile(
    r"\[(?:" + "|".join(re.escape(p[1:-1]) for p in PLACEHOLDERS.values()) + r")\]"
)
_AT_OK = {"media", "import", "font-face", "keyframes", "param", "property", "example"}

# kept for callers of the old deny-list interface (tests scan outputs with these)
PATTERNS: dict[str, re.Pattern[str]] = {
    "lp_number": LP_RE,
    "email": EMAIL_RE,
    "username": AT_HANDLE_RE,
    "address": STREET_RE,
    "minor_age": AGE_WORD_RE,
}


# --------------------------------------------------------------------------- unit names
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


def mark(value: object) -> str:
    """Wrap a raw value quoted in a reject message, so public copies can withhold it."""
    return MARK_OPEN + str(value)[:40] + MARK_CLOSE


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
    toks = _tokens(v)
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
