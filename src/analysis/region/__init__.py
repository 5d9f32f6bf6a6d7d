"""Stage 3, region: what a region's config may say, and a new region's starting files.

Owns loading and checking `config/regions/<slug>.yml` (`config`, its key types in `spec`,
duplicate keys refused by `yaml_loader`), the claims language a config writes claims in
(`claims`: aggregates, filters, expectations), and `analysis new-region` (`scaffold`, with
the template workbooks in `templates`, `template_columns` and `workbook`).
May import: the top-level words, `values`, `privacy`.
"""
