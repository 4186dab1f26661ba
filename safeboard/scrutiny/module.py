"""Scrutiny: comments on any record, challenges that ask a record's owner for a response by a
date, the challenge log, and sign-off of plan versions and of the performance report for a
meeting. The records it scrutinises come from every module's `scrutiny` entry
(`partnerships.subjects`), so it imports none of them but plans (whose sign-off it calls)."""

from safeboard.core.modules import Module, NavItem

MODULE = Module(
    label="scrutiny",
    name="Scrutiny",
    url_prefix="scrutiny/",
    nav=(NavItem("Challenges", "scrutiny:challenge_log", order=45),),
    uses=("governance", "plans"),
    search="safeboard.scrutiny.search:SEARCHABLES",
    url_records="safeboard.scrutiny.tests.url_records:URL_RECORDS",
    history=("Comment", "ReportSignOff"),
    home="safeboard.scrutiny.home:panels",
    record_panel="safeboard.scrutiny.templatetags.scrutiny_tags:record_panel",
)
