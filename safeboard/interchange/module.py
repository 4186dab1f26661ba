"""Plan files: a whole partnership as one YAML file, each module writing its own part."""

from safeboard.core.modules import Kind, Module

MODULE = Module(
    label="interchange",
    name="Plan files",
    kind=Kind.KIT,
    url_prefix="plan-file/",
    plan_file="safeboard.interchange.agencies:SECTION",
)
