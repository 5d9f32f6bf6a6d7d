"""REFI-QDA projects (.qdpx / .qde) read into the three raw interview sheets.

One module per job: `archive` (the zip and the project XML opened safely, under caps),
`model` (the project as plain structures, GUIDs compared without braces and case),
`positions` (which counting a tool used, spans that cut no word), `informants` (from Cases
or sources as the config's `qda:` says), `sheets` and `read` (the three sheets). Writing a
project back is `analysis.interop.qdpx`. What real exports get wrong is reported per
selection or per source, never guessed.
"""
