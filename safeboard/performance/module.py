"""The data set: indicators, values, targets, agency returns and comparators."""

from safeboard.core.modules import Module, NavItem

MODULE = Module(
    label="performance",
    name="Data set",
    url_prefix="measures/",
    nav=(NavItem("Data set", "performance:indicator_list", order=20),),
    uses=("governance", "plans"),
    search="safeboard.performance.search:SEARCHABLES",
    url_records="safeboard.performance.tests.url_records:URL_RECORDS",
    scrutiny="safeboard.performance.scrutiny_subjects:SUBJECTS",
    examples="safeboard.performance.examples:load",
    home="safeboard.performance.home:panels",
    history=(
        "Indicator",
        "IndicatorPartner",
        "AgencyReturn",
        "Value",
        "Target",
        "SpcRebase",
        "PartOfWhole",
        "DataDevelopmentItem",
        "ComparatorSeries",
    ),
)
