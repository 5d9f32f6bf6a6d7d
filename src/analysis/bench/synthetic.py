"""Synthetic outreach rows with the mess real logs have (date styles, label variants)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd


def outreach_rows(n: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    days = pd.date_range("2022-01-01", "2025-06-30", freq="D")
    d = days[rng.integers(0, len(days), n)]
    styles = rng.integers(0, 3, n)
    date = np.where(
        styles == 0,
        d.strftime("%d/%m/%Y"),
        np.where(styles == 1, d.strftime("%Y-%m-%d"), d.strftime("%d-%m-%Y 20:00 WITA")),
    )

    def pick(values: list[str]) -> np.ndarray:
        return np.asarray(values, dtype=object)[rng.integers(0, len(values), n)]

    return pd.DataFrame(
        {
            "Tanggal": date,
            "Jenis Kegiatan": pick(
                ["Sosialisasi Hukum", "sosialisasi hukum", "Patroli Siber", "Pengawasan Penginapan"]
            ),
            "Sasaran": pick(["Remaja", "Pelajar", "Masyarakat Umum", "Mahasiswa", ""]),
            "Jml Peserta": rng.integers(10, 200, n).astype(str),
            "Kecamatan": pick(
                ["Oebobo", "Kec. Alak", "Maulafa", "Kota Raja", "Kelapa Lima", "Kota Lama"]
            ),
            "Instansi Mitra": pick(["", "Satpol PP", "Satpol PP, Dinas Pariwisata"]),
            "Satuan": pick(["Ditbinmas", "Subdit V Siber"]),
            "Keterangan": pick(["", "", "", "lancar", "hujan"]),
        }
    )


def write_csv(n: int, path: Path, seed: int = 7) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    outreach_rows(n, seed).to_csv(path, index=False)
    return path


def write_xlsx(n: int, path: Path) -> Path:
    from openpyxl import Workbook

    df = outreach_rows(n)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append(list(df.columns))
    for row in df.itertuples(index=False):
        ws.append(list(row))
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
