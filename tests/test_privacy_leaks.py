"""The leak families the last round left open, in the scrubber and in the gate: quoted
account names after a platform word, '@@handles', handles with letters outside ASCII."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.privacy import gate
from analysis.privacy.detectors import find_identifiers
from analysis.privacy.scrubbing import scrub

# (text as a field worker might type it, the value that must not survive)
QUOTED = [
    ("akun MiChat 'xyz_abc59' dipantau", "xyz_abc59"),
    ('akun MiChat "manisku" aktif tiap malam', "manisku"),
    ("Pelaku memakai akun ‘sayang.kupang’ di MiChat", "sayang.kupang"),
    ("dihubungi lewat WeChat “cewek_depok21”", "cewek_depok21"),
    ("username `beetalk.manja` diblokir", "beetalk.manja"),
    ("nama akun 'Bunga Malam' tidak dipakai lagi", "Bunga"),  # a quoted name of two words
]
DOUBLE_AT = [
    ("dipromosikan oleh @@name1234 di grup", "name1234"),
    ("akun @@@kupang_manis aktif", "kupang_manis"),
]
NON_ASCII = [
    ("dihubungi @josé_99 lewat IG", "josé_99"),
    ("akun @Ñandú77 menawarkan jasa", "Ñandú77"),
    ("kontak @émilie.k di Telegram", "émilie.k"),
    ("pemesanan lewat @çantik.kpg", "çantik.kpg"),
    ("akun MiChat 'mañana_99' dipantau", "mañana_99"),
]
ALL = QUOTED + DOUBLE_AT + NON_ASCII


@pytest.mark.parametrize(("text", "value"), ALL)
def test_the_scrubber_removes_every_family(text: str, value: str) -> None:
    out = str(scrub(text))
    assert value not in out and "[AKUN]" in out, out


@pytest.mark.parametrize(("text", "value"), ALL)
def test_the_gate_finds_every_family(text: str, value: str, tmp_path: Path) -> None:
    assert any(k == "username" for k, _ in find_identifiers(text)), text
    (tmp_path / "notes.csv").write_text(f"note\n{text}\n", encoding="utf-8")
    (tmp_path / "caption.md").write_text(text, encoding="utf-8")
    found = gate.scan([tmp_path], root=tmp_path)
    assert ("notes.csv", "username") in found and ("caption.md", "username") in found
    with pytest.raises(gate.PrivacyGateError) as e:
        gate.check(tmp_path)
    assert value not in str(e.value)  # the refusal never repeats the handle


@pytest.mark.parametrize(
    "text",
    [
        "Patroli fitur MiChat 'Orang Sekitar' setiap pekan",  # a feature's name, quoted
        "Kirim surel ke humas@polri.go.id",  # an e-mail is an e-mail, not a handle
        "@media screen and (max-width: 600px)",  # CSS in a rendered page
        "akun MiChat yang dipantau",
        "Aplikasi 'MiChat' dan 'WeChat' dipakai",
    ],
)
def test_no_false_alarm_on_quotes_features_and_mail(text: str) -> None:
    kinds = {k for k, _ in find_identifiers(text)}
    assert "username" not in kinds
    if not text.startswith("@media"):  # the gate reads pages; the scrubber reads field notes
        assert "[AKUN]" not in str(scrub(text))
