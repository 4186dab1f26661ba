"""People's accounts: sign-in, sign-out and passwords (pages outside any partnership)."""

from safeboard.core.modules import Kind, Module

MODULE = Module(label="accounts", name="Accounts", kind=Kind.PLATFORM)
