"""Budget and staffing: budget years, lines, agency contributions, spend, the business unit."""

from safeboard.core.modules import Module, NavItem

MODULE = Module(
    label="finance",
    name="Budget and staffing",
    url_prefix="budget/",
    nav=(NavItem("Budget", "finance:budget_overview", order=40),),
    url_records="safeboard.finance.tests.url_records:URL_RECORDS",
    plan_file="safeboard.finance.planfile:SECTION",
    history=("BudgetYear", "BudgetLine", "Contribution", "Spend", "StaffPost"),
)
