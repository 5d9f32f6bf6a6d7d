"""The identifier patterns shared by the scrubber and the detectors: placeholders, the word
lists (honorifics, police ranks, roles, platforms), the regular expressions and the small
tests that tell a harmless number, age or capitalised word from an identifier."""

from __future__ import annotations

import re

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
# words a Title Case heading puts after a position ("Rapat Dengan Camat Dan Lurah")
NOT_NAMES |= set(
    "dan atau serta bersama beserta dengan di ke dari untuk yang pada selaku sebagai dalam "
    "terkait tentang se dinas menyampaikan mengatakan menjelaskan memberikan melakukan hadir "
    "bahwa".split()
)
_NAME_WORD = r"(?:[A-Z][a-zA-Z'`\-]+|[A-Z]\.?)"
# words of one name sit on one line: labels joined by line breaks ("Pancoran Mas" above
# "Sawangan" on a chart axis) are separate labels, never one phrase
_SP = r"[ \t\xa0]"
_NAMES = rf"{_NAME_WORD}(?:{_SP}+{_NAME_WORD}){{0,3}}"

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
# a handle is letters of any script, digits, '_' and '.'; '@@name' is still a handle
AT_HANDLE_RE = re.compile(r"(?<![\w.@])@+[\w.]{3,}")
_QUOTE = "'\"`\u2018\u2019\u201c\u201d"
PLATFORM_HANDLE_RE = re.compile(
    rf"(?:\b(?:{PLATFORMS}|akun|account|username|user\s?name|user|id|nama\s+akun)\b\s*){{1,3}}"
    r"(?P<colon>[:=]|\bbernama\b|\batas\s+nama\b)?\s*"
    # quoted, a display name may hold spaces ('Bunga Malam'); bare, a handle is one word
    rf"(?P<quote>[{_QUOTE}])?(?P<handle>(?(quote)[\w.]{{2,32}}(?: [\w.]{{1,32}}){{0,3}}|[\w.]{{3,32}}))"
    rf"(?(quote)[{_QUOTE}])",
    re.I,
)
_ACCOUNT_WORDS = re.compile(r"(?i:akun|account|user\s?name|user|id|nama\s+akun)\b")
RANK_NAME_RE = re.compile(
    rf"\b(?:(?i:{RANKS}))\.?(?:{_SP}+(?:Pol\.?|\(P\)))?{_SP}+(?P<name>{_NAMES})"
)
HONORIFIC_NAME_RE = re.compile(
    rf"(?<![\w.])(?:(?i:{HONORIFICS})\.?|(?i:an\.|a\.{_SP}?n\.?|atas{_SP}+nama))"
    rf"{_SP}*:?{_SP}+(?P<name>{_NAMES})"
)
# A position held by one person, then that person's name: "Kasat Reskrim Yohanes", "Pak
# Kapolsek Benny", "Camat Alak Yusuf". The position and the unit words after it name the
# institution and stay; the name that follows them is a person (an informant, an officer).
POSITIONS = (
    r"Kapolda|Wakapolda|Kapolresta|Wakapolresta|Kapolres|Wakapolres|Kapolsek|Wakapolsek|"
    r"Kapospol|Kasatreskrim|Kasatbinmas|Kasatintelkam|Kasatsamapta|Kasat|Kasubdit|Kasubnit|"
    r"Kanit|Panit|Kasubbag|Kabag|Kabidhumas|Kasubbid|Kabid|Kasie|Kasi|Dirreskrimsus|"
    r"Dirreskrimum|Dirbinmas|Dirintelkam|Camat|Lurah|Kades|Kadis"
)
UNITS = (
    r"Reskrimsus|Reskrimum|Reskrim|Binmas|Intelkam|Sabhara|Samapta|Narkoba|Lantas|Tahti|PPA|"
    r"PPO|Siber|Cyber|Krimsus|Krimum|Humas|Propam|Pidum|Pidsus|Tipidter|Tipidsiber|Renakta|"
    r"Subdit|Unit|Sat|Satreskrim|Satbinmas|Satintelkam|Satsamapta|Satlantas|Satnarkoba|"
    r"Ditreskrimsus|Ditreskrimum|Ditbinmas|Ditintelkam|Ditsamapta|Bidhumas|Polairud|Polair|"
    r"Brimob|Polresta|Polres|Polsek|Polda|Polri|NTT|Kota|Kabupaten|Kab|[IVX]{1,4}|\d{1,2}"
)
POSITION_NAME_RE = re.compile(
    rf"\b(?i:{POSITIONS})\b(?P<unit>(?:{_SP}+(?i:{UNITS})\b\.?)*){_SP}+(?P<name>{_NAMES})"
)
INITIALS_RE = re.compile(
    r"\b(?i:(?:ber)?inisial|insial)\s*:?\s*(?P<name>[A-Za-z](?:[.\s]?[A-Za-z]){0,3}\.?)"
    r"(?![a-z])"
)
ROLE_NAME_RE = re.compile(
    rf"\b(?i:{ROLES}){_SP}+(?P<name>[A-Z]{{1,3}}(?:\.[A-Z]){{0,3}}\.?|{_NAMES})(?![a-z])"
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
# a GUID (QDA projects name every code, source and coding by one): an id, never data
GUID_RE = re.compile(r"\b[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}\b")
DATE_SHAPES = re.compile(
    r"^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}))$"
)
_DECIMAL = re.compile(r"^-?\d+\.\d+$")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_THOUSANDS = re.compile(r"^[1-9]\d{0,2}(?:[.,]\d{3})+$")


# A number as a spreadsheet or a float column shows it: 5.30104111100041E+15 is Excel's
# 15-digit form of a 16-digit NIK, 5301041111000410.0 the same value as pandas writes it.
SCIENTIFIC_RE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?[eE]\+?(\d{1,2})(?![\w.])")
_WHOLE_FLOAT = re.compile(r"^(\d{8,})\.0+$")


def whole_number(text: str) -> str | None:
    """The digits of a number written in scientific notation or as NNNNNNNN.0 when it is a
    whole number of 8 or more digits (an identifier typed into a number cell), else None."""
    from decimal import Decimal, InvalidOperation

    m = _WHOLE_FLOAT.match(text)
    if m:
        return m.group(1)
    m = SCIENTIFIC_RE.fullmatch(text)
    if not m or int(m.group(1)) < 7:
        return None
    try:
        d = Decimal(text)
    except InvalidOperation:
        return None
    return str(int(d)) if d == d.to_integral_value() else None


def _digit_kind(raw: str, before: str) -> str | None:
    """What a run of digit groups is: None when harmless (date, decimal, money, short)."""
    s = raw.strip()
    s = whole_number(s) or s  # a number cell holding a whole number: its digits
    digits = re.sub(r"\D", "", s)
    if len(digits) < 8:
        return None
    if DATE_SHAPES.match(s) or _DECIMAL.match(s):
        return None
    pieces = re.split(r"[ \-/]", s)
    if len(pieces) > 1 and all(_YEAR.match(p) or _DECIMAL.match(p) for p in pieces):
        return None  # years side by side or a span of years (2022-2025)
    if _THOUSANDS.match(s) and re.search(r"(?:Rp\.?|IDR|rupiah)\s*$", before, re.I):
        return None
    if len(digits) == 16:
        return "nik"
    if re.match(r"^(?:\+?62|0)?8\d{7,11}$", digits):  # no 0: a number cell dropped it
        return "phone"
    return "digits"


def digit_runs(text: str) -> list[tuple[int, int, str]]:
    out = []
    masked = DATE_TIME_RE.sub(lambda m: "\ue003" * len(m.group(0)), text)
    for m in DIGIT_GROUPS_RE.finditer(masked):
        end = m.end()
        sci = SCIENTIFIC_RE.match(masked, m.start())
        if sci and whole_number(sci.group(0)):
            end = sci.end()  # 5.30104111100041E+15: the whole number, exponent included
        kind = _digit_kind(text[m.start() : end], text[max(0, m.start() - 8) : m.start()])
        if kind:
            out.append((m.start(), end, kind))
    return out


def is_minor_paren(m: re.Match[str]) -> bool:
    before = m.group("before").strip("(")
    if before.casefold() in _NOT_AGE_BEFORE:
        return False
    return before[:1].isupper() or before.endswith("]")


def name_ok(name: str) -> bool:
    first = name.split()[0].strip(".").casefold() if name.split() else ""
    return bool(first) and first not in NOT_NAMES


def handle_word(m: re.Match[str]) -> bool:
    h = m.group("handle")
    return bool(re.search(r"[^\W\d_]", h)) and h.casefold() not in _NOT_HANDLES


def handle_ok(m: re.Match[str]) -> bool:
    if not handle_word(m):
        return False
    return bool(m.group("colon")) or bool(re.search(r"[\d_.]", m.group("handle").strip(".")))


def handle_named(m: re.Match[str]) -> bool:
    """A handle the text itself names as one: after ':' or 'bernama', or quoted after an
    account word or with a handle's digits, '_' or '.' ("akun MiChat 'xyz_abc59'")."""
    if not handle_word(m):
        return False
    if m.group("colon"):
        return True
    quoted = bool(m.group("quote"))
    return quoted and (
        bool(_ACCOUNT_WORDS.search(m.group(0))) or bool(re.search(r"[\d_.]", m.group("handle")))
    )


_NOT_HANDLES = {"yang", "dan", "untuk", "di", "ke", "dari", "pada", "the", "and", "for", "of"}
