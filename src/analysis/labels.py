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
    # findings table
    "col_id": {"en": "Claim", "id": "Klaim"},
    "col_aspect": {"en": "Aspect", "id": "Aspek"},
    "col_statement": {"en": "Statement", "id": "Pernyataan"},
    "col_expected": {"en": "Expected", "id": "Diharapkan"},
    "col_computed": {"en": "Computed", "id": "Hasil hitung"},
    "col_reproduced": {"en": "Reproduced", "id": "Tereproduksi"},
    "col_reason": {"en": "Why not", "id": "Alasan tidak tereproduksi"},
    "yes": {"en": "yes", "id": "ya"},
    "no": {"en": "no", "id": "tidak"},
    # value codes that reach tables
    "michat": {"en": "MiChat", "id": "MiChat"},
    "wechat": {"en": "WeChat", "id": "WeChat"},
    "beetalk": {"en": "BeeTalk", "id": "BeeTalk"},
    "account_blocking_request": {"en": "Account blocking request", "id": "Permintaan blokir akun"},
    "management_summons": {"en": "Management summons", "id": "Pemanggilan pengelola"},
    "coordination_meeting": {"en": "Coordination meeting", "id": "Rapat koordinasi"},
    "apartment": {"en": "Apartment", "id": "Apartemen"},
    "social_sanction_proposal": {"en": "Social sanction (proposal)", "id": "Usulan sanksi sosial"},
    "nearby_users": {"en": "Nearby users", "id": "Pengguna di sekitar"},
    "female": {"en": "Female", "id": "Perempuan"},
    "male": {"en": "Male", "id": "Laki-laki"},
    "unknown": {"en": "Unknown", "id": "Tidak diketahui"},
    "minor": {"en": "Minor (under 18)", "id": "Anak (di bawah 18 tahun)"},
    "adult": {"en": "Adult", "id": "Dewasa"},
    "police": {"en": "Police", "id": "Kepolisian"},
    "local_government": {"en": "Local government", "id": "Pemerintah daerah"},
    "private": {"en": "Private sector", "id": "Swasta"},
    "handed_to_prosecutor": {"en": "Handed to prosecutor", "id": "Dilimpahkan ke kejaksaan"},
    "total": {"en": "Total", "id": "Jumlah"},
    "withheld": {"en": "withheld", "id": "disamarkan"},
    "rejected": {"en": "rejected", "id": "ditolak"},
    "duplicate": {"en": "duplicate", "id": "duplikat"},
    "outreach": {"en": "Outreach activities", "id": "Kegiatan pembinaan dan pengawasan"},
    "cases": {"en": "Cases", "id": "Perkara"},
    "case_stages": {"en": "Case stages", "id": "Tahapan perkara"},
    "informants": {"en": "Informants", "id": "Informan"},
    "interview_segments": {"en": "Interview segments", "id": "Segmen wawancara"},
    "segment_codes": {"en": "Segment codes", "id": "Kode segmen"},
    "interviews": {"en": "Interviews", "id": "Wawancara"},
    "no_variation": {
        "en": "not estimable: no variation",
        "id": "tidak dapat diestimasi: tidak ada variasi",
    },
    "no_spread": {
        "en": "not estimable: every resample agrees",
        "id": "tidak dapat diestimasi: semua sampel ulang identik",
    },
    "too_few_segments": {
        "en": "not estimable: too few coded segments",
        "id": "tidak dapat diestimasi: segmen berkode terlalu sedikit",
    },
    "unstable_bootstrap": {
        "en": "not estimable: unstable bootstrap",
        "id": "tidak dapat diestimasi: bootstrap tidak stabil",
    },
    "estimated": {"en": "estimated", "id": "diestimasi"},
    # table headers
    "h_kind": {"en": "Record kind", "id": "Jenis catatan"},
    "h_file": {"en": "File", "id": "Berkas"},
    "h_sheet": {"en": "Sheet", "id": "Lembar"},
    "h_table": {"en": "Table", "id": "Tabel"},
    "h_rows": {"en": "Rows", "id": "Baris"},
    "h_rows_read": {"en": "Rows read", "id": "Baris dibaca"},
    "h_rows_kept": {"en": "Rows kept", "id": "Baris dipakai"},
    "h_rows_rejected": {"en": "Rows rejected", "id": "Baris ditolak"},
    "h_rows_duplicate": {"en": "Duplicate rows", "id": "Baris duplikat"},
    "h_blank_rows": {"en": "Blank rows skipped", "id": "Baris kosong dilewati"},
    "h_source_row": {"en": "Row", "id": "Baris ke-"},
    "h_column": {"en": "Column", "id": "Kolom"},
    "h_problem": {"en": "Problem", "id": "Masalah"},
    "h_suggestion": {"en": "Suggestion", "id": "Saran perbaikan"},
    "h_outcome": {"en": "Outcome", "id": "Keterangan"},
    "h_partner": {"en": "Partner agency", "id": "Instansi mitra"},
    "h_venue": {"en": "Venue", "id": "Tempat kegiatan"},
    "h_sessions": {"en": "Sessions", "id": "Jumlah kegiatan"},
    "h_inspections": {"en": "Inspections", "id": "Jumlah pengawasan"},
    "h_district": {"en": "District", "id": "Kecamatan"},
    "h_year": {"en": "Year", "id": "Tahun"},
    "h_months_observed": {"en": "Months observed", "id": "Bulan teramati"},
    "h_partial": {"en": "Partial year", "id": "Tahun tidak penuh"},
    "h_reports": {"en": "Reports", "id": "Jumlah laporan"},
    "h_rate": {"en": "Reports per 12 months", "id": "Laporan per 12 bulan"},
    "h_ci_low": {"en": "95% CI, lower", "id": "Batas bawah SK 95%"},
    "h_ci_high": {"en": "95% CI, upper", "id": "Batas atas SK 95%"},
    "h_modus": {"en": "Modus", "id": "Modus"},
    "h_cases": {"en": "Cases", "id": "Jumlah perkara"},
    "h_share": {"en": "Share", "id": "Proporsi"},
    "h_case": {"en": "Case", "id": "Perkara"},
    "h_stage": {"en": "Stage", "id": "Tahapan"},
    "h_date": {"en": "Date", "id": "Tanggal"},
    "h_gap": {"en": "Days since previous stage", "id": "Hari sejak tahapan sebelumnya"},
    "h_days": {"en": "Days", "id": "Hari"},
    "h_handed_over": {"en": "Handed over", "id": "Sudah dilimpahkan"},
    "h_law": {"en": "Law", "id": "Undang-undang"},
    "h_citations": {"en": "Citations", "id": "Jumlah kutipan"},
    "h_victim": {"en": "Victim", "id": "Korban"},
    "h_informant": {"en": "Informant", "id": "Informan"},
    "h_role": {"en": "Role", "id": "Peran"},
    "h_organisation": {"en": "Organisation type", "id": "Jenis lembaga"},
    "h_aspect": {"en": "Aspect", "id": "Aspek"},
    "h_theme": {"en": "Theme", "id": "Tema"},
    "h_segments": {"en": "Segments", "id": "Jumlah segmen"},
    "h_coded_k1": {"en": "Segments, coder 1", "id": "Segmen, pengode 1"},
    "h_coded_k2": {"en": "Segments, coder 2", "id": "Segmen, pengode 2"},
    "h_kappa": {"en": "Kappa", "id": "Kappa"},
    "h_interval": {"en": "Interval", "id": "Interval"},
    "h_recommendation": {"en": "Recommendation", "id": "Saran"},
    "h_themes": {"en": "Grounding themes", "id": "Tema pendukung"},
    "h_informants": {"en": "Informants", "id": "Jumlah informan"},
    # figure titles and captions
    "reconstruction_note": {
        "en": "Data: reconstruction from the thesis's published figures, not the original records.",
        "id": "Data: rekonstruksi dari angka yang dipublikasikan skripsi, bukan catatan asli.",
    },
    "reconstruction_title": {"en": "Reconstructed data", "id": "Data rekonstruksi"},
    "title_sessions": {
        "en": "Legal-education sessions per month",
        "id": "Sosialisasi hukum per bulan",
    },
    "title_lodging": {
        "en": "Lodging inspections per month",
        "id": "Pengawasan penginapan per bulan",
    },
    "title_patrol": {"en": "Weeks with a cyber patrol", "id": "Pekan dengan patroli siber"},
    "title_swimlane": {"en": "Stages of each case", "id": "Tahapan setiap perkara"},
    "title_modus": {
        "en": "Modus of the cases (95% exact intervals)",
        "id": "Modus perkara (interval eksak 95%)",
    },
    "title_reports": {
        "en": "Police reports per 12 months (95% exact Poisson intervals)",
        "id": "Laporan polisi per 12 bulan (interval Poisson eksak 95%)",
    },
    "title_survival": {
        "en": "Time from report to prosecutor handover",
        "id": "Waktu dari laporan hingga pelimpahan",
    },
    "title_cooc": {
        "en": "Themes raised by the same informant",
        "id": "Tema yang muncul pada informan yang sama",
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
    "partial_year": {"en": "{year} ({months} months)", "id": "{year} ({months} bulan)"},
    "rate": {"en": "Reports per 12 months", "id": "Laporan per 12 bulan"},
    "figure": {"en": "Figure", "id": "Gambar"},
    "table": {"en": "Table", "id": "Tabel"},
    "cap_sessions": {
        "en": "Legal-education sessions in each month of the study period. The shaded band is "
        "the range the thesis reports; bars outside it are drawn in orange; the dashed line is "
        "the fitted Poisson trend.",
        "id": "Jumlah sosialisasi hukum pada setiap bulan periode penelitian. Pita berarsir "
        "menunjukkan rentang yang dilaporkan skripsi; batang di luar rentang berwarna jingga; "
        "garis putus-putus adalah tren Poisson hasil estimasi.",
    },
    "alt_sessions": {
        "en": "Bar chart of legal-education sessions per month, {lo} to {hi} per month, "
        "against the band reported in the thesis.",
        "id": "Diagram batang jumlah sosialisasi hukum per bulan, {lo} sampai {hi} per bulan, "
        "dibandingkan dengan rentang menurut skripsi.",
    },
    "cap_audience": {
        "en": "Number of legal-education sessions by audience.",
        "id": "Jumlah sosialisasi hukum menurut kelompok sasaran.",
    },
    "alt_audience": {
        "en": "Horizontal bar chart of sessions per audience group: {items}.",
        "id": "Diagram batang horizontal jumlah kegiatan per kelompok sasaran: {items}.",
    },
    "cap_patrol": {
        "en": "Top: every Monday-to-Sunday week of the study period, green when at least one "
        "cyber patrol on {platform} was logged, red otherwise ({covered} of {weeks} weeks). "
        "Bottom: accounts flagged per month, as written in the patrol log.",
        "id": "Atas: setiap pekan (Senin–Minggu) dalam periode penelitian, hijau bila tercatat "
        "sekurang-kurangnya satu patroli siber di {platform}, merah bila tidak ({covered} dari "
        "{weeks} pekan). Bawah: jumlah akun yang ditandai per bulan menurut log patroli.",
    },
    "alt_patrol": {
        "en": "Two-panel chart: weekly patrol coverage {covered} of {weeks} weeks, and accounts "
        "flagged per month.",
        "id": "Grafik dua panel: cakupan patroli mingguan {covered} dari {weeks} pekan, dan "
        "jumlah akun yang ditandai per bulan.",
    },
    "cap_lodging": {
        "en": "Lodging inspections in each month. The shaded band is the range the thesis "
        "reports; bars outside it are drawn in orange.",
        "id": "Jumlah pengawasan penginapan pada setiap bulan. Pita berarsir menunjukkan "
        "rentang yang dilaporkan skripsi; batang di luar rentang berwarna jingga.",
    },
    "alt_lodging": {
        "en": "Bar chart of lodging inspections per month, {lo} to {hi} per month.",
        "id": "Diagram batang pengawasan penginapan per bulan, {lo} sampai {hi} per bulan.",
    },
    "cap_district": {
        "en": "Lodging inspections by district over the whole study period.",
        "id": "Jumlah pengawasan penginapan per kecamatan selama seluruh periode penelitian.",
    },
    "alt_district": {
        "en": "Horizontal bar chart of lodging inspections per district: {items}.",
        "id": "Diagram batang horizontal pengawasan penginapan per kecamatan: {items}.",
    },
    "cap_reports": {
        "en": "Police reports per 12 months for each calendar year, with exact 95% Poisson "
        "intervals. A year observed only in part is shown with a hollow marker and its number "
        "of months; its rate is the count divided by the months observed.",
        "id": "Laporan polisi per 12 bulan untuk setiap tahun kalender, dengan interval "
        "Poisson eksak 95%. Tahun yang hanya teramati sebagian ditandai titik berongga beserta "
        "jumlah bulannya; lajunya adalah jumlah laporan dibagi bulan yang teramati.",
    },
    "alt_reports": {
        "en": "Dot-and-interval chart of reports per 12 months by year: {items}.",
        "id": "Grafik titik dan interval laporan per 12 bulan menurut tahun: {items}.",
    },
    "cap_modus": {
        "en": "Share of cases per modus with exact (Clopper-Pearson) 95% intervals, out of "
        "{n} cases.",
        "id": "Proporsi perkara menurut modus dengan interval eksak (Clopper-Pearson) 95%, "
        "dari {n} perkara.",
    },
    "alt_modus": {
        "en": "Dot-and-interval chart of the share of cases per modus: {items}.",
        "id": "Grafik titik dan interval proporsi perkara menurut modus: {items}.",
    },
    "cap_swimlane": {
        "en": "One lane per case; each dot is a procedural stage, placed at the days since the "
        "report. The month of the report is written at the end of each lane.",
        "id": "Satu lajur untuk setiap perkara; setiap titik adalah satu tahapan, diletakkan "
        "menurut jumlah hari sejak laporan. Bulan laporan tertulis di ujung lajur.",
    },
    "alt_swimlane": {
        "en": "Swimlane chart of the procedural stages of {n} cases.",
        "id": "Diagram lajur tahapan proses hukum untuk {n} perkara.",
    },
    "cap_survival": {
        "en": "Share of cases not yet handed to the prosecutor, by days since the report "
        "(Kaplan-Meier; cases still open are censored at the end of the study period).",
        "id": "Proporsi perkara yang belum dilimpahkan ke kejaksaan menurut hari sejak "
        "laporan (Kaplan-Meier; perkara yang masih berjalan disensor pada akhir periode).",
    },
    "alt_survival": {
        "en": "Step curve of the share of cases not yet handed over; median {median} days.",
        "id": "Kurva tangga proporsi perkara yang belum dilimpahkan; median {median} hari.",
    },
    "cap_cooc": {
        "en": "Number of informants who raised both themes (first coder's codes); the diagonal "
        "is the number of informants who raised the theme at all.",
        "id": "Jumlah informan yang mengangkat kedua tema (kode pengode pertama); diagonal "
        "menunjukkan jumlah informan yang mengangkat tema tersebut.",
    },
    "alt_cooc": {
        "en": "Heat map of theme co-occurrence across {n} informants.",
        "id": "Peta panas kemunculan bersama tema pada {n} informan.",
    },
    "cap_role": {
        "en": "Coded segments per theme and informant role (first coder's codes).",
        "id": "Jumlah segmen berkode per tema dan peran informan (kode pengode pertama).",
    },
    "alt_role": {
        "en": "Heat map of coded segments by theme and informant role.",
        "id": "Peta panas segmen berkode menurut tema dan peran informan.",
    },
    "cap_summary": {
        "en": "Each claim of the thesis's conclusion: a green dot when the processed data "
        "reproduce it, a red cross when they do not.",
        "id": "Setiap klaim dalam kesimpulan skripsi: titik hijau bila data olahan "
        "mereproduksinya, tanda silang merah bila tidak.",
    },
    "alt_summary": {
        "en": "Checklist chart: {n} of {total} claims reproduced.",
        "id": "Diagram daftar periksa: {n} dari {total} klaim tereproduksi.",
    },
    # narrative (Markdown; {placeholders} come from the region config or the data)
    "nb00_title": {"en": "Data overview", "id": "Ikhtisar data"},
    "nb00_intro": {
        "en": "Where the data for {city} come from, how many rows each source gave, and which "
        "rows the cleaning could not use, and why.",
        "id": "Bagian ini menjelaskan asal data {city}, jumlah baris dari setiap sumber, serta "
        "baris yang tidak dapat dipakai dalam pembersihan data beserta alasannya.",
    },
    "nb00_accounting": {
        "en": "Every row read is either kept, rejected or recognised as a duplicate; the table "
        "below accounts for each source file.",
        "id": "Setiap baris yang dibaca berakhir pada salah satu dari tiga keadaan: dipakai, "
        "ditolak, atau dikenali sebagai duplikat. Tabel berikut merinci setiap berkas sumber.",
    },
    "nb00_rejects": {
        "en": "Rows not used, counted by file, column and kind of problem (values, dates and "
        "row numbers are left out of the problem). The row-by-row list stays with the "
        "researcher, in data/private/, so that it can be fixed at the source.",
        "id": "Baris yang tidak dipakai, dihitung menurut berkas, kolom dan jenis masalah "
        "(nilai, tanggal dan nomor baris tidak dicantumkan). Daftar per baris disimpan oleh "
        "peneliti di data/private/ agar dapat diperbaiki pada sumbernya. Uraian masalah "
        "ditulis oleh program dalam bahasa Inggris.",
    },
    "nb00_no_rejects": {
        "en": "Every row read was used.",
        "id": "Seluruh baris yang dibaca dapat dipakai.",
    },
    "nb00_sizes": {
        "en": "Rows in each processed table:",
        "id": "Jumlah baris pada setiap tabel olahan:",
    },
    "nb00_provenance": {
        "en": "Raw files are checked against their checksum manifest before every run, and "
        "every processed row keeps the file, sheet and row it came from, so each number in "
        "these reports can be traced back to a cell of the original records.",
        "id": "Sebelum setiap proses, berkas mentah dicocokkan dengan daftar checksum-nya, dan "
        "setiap baris olahan menyimpan nama berkas, lembar, dan nomor baris asalnya. Dengan "
        "demikian setiap angka dalam laporan ini dapat ditelusuri kembali ke sel pada catatan "
        "aslinya.",
    },
    "nb01_title": {"en": "Preemptive efforts", "id": "Upaya pre-emtif"},
    "nb01_intro": {
        "en": "Legal-education sessions held by {polda} in {city}: how many per month, whom "
        "they reached, and which partner agencies took part.",
        "id": "Sosialisasi hukum yang dilaksanakan {polda} di {city}: frekuensinya per bulan, "
        "kelompok sasaran yang dijangkau, dan instansi mitra yang terlibat.",
    },
    "nb01_trend": {
        "en": "Poisson trend over {months} months: the monthly rate changes by a factor of "
        "{rr} per year (95% CI {lo} to {hi}). With so few events per month the "
        "model can only detect a large change; a factor near 1 with a wide interval means no "
        "evidence of change, not evidence of stability.",
        "id": "Tren Poisson selama {months} bulan: laju bulanan berubah dengan faktor {rr} "
        "per tahun (SK 95% {lo} sampai {hi}). Karena jumlah kegiatan per bulan kecil, "
        "model ini hanya mampu menangkap perubahan yang besar; faktor yang mendekati 1 dengan "
        "interval lebar berarti tidak ada bukti perubahan, bukan bukti bahwa frekuensinya "
        "stabil.",
    },
    "nb01_no_trend": {
        "en": "Too few months or events to fit a trend.",
        "id": "Jumlah bulan atau kegiatan terlalu sedikit untuk mengestimasi tren.",
    },
    "nb01_partners": {
        "en": "Partner agencies named in the session records, and the venues used:",
        "id": "Instansi mitra yang tercatat dalam kegiatan sosialisasi, serta tempat "
        "pelaksanaannya:",
    },
    "nb02_title": {"en": "Preventive efforts", "id": "Upaya preventif"},
    "nb02_intro": {
        "en": "Cyber patrols on {platform} week by week, and inspections of lodgings in "
        "{city} month by month.",
        "id": "Patroli siber pada {platform} dari pekan ke pekan, serta pengawasan penginapan "
        "di {city} dari bulan ke bulan.",
    },
    "nb02_flagged": {
        "en": "Counts of flagged accounts are what officers wrote in the patrol log; they say "
        "nothing about how many distinct people were behind those accounts.",
        "id": "Jumlah akun yang ditandai adalah angka yang dicatat petugas dalam log patroli; "
        "angka ini tidak menunjukkan berapa orang berbeda yang berada di balik akun-akun "
        "tersebut.",
    },
    "nb03_title": {"en": "Repressive efforts", "id": "Upaya represif"},
    "nb03_intro": {
        "en": "Police reports received by {polda}, the modus of the cases, the procedural "
        "stages each case went through, and the time to handover to the prosecutor.",
        "id": "Laporan polisi yang ditangani {polda}, modus perkaranya, tahapan proses hukum "
        "yang dilalui setiap perkara, dan lama waktu hingga pelimpahan ke kejaksaan.",
    },
    "nb03_partial": {
        "en": "{year} is observed for {months} months only; its rate is scaled to 12 months "
        "and its interval is correspondingly wider.",
        "id": "Tahun {year} hanya teramati selama {months} bulan; lajunya disetarakan ke 12 "
        "bulan sehingga intervalnya lebih lebar.",
    },
    "nb03_modus": {
        "en": "With {n} cases an exact 95% interval for any share covers most of the range "
        "from 0 to 100%: the data show which modus occurred, not how common each is in "
        "general.",
        "id": "Dengan {n} perkara, interval eksak 95% untuk proporsi mana pun mencakup "
        "sebagian besar rentang 0 sampai 100%: data ini menunjukkan modus apa yang muncul, "
        "bukan seberapa umum masing-masing modus.",
    },
    "nb03_gaps": {
        "en": "Days between consecutive stages of each case:",
        "id": "Selang hari antara tahapan yang berurutan pada setiap perkara:",
    },
    "nb03_median": {
        "en": "Median time to handover: {median} days ({n} cases, {open} still open and censored).",
        "id": "Median waktu hingga pelimpahan: {median} hari ({n} perkara, {open} masih "
        "berjalan dan disensor).",
    },
    "nb03_no_median": {
        "en": "The median time to handover cannot be estimated: fewer than half of the {n} "
        "cases were handed over.",
        "id": "Median waktu hingga pelimpahan tidak dapat diestimasi karena kurang dari separuh "
        "dari {n} perkara yang sudah dilimpahkan.",
    },
    "nb03_statutes": {
        "en": "Laws cited in the case files (one citation per article):",
        "id": "Undang-undang yang disangkakan dalam berkas perkara (satu kutipan per pasal):",
    },
    "nb03_victims": {
        "en": "Victims by age group and sex. Counts below {k} are withheld, and further cells "
        "are withheld where a withheld count could otherwise be worked out from the totals "
        "(including the published number of cases).",
        "id": "Korban menurut kelompok umur dan jenis kelamin. Angka di bawah {k} disamarkan, "
        "dan sel lain ikut disamarkan bila angka yang disamarkan masih dapat dihitung dari "
        "jumlah total (termasuk jumlah perkara yang dipublikasikan).",
    },
    "nb04_title": {"en": "Interviews", "id": "Wawancara"},
    "nb04_intro": {
        "en": "Who was interviewed (by role only), what they talked about, how well two coders "
        "agreed, and which themes ground each recommendation.",
        "id": "Siapa yang diwawancarai (hanya menurut perannya), apa yang mereka sampaikan, "
        "seberapa besar kesepakatan dua pengode, dan tema mana yang mendasari setiap saran.",
    },
    "nb04_themes": {
        "en": "Coded segments per aspect and theme (first coder):",
        "id": "Jumlah segmen berkode per aspek dan tema (pengode pertama):",
    },
    "nb04_kappa": {
        "en": "Overall agreement between the two coders: Cohen's kappa {kappa} (95% "
        "bootstrap interval over segments {lo} to {hi}) over {n} segments; raw "
        "agreement {agreement}.",
        "id": "Kesepakatan keseluruhan kedua pengode: kappa Cohen {kappa} (interval "
        "bootstrap 95% atas segmen {lo} sampai {hi}) pada {n} segmen; kesepakatan "
        "mentah {agreement}.",
    },
    "nb04_kappa_na": {
        "en": "Overall agreement between the two coders: Cohen's kappa {kappa} over {n} "
        "segments (interval {reason}); raw agreement {agreement}.",
        "id": "Kesepakatan keseluruhan kedua pengode: kappa Cohen {kappa} pada {n} segmen "
        "(interval {reason}); kesepakatan mentah {agreement}.",
    },
    "nb04_kappa_themes": {
        "en": "Per-theme kappa, theme present or absent in each segment. An interval is given "
        "only where at least {min} segments carry the theme and the bootstrap varies; with "
        "four or five segments a theme's kappa is a check that it was not coded arbitrarily, "
        "not a precise value.",
        "id": "Kappa per tema (tema ada atau tidak ada pada setiap segmen). Interval hanya "
        "disajikan bila sekurang-kurangnya {min} segmen memuat tema tersebut dan hasil "
        "bootstrap bervariasi; dengan empat atau lima segmen, kappa suatu tema hanya "
        "menunjukkan bahwa tema itu tidak dikodekan secara sembarangan, bukan nilai yang "
        "presisi.",
    },
    "nb04_one_coder": {
        "en": "Only one coder coded the segments, so agreement cannot be measured.",
        "id": "Segmen hanya dikodekan oleh satu pengode sehingga kesepakatan tidak dapat diukur.",
    },
    "nb04_grounding": {
        "en": "Interview themes behind each recommendation of the study:",
        "id": "Tema wawancara yang mendasari setiap saran penelitian:",
    },
    "nb06_title": {"en": "Regions compared", "id": "Perbandingan wilayah"},
    "nb06_intro": {
        "en": "The bundled regions side by side on what they share: counts, counts per month "
        "of each study period, and counts per 100,000 residents where the region config names "
        "a population with its source.",
        "id": "Wilayah bawaan berdampingan pada ukuran yang sama-sama dimiliki: jumlah, jumlah "
        "per bulan periode penelitian, dan jumlah per 100.000 penduduk bila konfigurasi wilayah "
        "mencantumkan jumlah penduduk beserta sumbernya.",
    },
    "nb06_caveats": {
        "en": "Read these numbers with care. The regions rest on different sources (a thesis, a "
        "news report), cover study periods of very different length, concern police forces at "
        "different levels and different platforms, and some are reconstructions whose counts "
        "follow stated assumptions rather than observed registers. Rates per 100,000 residents "
        "appear only where a sourced population exists, and its census year need not match the "
        "study period. A region without records of a kind has no row for it: absent is not "
        "zero. The table describes the bundled data; it is not evidence that one police force "
        "does more than another.",
        "id": "Baca angka-angka ini dengan hati-hati. Wilayah-wilayah ini bertumpu pada sumber "
        "yang berbeda (skripsi, berita), mencakup periode penelitian yang panjangnya sangat "
        "berbeda, menyangkut satuan kepolisian pada tingkat berbeda dan aplikasi berbeda, dan "
        "sebagian adalah rekonstruksi yang jumlahnya mengikuti asumsi tertulis, bukan register "
        "yang diamati. Angka per 100.000 penduduk hanya muncul bila ada jumlah penduduk "
        "bersumber, dan tahun sensusnya tidak harus sama dengan periode penelitian. Wilayah tanpa "
        "catatan jenis tertentu tidak punya baris untuknya: tidak ada catatan bukan berarti nol. "
        "Tabel ini menggambarkan data bawaan; bukan bukti bahwa satu satuan kepolisian bekerja "
        "lebih banyak daripada yang lain.",
    },
    "nb06_profiles": {"en": "The regions", "id": "Wilayah"},
    "nb06_metrics": {"en": "Every metric", "id": "Semua ukuran"},
    "nb06_shared": {
        "en": "Metrics every bundled region has, per month of its study period",
        "id": "Ukuran yang dimiliki setiap wilayah bawaan, per bulan periode penelitiannya",
    },
    "none_sourced": {"en": "none with a source", "id": "tidak ada yang bersumber"},
    "m_accounts_patrol": {
        "en": "Accounts flagged on cyber patrols",
        "id": "Akun ditandai saat patroli siber",
    },
    "m_accounts_blocking": {
        "en": "Accounts put forward for blocking",
        "id": "Akun diajukan untuk diblokir",
    },
    "m_police_reports": {"en": "Police reports", "id": "Laporan polisi"},
    "m_interview_segments": {"en": "Interview segments", "id": "Segmen wawancara"},
    "h_region": {"en": "Region", "id": "Wilayah"},
    "h_name": {"en": "Name", "id": "Wilayah administratif"},
    "h_police": {"en": "Police force", "id": "Satuan kepolisian"},
    "h_platforms": {"en": "Platforms", "id": "Aplikasi"},
    "h_source": {"en": "Source", "id": "Sumber"},
    "h_reconstruction": {"en": "Reconstruction", "id": "Rekonstruksi"},
    "h_period": {"en": "Study period", "id": "Periode penelitian"},
    "h_months": {"en": "Months", "id": "Bulan"},
    "h_population": {"en": "Population", "id": "Penduduk"},
    "h_population_source": {"en": "Population source", "id": "Sumber jumlah penduduk"},
    "h_metric": {"en": "Metric", "id": "Ukuran"},
    "h_count": {"en": "Count", "id": "Jumlah"},
    "h_per_month": {"en": "Per month", "id": "Per bulan"},
    "h_per_100k": {"en": "Per 100,000 residents", "id": "Per 100.000 penduduk"},
    "nb05_title": {"en": "Findings", "id": "Temuan"},
    "nb05_intro": {
        "en": "Every claim of the conclusion of {source}, recomputed from the processed tables "
        "and compared with what the study reports.",
        "id": "Setiap klaim dalam kesimpulan {source}, dihitung ulang dari tabel olahan dan "
        "dibandingkan dengan yang dilaporkan penelitian tersebut.",
    },
    "nb05_recommendations": {
        "en": "Recommendations of the study (paraphrased)",
        "id": "Saran penelitian (parafrasa)",
    },
    "nb05_grounding": {
        "en": "Notebook 04 shows which interview themes ground each recommendation.",
        "id": "Buku catatan 04 menunjukkan tema wawancara yang mendasari setiap saran.",
    },
    "claims_here": {
        "en": "Claims of the study this notebook speaks to",
        "id": "Klaim penelitian yang dibahas dalam buku catatan ini",
    },
    "no_records": {
        "en": "This region has no {what} records yet, so this part is left out.",
        "id": "Wilayah ini belum memiliki catatan {what}, sehingga bagian ini dilewati.",
    },
    "no_claims": {
        "en": "The region configuration lists no claim for this part.",
        "id": "Konfigurasi wilayah tidak memuat klaim untuk bagian ini.",
    },
    # claims in plain words
    "exp_each_between": {
        "en": "{lo} to {hi} in every month",
        "id": "{lo} sampai {hi} setiap bulan",
    },
    "got_each_between": {
        "en": "{lo} to {hi} per month",
        "id": "{lo} sampai {hi} per bulan",
    },
    "exp_includes": {"en": "includes {items}", "id": "mencakup {items}"},
    "got_includes": {"en": "found {items}", "id": "ditemukan {items}"},
    "exp_greater_than": {"en": "more than {v}", "id": "lebih dari {v}"},
    "exp_equals": {"en": "exactly {v}", "id": "tepat {v}"},
    "exp_at_least": {"en": "at least {v}", "id": "paling sedikit {v}"},
    "exp_at_most": {"en": "at most {v}", "id": "paling banyak {v}"},
    "exp_between": {"en": "between {lo} and {hi}", "id": "antara {lo} dan {hi}"},
    "exp_excludes": {"en": "never {items}", "id": "tidak pernah {items}"},
    "exp_top_includes": {
        "en": "{items} among the most frequent",
        "id": "{items} termasuk yang paling sering",
    },
    "exp_share_above": {"en": "together more than {v}", "id": "bersama-sama lebih dari {v}"},
    "got_share_of": {"en": "{pct} ({k} of {n})", "id": "{pct} ({k} dari {n})"},
    "and": {"en": "and", "id": "dan"},
    "reason_generic": {
        "en": "computed {got}, expected {want}",
        "id": "hasil hitung {got}, sedangkan yang diharapkan {want}",
    },
    # front page
    "idx_title": {"en": "Reviewer's copy", "id": "Salinan untuk penelaah"},
    "idx_intro": {
        "en": "The thesis's claims recomputed from field records, region by region. Each "
        "notebook is rendered twice: a reading copy without code, and a copy with the code "
        "for those who want to check how a number was made.",
        "id": "Klaim skripsi dihitung ulang dari catatan lapangan, wilayah demi wilayah. "
        "Setiap buku catatan disajikan dua kali: salinan baca tanpa kode, dan salinan dengan "
        "kode bagi pembaca yang ingin memeriksa asal setiap angka.",
    },
    "idx_region": {"en": "Region", "id": "Wilayah"},
    "idx_period": {"en": "Study period", "id": "Periode penelitian"},
    "idx_notebooks": {"en": "Notebooks", "id": "Buku catatan"},
    "idx_reading": {"en": "reading copy", "id": "salinan baca"},
    "idx_code": {"en": "with code", "id": "dengan kode"},
    "idx_tables": {"en": "Tables (CSV and Excel)", "id": "Tabel (CSV dan Excel)"},
    "idx_claims": {"en": "Claims", "id": "Klaim"},
    "idx_summary": {
        "en": "{n} of {total} claims reproduced.",
        "id": "{n} dari {total} klaim tereproduksi.",
    },
    "idx_lang": {"en": "Bahasa Indonesia", "id": "English"},
    "idx_regions": {"en": "Regions", "id": "Wilayah"},
    "idx_all": {"en": "All regions", "id": "Semua wilayah"},
    "idx_not_built": {
        "en": "not rendered yet (run make reproduce)",
        "id": "belum dirender (jalankan make reproduce)",
    },
}


def num(value: float, lang: str = "en", digits: int = 2) -> str:
    """A number as each language writes it: 1,234.56 in English, 1.234,56 in Indonesian."""
    text = f"{value:,.{digits}f}"
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def pct(share: float, lang: str = "en", digits: int = 0) -> str:
    return num(100 * share, lang, digits) + "%"


def t(key: str, lang: str = "en") -> str:
    """Label for a code in the chosen language; unknown codes fall back to a tidy form."""
    if lang not in ("en", "id"):
        raise ValueError(f"lang must be 'en' or 'id', not {lang!r}")
    entry = LABELS.get(key)
    if entry is None:  # a snake_case code gets a tidy form; a proper name stays as written
        text = str(key)
        return text.replace("_", " ").capitalize() if "_" in text or text.islower() else text
    return entry[lang]
