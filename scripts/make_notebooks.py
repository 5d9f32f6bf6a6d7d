"""Write the source notebooks in notebooks/ (committed without outputs).

The notebooks are kept as code here so that a review sees plain Python diffs; run
`python scripts/make_notebooks.py` after editing, then `make reproduce`.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

OUT = Path(__file__).resolve().parents[1] / "notebooks"

PARAMS = """# Parameters (papermill overrides these)
region = "kupang"
lang = "en"  # "en" or "id"
report_dir = ""  # where figures/ and tables/ go; empty means reports/<region>/
root = ""  # project root; empty means find it from the working directory"""

SETUP = """from IPython.display import Markdown, display

from analysis import findings as fnd, plots, stats, tables as tbl
from analysis.labels import t
from analysis.nbsupport import setup

S = setup(region, lang, report_dir, root)
T = S.tables
if S.reconstruction:
    display(Markdown("> **" + t("reconstruction_note", lang) + "** " + S.region.get("data_note", "")))"""


def claims_cell(ids: list[str]) -> str:
    return f"""# The thesis claims this notebook speaks to, recomputed from the processed tables
_f = [f for f in fnd.evaluate(T, S.region) if f["id"] in {ids!r}]
fnd.findings_frame(_f, lang)"""


NOTEBOOKS: dict[str, list[tuple[str, str]]] = {
    "00_data_overview": [
        (
            "md",
            "# Data overview / Ikhtisar data\n\nWhere the data come from, how many rows each source "
            "gave, and which rows the cleaning could not use (and why).",
        ),
        ("code", SETUP),
        (
            "code",
            """import json
manifest = json.loads((S.paths.processed / "manifest.json").read_text(encoding="utf-8"))
sources = __import__("pandas").DataFrame(manifest["sources"])[
    ["kind", "file", "sheet", "table", "rows_read", "rows_kept", "rows_rejected", "rows_duplicate",
     "blank_rows_skipped"]]
assert (sources.rows_read == sources.rows_kept + sources.rows_rejected + sources.rows_duplicate).all()
tbl.save_table(sources, S.table_dir, "row_accounting")
sources""",
        ),
        (
            "code",
            """rejects = __import__("pandas").read_csv(S.paths.processed / "rejects.csv", keep_default_na=False)
tbl.save_table(rejects, S.table_dir, "rejects")
rejects""",
        ),
        ("code", """{name: len(df) for name, df in T.items()}"""),
        (
            "md",
            "The raw files are checked against `data/raw/<region>/SHA256SUMS` before every run; "
            "processed tables carry `source_file`, `source_sheet` and `source_row` so every row "
            "can be traced back to the cell it came from.",
        ),
        ("code", claims_cell([])),
    ],
    "01_preemptive": [
        (
            "md",
            "# Preemptive efforts / Upaya pre-emtif\n\nLegal-education sessions per month against "
            "the 2–4 band the thesis reports, who they reached, and with which partner agencies.",
        ),
        ("code", SETUP),
        (
            "code",
            """per = fnd.monthly_counts(T, S.region, "legal_education")
trend = stats.poisson_trend(per)
import numpy as np
fitted = per.mean() * trend["rate_ratio_per_year"] ** ((np.arange(len(per)) - (len(per) - 1) / 2) / 12)
fig = plots.monthly_band(per, (2, 4), "title_sessions", "sessions", lang,
                         trend=__import__("pandas").Series(fitted, index=per.index),
                         reconstruction=S.reconstruction)
plots.save(fig, S.figures, "sessions_per_month")""",
        ),
        ("code", """{k: round(v, 3) for k, v in trend.items()}"""),
        (
            "md",
            "The Poisson trend uses one count per month over the study period. With so few "
            "events per month it can only show a large change in the rate; a rate ratio near 1 "
            "with a wide interval means *no evidence of change*, not evidence of stability.",
        ),
        (
            "code",
            """edu = T["outreach"][T["outreach"].activity_type == "legal_education"]
aud = edu["audience"].value_counts()
fig = plots.bars(aud, "title_audience", "sessions", lang, reconstruction=S.reconstruction)
plots.save(fig, S.figures, "audiences")
partners = edu["partners"].dropna().str.split("; ").explode().value_counts().rename_axis("partner").reset_index(name="sessions")
venues = edu["venue_type"].value_counts().rename_axis("venue_type").reset_index(name="sessions")
tbl.save_table(partners, S.table_dir, "partners")
tbl.save_table(venues, S.table_dir, "venues")
partners""",
        ),
        ("code", claims_cell(["C1", "C2", "C3"])),
    ],
    "02_preventive": [
        (
            "md",
            "# Preventive efforts / Upaya preventif\n\nCyber patrols on MiChat's nearby-users "
            "feature week by week, and lodging inspections per month against the 4–5 band.",
        ),
        ("code", SETUP),
        (
            "code",
            """params = {"activity_type": "cyber_patrol", "platform": "michat", "feature": "nearby_users"}
cov = fnd.weekly_coverage_series(T, S.region, params)
pat = T["outreach"][T["outreach"].activity_type == "cyber_patrol"]
flag = pat.groupby(pat["date"].dt.to_period("M"))["accounts_flagged"].sum()
flag = flag.reindex(__import__("pandas").period_range(S.region.start, S.region.end, freq="M"), fill_value=0)
fig = plots.patrol_coverage(cov, flag, lang, reconstruction=S.reconstruction)
plots.save(fig, S.figures, "patrol_coverage")""",
        ),
        (
            "code",
            """per = fnd.monthly_counts(T, S.region, "lodging_inspection")
fig = plots.monthly_band(per, (4, 5), "title_lodging", "inspections", lang, reconstruction=S.reconstruction)
plots.save(fig, S.figures, "lodging_per_month")""",
        ),
        (
            "code",
            """lod = T["outreach"][T["outreach"].activity_type == "lodging_inspection"]
by_district = lod["district"].value_counts()
fig = plots.bars(by_district, "title_district", "inspections", lang, reconstruction=S.reconstruction)
plots.save(fig, S.figures, "lodging_by_district")
tbl.save_table(by_district.rename_axis("district").reset_index(name="inspections"), S.table_dir, "lodging_by_district")
by_district""",
        ),
        (
            "md",
            "Counts of flagged accounts are what officers wrote in the patrol log; they say "
            "nothing about how many distinct people were behind those accounts.",
        ),
        ("code", claims_cell(["C4", "C5"])),
    ],
    "03_repressive": [
        (
            "md",
            "# Repressive efforts / Upaya represif\n\nPolice reports per year, the modus of the "
            "cases, the stages each case went through, and the time to prosecutor handover.",
        ),
        ("code", SETUP),
        (
            "code",
            """years = list(range(S.region.start.year, S.region.end.year + 1))
per_year = stats.reports_per_year(T["cases"], years)
fig = plots.interval_points(per_year.assign(label=per_year.year.astype(str)), "label", "reports",
                            "title_reports", "reports", lang, reconstruction=S.reconstruction)
plots.save(fig, S.figures, "reports_per_year")
tbl.save_table(per_year, S.table_dir, "reports_per_year")
per_year""",
        ),
        (
            "code",
            """shares = stats.modus_shares(T["cases"], method="beta")
fig = plots.interval_points(shares, "modus", "share", "title_modus", "share", lang,
                            reconstruction=S.reconstruction, percent=True)
plots.save(fig, S.figures, "modus_shares")
tbl.save_table(shares, S.table_dir, "modus_shares")
shares""",
        ),
        (
            "md",
            "With five cases an exact 95% interval for any share runs across most of the 0–100% "
            "range: the data can show which modus appeared, not how common each is in general.",
        ),
        (
            "code",
            """fig = plots.swimlane(T["case_stages"], stats.stages_order(), lang, reconstruction=S.reconstruction)
plots.save(fig, S.figures, "stage_swimlane")
gaps = stats.stage_gaps(T["case_stages"])
tbl.save_table(gaps, S.table_dir, "stage_gaps")""",
        ),
        (
            "code",
            """import pandas as pd
dur = stats.handover_survival(T["cases"], T["case_stages"], pd.Timestamp(S.region.end))
curve, median = stats.survival_curve(dur)
fig = plots.survival(curve, lang, reconstruction=S.reconstruction)
plots.save(fig, S.figures, "handover_survival")
tbl.save_table(dur, S.table_dir, "handover_days")
print("median days to handover:", median, "| cases:", len(dur), "| censored (open):", int((dur.handed_over == 0).sum()))""",
        ),
        (
            "code",
            """st = T["cases"]["statutes"].str.split("; ").explode().str.extract(r"^(UU [A-Za-z ]+?|KUHP)(?: Pasal|$)")[0]
statutes = st.value_counts().rename_axis("law").reset_index(name="citations")
tbl.save_table(statutes, S.table_dir, "statutes")
statutes""",
        ),
        (
            "code",
            """# Victim attributes with small cells suppressed (privacy threshold from the region config)
k = S.region.small_cell_threshold
v = T["cases"].groupby(["victim_minor", "victim_sex"], dropna=False).size().reset_index(name="cases")
v["cases"] = v["cases"].map(lambda n: n if n >= k else f"<{k}")
tbl.save_table(v, S.table_dir, "victims_suppressed")
v""",
        ),
        ("code", claims_cell(["C6", "C7", "C8"])),
    ],
    "04_interviews": [
        (
            "md",
            "# Interviews / Wawancara\n\nWho was interviewed (by role only), what they talked "
            "about, how well two coders agreed, and which themes ground each recommendation.",
        ),
        ("code", SETUP),
        (
            "code",
            """inf = T["informants"][["informant_id", "role", "organisation_type"]]
tbl.save_table(inf, S.table_dir, "informants")
inf""",
        ),
        (
            "code",
            """codes = T["segment_codes"]
k1 = codes[codes.coder == sorted(codes.coder.unique())[0]]
seg = T["interview_segments"].merge(k1, on="segment_id").merge(T["informants"], on="informant_id")
freq = k1.groupby(["aspect", "theme"]).size().reset_index(name="segments")
tbl.save_table(freq, S.table_dir, "theme_frequencies")
freq""",
        ),
        (
            "code",
            """import pandas as pd
pres = pd.crosstab(seg["informant_id"], seg["theme"]).clip(upper=1)
cooc = pres.T.dot(pres)
fig = plots.heatmap(cooc, "title_cooc", lang, reconstruction=S.reconstruction)
plots.save(fig, S.figures, "theme_cooccurrence")
by_role = pd.crosstab(seg["theme"], seg["role"])
fig = plots.heatmap(by_role, "title_role", lang, "role", "theme", reconstruction=S.reconstruction)
plots.save(fig, S.figures, "theme_by_role")
tbl.save_table(by_role.reset_index(), S.table_dir, "theme_by_role")""",
        ),
        (
            "code",
            """kap = stats.kappa_by_theme(codes)
overall = stats.overall_kappa(codes)
tbl.save_table(kap, S.table_dir, "kappa_by_theme")
display(Markdown(f"Overall Cohen's kappa {overall['kappa']:.2f} (95% CI {overall['ci_low']:.2f}–{overall['ci_high']:.2f}) over {overall['segments']} segments; raw agreement {overall['agreement']:.0%}."))
kap""",
        ),
        (
            "md",
            "Per-theme kappas rest on four or five segments each, so their intervals are wide; "
            "read them as a check that no theme was coded arbitrarily, not as precise values.",
        ),
        (
            "code",
            """grounding = {
    "Police: digital forensics, cyber patrols, platform cooperation": ["forensic_capacity", "cyber_patrol", "platform_cooperation", "anonymous_accounts"],
    "Local government: digital literacy, lodging oversight, victim rehabilitation": ["digital_literacy", "lodging_supervision", "victim_rehabilitation"],
    "Families: parental supervision, moral and legal awareness": ["parental_supervision", "moral_awareness"],
}
rows = [{"recommendation": r, "themes": ", ".join(t(x, lang) for x in th),
         "segments": int(k1.theme.isin(th).sum()), "informants": int(seg[seg.theme.isin(th)].informant_id.nunique())}
        for r, th in grounding.items()]
g = pd.DataFrame(rows)
tbl.save_table(g, S.table_dir, "recommendation_grounding")
g""",
        ),
        ("code", claims_cell([])),
    ],
    "05_findings": [
        (
            "md",
            "# Findings / Temuan\n\nEvery claim of the thesis's conclusion, recomputed from the "
            "processed tables and compared with what the thesis reports.",
        ),
        ("code", SETUP),
        (
            "code",
            """F = fnd.evaluate(T, S.region)
table = fnd.findings_frame(F, lang)
tbl.save_table(table, S.table_dir, "findings")
fig = plots.claims_summary(F, lang, reconstruction=S.reconstruction)
plots.save(fig, S.figures, "claims_summary")
table""",
        ),
        (
            "code",
            """for f in F:
    print(f"{f['id']}: {f['detail']}")""",
        ),
        (
            "md",
            "## Recommendations (thesis ch. 5.2, paraphrased)\n\n"
            "- **Polda NTT**: build digital-forensics capacity, patrol more intensively, and "
            "widen cooperation with platforms and agencies to trace anonymous accounts faster.\n"
            "- **Local government and agencies**: strengthen digital-literacy education, "
            "oversee lodgings more strictly, and expand rehabilitation and psychological support "
            "for victims, especially women and children.\n"
            "- **Families and communities**: watch over teenagers' social-media use and build "
            "moral and legal awareness early.\n\n"
            "Notebook 04 shows which interview themes ground each recommendation.",
        ),
    ],
}


def build() -> None:
    OUT.mkdir(exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        nb = new_notebook()
        nb.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        nb.metadata["language_info"] = {"name": "python"}
        params = new_code_cell(PARAMS)
        params.metadata["tags"] = ["parameters"]
        nb.cells = [new_markdown_cell(cells[0][1]), params]
        for kind, src in cells[1:]:
            nb.cells.append(new_markdown_cell(src) if kind == "md" else new_code_cell(src))
        for i, c in enumerate(nb.cells):
            c["id"] = f"{name}-{i:02d}"
        nbformat.write(nb, OUT / f"{name}.ipynb")


if __name__ == "__main__":
    build()
    print(f"wrote {len(NOTEBOOKS)} notebooks to {OUT}")
