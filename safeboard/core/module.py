"""Base models, errors, history, the module registry and shared pure helpers."""

from safeboard.core.modules import Kind, Module

MODULE = Module(label="core", name="Core", kind=Kind.PLATFORM)
