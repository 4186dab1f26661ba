"""The plan: statements, priorities and themes, work streams, actions and their progress."""

from safeboard.core.modules import Module, NavItem

MODULE = Module(
    label="plans",
    name="Plan",
    url_prefix="plans/",
    nav=(NavItem("Plan", "plans:plan_list", order=10),),
    examples="safeboard.plans.examples:load",
    uses=("governance",),
    search="safeboard.plans.search:SEARCHABLES",
    url_records="safeboard.plans.tests.url_records:URL_RECORDS",
    scrutiny="safeboard.plans.scrutiny_subjects:SUBJECTS",
    plan_file="safeboard.plans.planfile:SECTION",
    history=("Plan", "Statement", "Theme", "WorkStream", "Action", "ProgressUpdate"),
    home="safeboard.plans.home:panels",
)
