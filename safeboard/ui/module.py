"""The GOV.UK interface: layout, page kit, form widgets, charts. Serves no pages of its own."""

from safeboard.core.modules import Kind, Module

MODULE = Module(label="ui", name="Interface", kind=Kind.KIT)
