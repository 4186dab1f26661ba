"""The GOV.UK interface: layout, page kit, form widgets, charts. Part of the platform: its Python
imports only core, so every app may use it. Serves no pages of its own."""

from safeboard.core.modules import Kind, Module

MODULE = Module(label="ui", name="Interface", kind=Kind.PLATFORM)
