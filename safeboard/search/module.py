"""Search: one page finding a partnership's records across every module, by the words of their
titles and text. A kit: it reaches each module's records only through their `search` entries
(`partnerships.searchable`) and imports none of them."""

from safeboard.core.modules import Kind, Module, NavItem

MODULE = Module(
    label="search",
    name="Search",
    kind=Kind.KIT,
    url_prefix="search/",
    nav=(NavItem("Search", "search:search", order=95),),
)
