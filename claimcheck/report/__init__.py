"""Reporting: the :class:`~claimcheck.report.core.Report` and every way to show it.

The report value and its JSON schema, text / Markdown / HTML renderers, the annotated article,
notebook views of findings, claims and references, DataFrames, the graph drawing and GraphML
export. May import every stage below it (model, graph, support values); the stages never import
it.
"""
