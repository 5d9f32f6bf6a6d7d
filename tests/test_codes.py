"""One registry of codes: a stage, an activity type and a modus a region adds reach every stage.

The threat: a region adds a code the documented way, the cleaning accepts its rows and a later
check (the schema, the claims checker, the codebook, a figure) drops or refuses them, or the
other way round. Before the registry, adding one stage before `prosecutor_handover` rejected
the new row and every handover row (`stage_order` above the package's eight stages).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from analysis.claims.findings import evaluate_region
from analysis.clean.flow import clean_region
from analysis.kinds.tables import CLOSED_COLUMNS
from analysis.region.claim_values import known_values
from analysis.region.config import ConfigError, load_file, load_region
from analysis.schemas import SCHEMAS
from analysis.store.codebook import datapackage

LP = "LP/B/41/III/2024/SPKT/POLDA NTT"
ORDER = [
    "report",
    "inquiry",
    "investigation",
    "arrest",
    "detention",
    "search",
    "seizure",
    "pretrial",
    "prosecutor_handover",
]
CLAIMS = [
    ("X1", "outreach", {"activity_type": "school_patrol"}),
    ("X2", "cases", {"modus": "online_grooming"}),
    ("X3", "case_stages", {"stage": "pretrial"}),
]


def _copy(src: Path, dst: Path) -> Path:
    (dst / "config" / "regions").mkdir(parents=True)
    shutil.copy(src / "config" / "regions" / "kupang.yml", dst / "config" / "regions")
    shutil.copytree(src / "data" / "raw" / "kupang", dst / "data" / "raw" / "kupang")
    return dst


def _extend(config: Path) -> None:
    """The documented way: aliases.labels for spellings, codes: for a new activity type and
    modus (labels, the activity's aspect), stages.order for the new stage's place."""
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    labels = data.setdefault("aliases", {}).setdefault("labels", {})
    labels["stage"] = {"Praperadilan": "pretrial"}
    labels["activity_type"] = {"Patroli Sekolah": "school_patrol"}
    labels["modus"] = {"Grooming daring": "online_grooming"}
    data["codes"] = {
        "activity_type": {
            "school_patrol": {
                "aspect": "preventive",
                "en": "School patrol",
                "id": "Patroli sekolah",
            }
        },
        "modus": {"online_grooming": {"en": "Online grooming", "id": "Grooming daring"}},
    }
    data["stages"]["order"] = ORDER
    for cid, table, where in CLAIMS:
        data["claims"].append(
            {
                "id": cid,
                "aspect": "preventive",
                "statement": f"One row of the new code ({cid}).",
                "source": "test",
                "table": table,
                "where": where,
                "aggregate": "count",
                "expected": {"equals": 1},
            }
        )
    config.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")


def _raw_rows(raw: Path) -> None:
    (raw / "outreach" / "patroli_sekolah.csv").write_text(
        "Tanggal,Jenis Kegiatan,Keterangan\n14/03/2024,Patroli Sekolah,\n", encoding="utf-8"
    )
    (raw / "cases" / "register_tambahan.csv").write_text(
        f"Nomor LP,Tanggal Lapor,Modus\n{LP},05/03/2024,Grooming daring\n", encoding="utf-8"
    )
    (raw / "cases" / "tahapan_tambahan.csv").write_text(
        "Nomor LP,Tahapan,Tanggal\n"
        f"{LP},Penerimaan Laporan,05/03/2024\n"
        f"{LP},Praperadilan,20/03/2024\n"
        f"{LP},Tahap II,02/04/2024\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def extended(root: Path, tmp_path_factory: pytest.TempPathFactory):
    """Kupang cleaned as bundled, then with one stage, activity type and modus added."""
    plain = _copy(root, tmp_path_factory.mktemp("plain"))
    before = clean_region("kupang", root=plain, write_outputs=False)
    grown = _copy(root, tmp_path_factory.mktemp("grown"))
    _extend(grown / "config" / "regions" / "kupang.yml")
    _raw_rows(grown / "data" / "raw" / "kupang")
    after = clean_region("kupang", root=grown)
    return before, after, grown


def test_every_row_is_kept_and_the_new_codes_reach_the_tables(extended) -> None:
    before, after, _ = extended
    b, a = before.tables, after.tables
    assert len(a["outreach"]) == len(b["outreach"]) + 1
    assert len(a["cases"]) == len(b["cases"]) + 1
    assert len(a["case_stages"]) == len(b["case_stages"]) + 3
    assert len(after.rejects) == len(before.rejects)  # nothing new rejected
    handovers = a["case_stages"]["stage"].eq("prosecutor_handover").sum()
    assert handovers == b["case_stages"]["stage"].eq("prosecutor_handover").sum() + 1 >= 6
    school = a["outreach"][a["outreach"]["activity_type"] == "school_patrol"]
    assert school["aspect"].tolist() == ["preventive"]
    # the modus reaches the record-level tier; six unlike cases (k-anonymity) share none
    assert after.private_tables["cases"]["modus"].eq("online_grooming").sum() == 1
    assert a["cases"]["modus"].isna().all()
    st = a["case_stages"]
    assert st.loc[st["stage"] == "pretrial", "stage_order"].tolist() == [8]
    assert set(st.loc[st["stage"] == "prosecutor_handover", "stage_order"]) == {9}


def test_findings_codebook_and_reports_show_the_new_codes(extended) -> None:
    # the plotting stack is imported here, not when every pytest worker collects this file
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.report import plots, stats

    _, after, grown = extended
    found = {f["id"]: f for f in evaluate_region("kupang", grown, private=True)}
    for cid, _, _ in CLAIMS:
        assert found[cid]["reproduced"], found[cid]["detail"]
    shared = {f["id"]: f for f in evaluate_region("kupang", grown)}
    assert shared["X2"]["withheld"] == ["modus"] and shared["X1"]["reproduced"]
    region = load_region("kupang", grown)
    gaps = stats.stage_gap_matrix(after.tables["case_stages"], region.codes.stages)
    assert list(gaps.columns[1:]) == [s for s in ORDER if s in set(gaps.columns)]
    assert "pretrial" in gaps.columns
    assert "online_grooming" in set(stats.modus_shares(after.private_tables["cases"])["modus"])
    fig = plots.swimlane(after.tables["case_stages"], region.codes.stages, "en")
    legend = {t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().texts}
    assert "Pretrial" in legend  # the new stage's colour is explained
    plt.close(fig)
    package = datapackage(grown / "data" / "processed" / "kupang", "kupang")
    fields = {
        (r["name"], f["name"]): f.get("constraints", {})
        for r in package["resources"]
        for f in r["schema"]["fields"]
    }
    assert "pretrial" in fields[("case_stages", "stage")]["enum"]
    assert fields[("case_stages", "stage_order")]["maximum"] == len(ORDER)
    assert "school_patrol" in fields[("outreach", "activity_type")]["enum"]
    assert "online_grooming" in fields[("cases", "modus")]["enum"]


def test_known_values_are_exactly_what_the_schema_lets_through(extended) -> None:
    _, _, grown = extended
    region = load_region("kupang", grown)
    schemas = region.codes.table_schemas
    for table, column in CLOSED_COLUMNS:
        check = next(c for c in schemas[table].columns[column].checks if c.name == "isin")
        allowed = sorted(map(str, check.statistics["allowed_values"]))
        assert sorted(known_values(region, table, column)) == allowed
    # the package schema is untouched by a region's codes
    assert "pretrial" not in str(SCHEMAS["case_stages"].columns["stage"].checks)


def _config(tmp_path: Path, root: Path, change) -> Path:
    data = yaml.safe_load((root / "config/regions/kupang.yml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "kupang.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def _labels(data: dict, field: str, mapping: dict) -> None:
    data.setdefault("aliases", {}).setdefault("labels", {})[field] = mapping


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (  # a label onto an undeclared activity type: its aspect is unknown
            lambda d: _labels(d, "activity_type", {"Patroli Sekolah": "school_patrol"}),
            "key 'aliases.labels.activity_type.Patroli Sekolah': activity_type 'school_patrol' "
            "is not one of this region's codes",
        ),
        (  # a typo of a package code is named with the code it resembles
            lambda d: _labels(d, "modus", {"Sekstorsi": "sextorsion"}),
            "did you mean 'sextortion'",
        ),
        (
            lambda d: d.update(codes={"activity_type": {"school_patrol": {"en": "School"}}}),
            "key 'codes.activity_type.school_patrol.aspect': a new activity type needs its aspect",
        ),
        (
            lambda d: d.update(codes={"modus": {"grooming": {"aspect": "preventive"}}}),
            "key 'codes.modus.grooming.aspect': only an activity type has an aspect",
        ),
        (
            lambda d: d.update(codes={"modus": {"sextortion": {}}}),
            "'sextortion' is already a package code",
        ),
        (  # a new stage without its place in the order
            lambda d: _labels(d, "stage", {"Praperadilan": "pretrial"}),
            "key 'aliases.labels.stage.Praperadilan': stage 'pretrial' is not one of this "
            "region's codes; a new one is declared under stages.order",
        ),
        (
            lambda d: d.update(codes={"stage": {"pretrial": {"en": "Pretrial"}}}),
            "key 'codes.stage.pretrial': stage 'pretrial' is not in stages.order",
        ),
        (
            lambda d: d.update(codes={"colour": {"red": {}}}),
            "key 'codes.colour' is unknown",
        ),
    ],
)
def test_a_code_the_schema_would_refuse_is_a_config_error(
    tmp_path: Path, root: Path, change, message: str
) -> None:
    with pytest.raises(ConfigError) as err:
        load_file(_config(tmp_path, root, change))
    assert message in str(err.value)


def test_a_filter_on_a_stage_outside_the_regions_order_is_refused(
    tmp_path: Path, root: Path
) -> None:
    """The schema never lets 'search' through for a region whose order leaves it out, so no
    claim may filter on it (before, any stage code of the label table was accepted)."""
    order = ["report", "investigation", "prosecutor_handover"]

    def change(d: dict) -> None:
        d["stages"] = {"order": order, "paths": {"usual": order}}
        d["claims"] = [
            {
                "id": "Y1",
                "aspect": "repressive",
                "statement": "s",
                "source": "s",
                "table": "case_stages",
                "where": {"stage": "search"},
                "aggregate": "count",
                "expected": {"equals": 0},
            }
        ]

    with pytest.raises(ConfigError, match=r"claims\[0\]\.where\.stage': unknown value 'search'"):
        load_file(_config(tmp_path, root, change))


def test_a_new_code_is_labelled_in_both_languages(extended) -> None:
    from analysis.interop.export import value_labels
    from analysis.labels import t, use_region_labels

    _, after, grown = extended
    processed = grown / "data" / "processed" / "kupang"
    labels = value_labels(after.tables, processed, "id")
    assert labels["cases"]["modus"]["online_grooming"][1] == "Grooming daring"
    assert t("school_patrol", "en") == "School patrol"
    use_region_labels({})  # another region's notebook: the labels are gone
    assert t("school_patrol", "en") == "School patrol"  # the tidy form of the code
    assert t("online_grooming", "id") == "Online grooming"


def test_the_templates_offer_the_regions_codes(extended, tmp_path: Path, root: Path) -> None:
    """The drop-down lists of `new-region` templates: the region's own codes in, and a
    package stage the region's order leaves out, out (the schema would refuse it)."""
    from analysis.region.templates import choices

    _, _, grown = extended
    region = load_region("kupang", grown)
    assert "Grooming daring" in choices(region, "modus")
    assert "Patroli Sekolah" in choices(region, "activity_type")
    assert "Praperadilan" in choices(region, "stage")

    def short(d: dict) -> None:
        order = ["report", "investigation", "prosecutor_handover"]
        d["stages"] = {"order": order, "paths": {"usual": order}}
        d["claims"] = [c for c in d["claims"] if "stage" not in str(c.get("where"))]

    offered = choices(load_file(_config(tmp_path, root, short)), "stage")
    assert "Penerimaan Laporan" in offered and "Pelimpahan ke Kejaksaan" in offered
    assert "Penggeledahan" not in offered and "Penyelidikan" not in offered
