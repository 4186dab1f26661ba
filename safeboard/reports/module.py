"""Reports: one description of a document, rendered as PDF, Excel, CSV or Word; safe readers for
uploaded spreadsheets. A kit: it imports the platform only and serves no pages of its own."""

from safeboard.core.modules import Kind, Module

MODULE = Module(label="reports", name="Reports", kind=Kind.KIT)
