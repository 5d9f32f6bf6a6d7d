"""The privacy detectors' ranges, each tested on its bound and just past it.

A minor's exact age is 1 to 17 (18 is an adult's and may stay); a run of digits is an
identifier from 8 digits on (7 are a number); a NIK has exactly 16 digits; a phone number is
an Indonesian mobile number. The scrubber and the gate's detector must agree on each bound:
what the scrubber leaves in, the gate must not then call a leak, and the reverse.
"""

from __future__ import annotations

import pytest

from analysis.privacy.detectors import find_identifiers
from analysis.privacy.patterns import PLACEHOLDERS
from analysis.privacy.scrubbing import scrub

AGE = PLACEHOLDERS["minor_age"]


@pytest.mark.parametrize("age", [1, 9, 10, 17])
@pytest.mark.parametrize("form", ["korban berusia {} tahun", "siswi (usia {})", "Melati ({})"])
def test_a_minor_exact_age_is_scrubbed_and_found(age: int, form: str) -> None:
    text = form.format(age)
    assert str(age) not in str(scrub(text)).replace(AGE, ""), text
    assert AGE in str(scrub(text))
    assert any(kind == "minor_age" for kind, _ in find_identifiers(text)), text


@pytest.mark.parametrize("age", [18, 19, 25, 0])
@pytest.mark.parametrize("form", ["korban berusia {} tahun", "Melati ({})"])
def test_an_adult_age_is_left_alone(age: int, form: str) -> None:
    text = form.format(age)
    assert scrub(text) == text
    assert not [k for k, _ in find_identifiers(text) if k == "minor_age"], text


def test_article_numbers_in_parentheses_are_not_ages() -> None:
    text = "Pasal 27 ayat (1) UU ITE"
    assert scrub(text) == text and find_identifiers(text) == []


@pytest.mark.parametrize(
    ("digits", "kind"),
    [
        ("1234567", None),  # 7 digits: a number
        ("12345678", "digits"),  # 8: an identifier of some kind
        ("5371012345678901", "nik"),  # 16: a NIK
        ("537101234567890", "digits"),  # 15: not a NIK, still withheld
        ("53710123456789012", "digits"),  # 17
    ],
)
def test_digit_runs_are_identifiers_from_eight_digits(digits: str, kind: str | None) -> None:
    text = f"nomor {digits} dicatat"
    found = [k for k, _ in find_identifiers(text) if k in ("digits", "nik", "phone")]
    assert found == ([kind] if kind else []), found
    if kind is None:
        assert scrub(text) == text
    else:
        assert digits not in str(scrub(text)) and PLACEHOLDERS[kind] in str(scrub(text))


@pytest.mark.parametrize("phone", ["081234567890", "0812-3456-7890", "+62 812 3456 7890"])
def test_mobile_numbers_are_phones_in_both(phone: str) -> None:
    text = f"hubungi {phone} malam ini"
    assert any(k == "phone" for k, _ in find_identifiers(text)), phone
    out = str(scrub(text))
    assert PLACEHOLDERS["phone"] in out and "3456" not in out


@pytest.mark.parametrize(
    "row",
    [
        "2024-03-14,{}",  # a table's date cell, then the number
        "A00007,2023-01-01 05:00:00,{},12",
        "{},2024-03-14",
        "2024-03-14 {}",
        "dicatat 2024-03-14T08:30:00: {}",
    ],
)
@pytest.mark.parametrize("phone", ["081234567890", "0812-3456-7890", "+62 812 3456 7890"])
def test_a_phone_next_to_an_iso_date_is_still_found(row: str, phone: str) -> None:
    """ISO dates are masked when looking for phone-number candidates (a table of datetimes
    no longer sends every row to the matcher): a phone beside one must still be found."""
    text = "\n".join(["A00001,2023-01-01 04:00:00,5,12"] * 3 + [row.format(phone)])
    found = [raw for k, raw in find_identifiers(text) if k == "phone"]
    assert found and set(found) == {phone}, (found, text)


@pytest.mark.parametrize("text", ["2022-2025", "tanggal 14/03/2023", "Rp 1.500.000", "0,35"])
def test_dates_years_and_money_are_not_identifiers(text: str) -> None:
    assert find_identifiers(text) == [] and scrub(text) == text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("NIK 5371 0123 4567 8901", "nik"),  # written in groups: still a NIK
        ("NIK 5371-0123-4567-8901", "nik"),
        ("nomor 12.500.000", "digits"),  # eight digits with dots, not money
        ("Rp 12.500.000", None),  # money
        ("rp 12.500.000", None),
        ("IDR 12.500.000", None),
        ("tahun 2022 2023 2024", None),  # years side by side
    ],
)
def test_grouped_digits_money_and_years(text: str, kind: str | None) -> None:
    found = [k for k, _ in find_identifiers(text) if k in ("digits", "nik", "phone")]
    assert found == ([kind] if kind else []), (text, found)


def test_an_age_after_a_removed_name_is_scrubbed() -> None:
    """'Melati (15)' scrubbed name first would leave '[NAME] (15)': the age goes too."""
    text = f"{PLACEHOLDERS['name']} (15)"
    assert str(scrub(text)) == f"{PLACEHOLDERS['name']} ({AGE})"
    assert str(scrub(f"{PLACEHOLDERS['name']} (18)")) == f"{PLACEHOLDERS['name']} (18)"


def test_css_at_rules_are_not_handles_but_handles_are() -> None:
    kinds = [(k, v) for k, v in find_identifiers("@media print; hubungi @budi_88 malam")]
    assert ("username", "@budi_88") in kinds and not [v for _, v in kinds if "media" in v]


def test_phonenumbers_is_asked_only_about_a_text_with_nine_digits_or_more() -> None:
    """A phone number counts from 9 digits: a text with fewer is left to the other
    detectors and phonenumbers is not even imported; one with a number is still scrubbed."""
    from test_imports import probe_lines

    probe = (
        "import sys\n"
        "from analysis.privacy.scrubbing import scrub\n"
        "short = ['pukul 21.30 di kamar 12', 'tanggal 14/03/2023', 'Rp 1.500.000']\n"
        "print([scrub(t) == t for t in short], 'phonenumbers' in sys.modules)\n"
        "print(scrub('hubungi 0812 - 3456 - 7890 malam ini'), 'phonenumbers' in sys.modules)\n"
    )
    first, second = probe_lines(probe)
    assert first == "[True, True, True] False"
    assert second == f"hubungi {PLACEHOLDERS['phone']} malam ini True"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pak Kasat Yohanes memimpin razia", "Yohanes"),
        ("Kasat Reskrim Yohanes Nggebu hadir", "Yohanes Nggebu"),
        ("Ibu Kanit PPA Maria Lema menjelaskan", "Maria Lema"),
        ("kata Kapolsek Benny kepada kami", "Benny"),
        ("Camat Alak Yusuf Taopan membuka acara", "Yusuf Taopan"),  # a district, then a name
        ("Kapolsek Pancoran Mas Budi Santoso", "Budi Santoso"),
        ("Kanit I Subdit V Siber Ditreskrimsus Polda NTT Agus Dju", "Agus Dju"),
    ],
)
def test_a_name_after_a_position_is_scrubbed_and_found(text: str, name: str) -> None:
    """A position held by one person names that person: the position, its unit and its place
    stay, the name goes, and the gate's detector names the same words."""
    out = str(scrub(text))
    assert name not in out and PLACEHOLDERS["name"] in out, out
    assert ("position_name", name) in find_identifiers(text), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kasat Reskrim Polres Depok",
        "Kasat Reskrim Polres Kupang Kota bersama DP3A",
        "Kanit PPA Satreskrim Polresta Kupang Kota",
        "Kapolda NTT",
        "Kapolsek Pancoran Mas",
        "Lurah Kelapa Lima",
        "Kasat Binmas Polresta Kupang Kota AKBP",
        "Rapat Koordinasi Dengan Camat Dan Lurah Se-Kota Kupang",  # a Title Case heading
        "Sosialisasi Bersama Kanit Binmas Dan Babinkamtibmas",
        "kata Pak Kasat. Akun anonim menyulitkan.",  # the sentence ends at the position
    ],
)
def test_a_position_with_only_its_unit_and_place_is_left_alone(text: str) -> None:
    assert scrub(text) == text and find_identifiers(text) == []
