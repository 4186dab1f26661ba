"""E-mail reminders: the background job that e-mails each person what needs them (the panels
every module contributes, `partnerships.home`), and the log of what was sent to whom."""

from safeboard.core.modules import Module

MODULE = Module(
    label="reminders",
    name="Reminders",
    url_prefix="reminders/",
    url_records="safeboard.reminders.tests.url_records:URL_RECORDS",
)
