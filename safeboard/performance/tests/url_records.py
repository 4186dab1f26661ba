"""URL kwarg makers for the whole performance app, gathered from its parts."""

from .url_records_comparators import URL_RECORDS as COMPARATORS
from .url_records_indicators import URL_RECORDS as INDICATORS
from .url_records_returns import URL_RECORDS as RETURNS

URL_RECORDS = {**INDICATORS, **RETURNS, **COMPARATORS}
