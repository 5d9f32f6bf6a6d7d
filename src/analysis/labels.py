"""One label dictionary, Indonesian and English, for every chart, table and notebook."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    # aspects
    "preemptive": {"en": "Preemptive", "id": "Pre-emtif"},
    "preventive": {"en": "Preventive", "id": "Preventif"},
    "repressive": {"en": "Repressive", "id": "Represif"},
    "obstacle": {"en": "Obstacle", "id": "Kendala"},
    "recommendation": {"en": "Recommendation", "id": "Saran"},
    # audiences
    "teenagers": {"en": "Teenagers", "id": "Remaja"},
    "school_pupils": {"en": "School pupils", "id": "Pelajar"},
    "university_students": {"en": "University students", "id": "Mahasiswa"},
    "general_public": {"en": "General public", "id": "Masyarakat umum"},
    "parents": {"en": "Parents", "id": "Orang tua"},
    "lodging_managers": {"en": "Lodging managers", "id": "Pengelola penginapan"},
    # venues
    "school": {"en": "School", "id": "Sekolah"},
    "church": {"en": "Church", "id": "Gereja"},
    "mosque": {"en": "Mosque", "id": "Masjid"},
    "campus": {"en": "Campus", "id": "Kampus"},
    "village_office": {"en": "Village office", "id": "Kantor kelurahan"},
    "community_hall": {"en": "Community hall", "id": "Balai warga"},
    # modus
    "sextortion": {"en": "Sextortion", "id": "Ancaman sebar konten asusila"},
    "child_exploitation": {"en": "Child exploitation", "id": "Eksploitasi anak"},
    "pimping": {"en": "Pimping", "id": "Mucikari"},
    "trafficking": {"en": "Trafficking", "id": "Perdagangan orang"},
    "other": {"en": "Other", "id": "Lainnya"},
    # stages
    "report": {"en": "Report", "id": "Laporan"},
    "inquiry": {"en": "Inquiry", "id": "Penyelidikan"},
    "investigation": {"en": "Investigation", "id": "Penyidikan"},
    "arrest": {"en": "Arrest", "id": "Penangkapan"},
    "detention": {"en": "Detention", "id": "Penahanan"},
    "search": {"en": "Search", "id": "Penggeledahan"},
    "seizure": {"en": "Seizure", "id": "Penyitaan"},
    "prosecutor_handover": {"en": "Handover to prosecutor", "id": "Pelimpahan ke kejaksaan"},
    # themes
    "legal_education": {"en": "Legal education", "id": "Sosialisasi hukum"},
    "agency_cooperation": {"en": "Agency cooperation", "id": "Kerja sama instansi"},
    "digital_literacy": {"en": "Digital literacy", "id": "Literasi digital"},
    "parental_supervision": {"en": "Parental supervision", "id": "Pengawasan orang tua"},
    "cyber_patrol": {"en": "Cyber patrol", "id": "Patroli siber"},
    "lodging_supervision": {"en": "Lodging supervision", "id": "Pengawasan penginapan"},
    "lodging_inspection": {"en": "Lodging inspection", "id": "Pengawasan penginapan"},
    "platform_cooperation": {"en": "Platform cooperation", "id": "Kerja sama platform"},
    "case_handling": {"en": "Case handling", "id": "Penanganan perkara"},
    "anonymous_accounts": {"en": "Anonymous accounts", "id": "Akun anonim"},
    "forensic_capacity": {"en": "Forensic capacity", "id": "Kapasitas forensik"},
    "victim_reluctance": {"en": "Victims reluctant to report", "id": "Korban enggan melapor"},
    "victim_rehabilitation": {"en": "Victim rehabilitation", "id": "Rehabilitasi korban"},
    "moral_awareness": {"en": "Moral and legal awareness", "id": "Kesadaran hukum dan moral"},
    # roles
    "cyber_unit_head": {"en": "Cyber unit head", "id": "Kepala unit siber"},
    "investigator": {"en": "Investigator", "id": "Penyidik"},
    "community_guidance": {"en": "Community guidance", "id": "Pembinaan masyarakat"},
    "lodging_manager": {"en": "Lodging manager", "id": "Pengelola penginapan"},
    "child_protection_counsellor": {
        "en": "Child-protection counsellor",
        "id": "Konselor perlindungan anak",
    },
    "school_counsellor": {"en": "School counsellor", "id": "Guru BK"},
    # chart and table words
    "month": {"en": "Month", "id": "Bulan"},
    "week": {"en": "Week", "id": "Pekan"},
    "year": {"en": "Year", "id": "Tahun"},
    "sessions": {"en": "Sessions", "id": "Kegiatan"},
    "inspections": {"en": "Inspections", "id": "Pengawasan"},
    "reports": {"en": "Police reports", "id": "Laporan polisi"},
    "share": {"en": "Share of cases", "id": "Proporsi perkara"},
    "days": {"en": "Days since report", "id": "Hari sejak laporan"},
    "band": {"en": "Band reported in the thesis", "id": "Rentang menurut skripsi"},
    "observed": {"en": "Observed", "id": "Teramati"},
    "trend": {"en": "Poisson trend", "id": "Tren Poisson"},
    "accounts_flagged": {"en": "Accounts flagged", "id": "Akun ditandai"},
    "patrolled": {"en": "Patrol held", "id": "Ada patroli"},
    "not_patrolled": {"en": "No patrol", "id": "Tidak ada patroli"},
    "count": {"en": "Count", "id": "Jumlah"},
    "segments": {"en": "Coded segments", "id": "Segmen berkode"},
    "theme": {"en": "Theme", "id": "Tema"},
    "role": {"en": "Informant role", "id": "Peran informan"},
    "district": {"en": "District", "id": "Kecamatan"},
    "audience": {"en": "Audience", "id": "Sasaran"},
    "partner": {"en": "Partner agency", "id": "Instansi mitra"},
    "still_open": {"en": "Share not yet handed over", "id": "Proporsi belum dilimpahkan"},
    "reconstruction_note": {
        "en": "Data: reconstruction from the thesis's published figures, not the original records.",
        "id": "Data: rekonstruksi dari angka yang dipublikasikan skripsi, bukan catatan asli.",
    },
    "title_sessions": {
        "en": "Legal-education sessions per month",
        "id": "Sosialisasi hukum per bulan",
    },
    "title_lodging": {
        "en": "Lodging inspections per month",
        "id": "Pengawasan penginapan per bulan",
    },
    "title_patrol": {
        "en": "Weekly cyber-patrol coverage (MiChat, nearby users)",
        "id": "Cakupan patroli siber mingguan (MiChat, pengguna di sekitar)",
    },
    "title_swimlane": {"en": "Stages of each case", "id": "Tahapan setiap perkara"},
    "title_modus": {
        "en": "Modus of the cases (95% exact intervals)",
        "id": "Modus perkara (interval eksak 95%)",
    },
    "title_reports": {
        "en": "Police reports per year (95% exact Poisson intervals)",
        "id": "Laporan polisi per tahun (interval Poisson eksak 95%)",
    },
    "title_survival": {
        "en": "Time from report to prosecutor handover",
        "id": "Waktu dari laporan hingga pelimpahan",
    },
    "title_cooc": {
        "en": "Theme co-occurrence within informants",
        "id": "Ko-okurensi tema per informan",
    },
    "title_role": {"en": "Themes by informant role", "id": "Tema menurut peran informan"},
    "title_audience": {
        "en": "Audiences of legal-education sessions",
        "id": "Sasaran sosialisasi hukum",
    },
    "title_summary": {"en": "Thesis claims reproduced", "id": "Klaim skripsi yang tereproduksi"},
    "title_district": {
        "en": "Lodging inspections by district",
        "id": "Pengawasan penginapan per kecamatan",
    },
    # findings table
    "col_id": {"en": "Claim", "id": "Klaim"},
    "col_aspect": {"en": "Aspect", "id": "Aspek"},
    "col_statement": {"en": "Statement", "id": "Pernyataan"},
    "col_expected": {"en": "Expected", "id": "Diharapkan"},
    "col_computed": {"en": "Computed", "id": "Hasil hitung"},
    "col_reproduced": {"en": "Reproduced", "id": "Tereproduksi"},
    "yes": {"en": "yes", "id": "ya"},
    "no": {"en": "no", "id": "tidak"},
}


def t(key: str, lang: str = "en") -> str:
    """Label for a code in the chosen language; unknown codes fall back to a tidy form."""
    if lang not in ("en", "id"):
        raise ValueError(f"lang must be 'en' or 'id', not {lang!r}")
    entry = LABELS.get(key)
    if entry is None:
        return str(key).replace("_", " ").capitalize()
    return entry[lang]
