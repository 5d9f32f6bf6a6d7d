"""Write the reconstructed Kupang raw workbooks under data/raw/kupang/.

WHY THIS EXISTS
The thesis's own records (interview transcripts, police report files) are confidential:
they concern child victims of sexual exploitation. This script rebuilds a *plausible*
field dataset from the figures the thesis publishes in chapter 5, so that the cleaning
modules, statistics and notebooks have something real-shaped to work on. Every record is
invented; every identifier is obviously fake. Run it twice and you get the same bytes.
The work is done by the package scripts/reconstruct/ (see its README.md); the invented story
itself is data in scripts/reconstruct/story/kupang.yml.

    python scripts/reconstruct_kupang.py            # writes data/raw/kupang/
    python scripts/reconstruct_kupang.py --out DIR  # writes elsewhere (tests use this)

ASSUMPTIONS (each one is also stated in the "tentang" sheet of every workbook)
A1  Study period: 1 January 2022 to 30 June 2025 (42 months). The thesis counts police
    reports "throughout 2022-2025"; a thesis finished in 2025 cannot have observed the
    whole of 2025, so the reconstruction stops at the last full month before a plausible
    mid-2025 fieldwork window.
A2  Legal-education sessions: the thesis says 2-4 per month. Each month draws 2, 3, 3 or 4
    sessions (3 is twice as likely), on distinct weekdays.
A3  Audiences: teenagers, school pupils, university students and the general public
    (the thesis names the first three broadly as "remaja, pelajar, masyarakat umum";
    university students and parents are added as realistic extras).
A4  About 60 % of sessions list one or two partner agencies (the thesis reports
    "kerja sama dengan instansi terkait" without naming them; the agencies used are the
    usual municipal offices for child protection, education and communications).
A5  Cyber patrols are "continuous": the log has one entry in every Monday-to-Sunday week
    of the period (about a fifth of weeks have a second entry), always on MiChat's
    nearby-users feature ("Pengguna di Sekitar"), with 0-6 accounts flagged.
A6  Lodging inspections: the thesis says 4-5 per month. Each month draws 4 or 5.
A7  Cases: exactly five police reports (LP) in 2022-2025, as the thesis states; two
    sextortion, two child exploitation (the thesis's "dominant modus") and one adult
    pimping case. Each passes through the eight stages the thesis lists, in order,
    with plausible gaps between stages. Victims are recorded with an exact age in the raw
    register (as a police register would) so the cleaning must reduce it to a band.
A8  Interviews: eight informants, described by role and unit. Their segments are
    PARAPHRASES written for this reconstruction from the thesis's conclusions and
    recommendations; they are not quotations of anyone.
A9  Coding: two coders (K1, K2) code every segment with one aspect and one theme; K2
    departs from K1 on roughly one segment in eight, picking a neighbouring theme.
A10 Districts: the six kecamatan of Kota Kupang (Alak, Kelapa Lima, Kota Lama, Kota Raja,
    Maulafa, Oebobo), drawn uniformly.

FIELD MESSINESS PLANTED ON PURPOSE (the cleaning must cope with all of it)
M1  Header aliases: Indonesian headers in most sheets, English headers in the 2024
    outreach sheet and in the patrol CSV, abbreviations ("Tgl", "Jml").
M2  Date formats: Excel date cells; "Selasa, 14 Mar 2023"; "14/03/2023"; "3 Ags 2024";
    "14 Maret 2023 pukul 9.00 WITA"; "Jum'at, 3 Feb 2023"; ISO "2023-03-14";
    "14-03-2023 20:00 WITA" (all but the Excel cells written by analysis.values.dates.format_date).
M3  Label variants, casing and typos ("Sosialisasi Hukum", "sosialisai hukum",
    "Penyuluhan hukum", "PELAJAR", "masyarakat umum ", "Kec. Oebobo", "Kotaraja").
M4  Stray whitespace around values; numbers written "45 orang".
M5  A merged title row above the header (outreach sheets); a blank row (lodging sheet).
M6  Fake identifiers in free-text notes: phone numbers, 16-digit NIK, MiChat usernames,
    a street address, LP numbers and names of informants.
M7  Rows that must be rejected, listed in planted_problems.csv with their Excel row.

OUTPUT
data/raw/kupang/{outreach,cases,interviews}/..., planted_problems.csv (what cleaning must
reject), planted_identifiers.csv (what must never reach processed data or reports), and
SHA256SUMS (the immutability manifest).
"""

from __future__ import annotations

from reconstruct.kupang import main

if __name__ == "__main__":
    raise SystemExit(main())
