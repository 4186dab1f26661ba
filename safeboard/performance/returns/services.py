"""Writes for agency returns and tidy value imports.

Each indicator has ONE source agency. An agency's return holds its values (Value rows with the
agency and the return set); when an analyst approves the return, each value is copied to the
partnership-level Value (agency blank) that report cards, dashboards and reports read. So the
official figures are the approved ones; drafts never reach a report.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import gc
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any, cast

from django.db import connection, transaction
from django.db.models import Field
from django.utils import timezone

from safeboard.core.errors import ApplicationError, StaleEdit
from safeboard.core.history import FieldChange, changes_since, history_for
from safeboard.core.services import save_recorded, stale_message
from safeboard.partnerships.models import Partnership
from safeboard.reports.readers import read_all, read_table

from ..domain import periods
from ..domain import returns as rules
from ..domain.tidy import IndicatorInfo, RowError, TidyError, TidyRow, header_index, parse_rows
from ..indicators.analysis import analysis_refresh
from ..models import AgencyReturn, Frequency, Indicator, ReturnStatus, Unit, Value
from .selectors import catalogue, expected_indicators, part_of_whole_rules, return_figures

NumberedRows = Sequence[tuple[int, Sequence[Any]]]


class RowsError(ApplicationError):
    """Several problems with the values of a return: (indicator id, column, message) each."""

    def __init__(self, errors: list[tuple[int, str, str]]) -> None:
        super().__init__(errors[0][2] if errors else "Check the values.")
        self.errors = errors


class ImportError_(ApplicationError):
    """A tidy file refused, with every row-level problem found. Nothing was written."""

    def __init__(self, errors: Sequence[RowError | str]) -> None:
        messages = [str(e) for e in errors]
        super().__init__(messages[0] if messages else "The file could not be read.")
        self.messages = messages


class UploadError(ApplicationError):
    """A filled template refused, with every problem by row and column. Nothing was written."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__(self.problems[0] if self.problems else "The file could not be read.")


@dataclass(frozen=True)
class ReturnInput:
    """One row of a return as entered: numbers already read as numbers."""

    indicator_id: int
    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    comment: str = ""


def _rule(exc: rules.ReturnRuleError, field: str | None = None) -> ApplicationError:
    return ApplicationError(str(exc), field=field)


def read_tidy_file(upload: IO[bytes], name: str) -> tuple[tuple[str, ...], NumberedRows]:
    """The whole of an uploaded CSV or Excel file, read by the reports kit before anything is
    checked or written: its header and every row as (row number, cells). A file that cannot be
    read (damaged, not UTF-8, a formula with no saved value, a column named twice...) raises
    ApplicationError with a message for the person who chose it."""
    table = read_table(upload, name)
    return table.header, [(row.number, row.values) for row in read_all(table)]


@transaction.atomic
def returns_schedule(
    *,
    partnership: Partnership,
    frequency: str,
    period_start: datetime.date,
    due_date: datetime.date,
    by: Any,
) -> list[AgencyReturn]:
    """Expect a return from every agency that is the source of at least one current indicator of
    this frequency. Returns already scheduled are left alone, so running it twice is harmless.
    The new returns are returned."""
    if frequency not in Frequency.values:
        raise ApplicationError("Select how often the data is collected.", field="frequency")
    if not periods.is_period_start(period_start, frequency):
        raise ApplicationError(
            f"Enter the start of a {frequency} period, like "
            f"{periods.label(periods.period_start(period_start, frequency), frequency)}.",
            field="period",
        )
    if due_date < period_start:
        raise ApplicationError("The due date must be after the period starts.", field="due_date")
    agency_ids = set(
        Indicator.objects.active()
        .filter(
            partnership=partnership,
            frequency=frequency,
            source_agency__isnull=False,
            source_agency__archived_at__isnull=True,
            source_agency__partnership=partnership,
        )
        .values_list("source_agency_id", flat=True)
    )
    if not agency_ids:
        raise ApplicationError(
            f"No {frequency} indicator has a source agency yet. Set the source agency on the "
            "indicators first.",
            field="frequency",
        )
    already = set(
        AgencyReturn.objects.filter(
            partnership=partnership, frequency=frequency, period_start=period_start
        ).values_list("agency_id", flat=True)
    )
    created = []
    for agency_id in sorted(agency_ids - already):
        agency_return = AgencyReturn(
            partnership=partnership,
            agency_id=agency_id,
            frequency=frequency,
            period_start=period_start,
            due_date=due_date,
        )
        save_recorded(agency_return, by=by)
        created.append(agency_return)
    return created


# Value fields that say which value it is rather than what was entered.
_VALUE_IDENTITY = ("indicator", "agency", "period_start", "agency_return")


def _shown(text: str) -> str:
    """A number as the return's form shows it ("10" for 10.0000); other text as it is."""
    try:
        return rules._fmt(Decimal(text))
    except ArithmeticError:
        return text


def _stale_return(agency_return: AgencyReturn, version: int, current: int) -> StaleEdit:
    """The refusal of a save over a newer one: who saved the return since `version`, and each
    value they changed ("cp-all value (10 -> 12)"), for the person to check."""
    entries = changes_since(agency_return, version)
    changed = [
        (entry.when, value.indicator.code, change)
        for value in Value.objects.filter(agency_return=agency_return).select_related("indicator")
        for entry in history_for(value, ignore=_VALUE_IDENTITY)
        for change in entry.changes
    ]
    told = []
    for index, entry in enumerate(entries):
        # A save claims the return first, then writes its values: they follow its history row.
        until = entries[index + 1].when if index + 1 < len(entries) else None
        values = tuple(
            FieldChange(f"{code} {c.label.lower()}", _shown(c.old), _shown(c.new))
            for when, code, c in changed
            if when >= entry.when and (until is None or when < until)
        )
        told.append(dataclasses.replace(entry, changes=entry.changes + values))
    return StaleEdit(stale_message(told), current_version=current)


@transaction.atomic
def return_save_values(
    *,
    agency_return: AgencyReturn,
    rows: Sequence[ReturnInput],
    by: Any,
    expected_version: int | None = None,
) -> AgencyReturn:
    """Save the agency's values for the return's period (a draft). Refuses a locked or submitted
    return, an indicator the agency does not report, a percentage or rate whose numerator and
    denominator do not add up, and a part bigger than its whole; nothing is saved then.

    The return's version guards its values: every save moves it on, and with `expected_version`
    (the version the web form was loaded from) a save over someone else's newer one raises
    StaleEdit naming them and the values they changed, and writes nothing."""
    agency_return = AgencyReturn.objects.select_for_update().get(pk=agency_return.pk)
    try:
        new_status = rules.after_save(agency_return.status)
    except rules.ReturnRuleError as exc:
        raise _rule(exc) from exc
    agency_return.status = new_status
    try:
        save_recorded(
            agency_return, by=by, update_fields=["status"], expected_version=expected_version
        )
    except StaleEdit as exc:
        assert expected_version is not None  # only a compare-and-swap is refused
        raise _stale_return(agency_return, expected_version, exc.current_version) from None
    indicators = {i.pk: i for i in expected_indicators(agency_return)}
    errors: list[tuple[int, str, str]] = []
    figures: dict[int, tuple[rules.Figures, str]] = {}
    for row in rows:
        indicator = indicators.get(row.indicator_id)
        if indicator is None:
            raise ApplicationError(
                "That indicator is not part of this return. Only indicators this agency "
                "reports can be entered."
            )
        resolved, problems = rules.resolve_figures(
            indicator.unit, row.value, row.numerator, row.denominator
        )
        for column, message in problems:
            errors.append((indicator.pk, column, f"{indicator.code}: {message}"))
        figures[indicator.pk] = (resolved, row.comment.strip())
    if errors:
        raise RowsError(errors)

    existing = {
        v.indicator_id: v
        for v in Value.objects.filter(
            partnership_id=agency_return.partnership_id,
            agency_id=agency_return.agency_id,
            period_start=agency_return.period_start,
        )
    }
    by_code: dict[str, Decimal | None] = {}
    for v in existing.values():
        if v.indicator_id in indicators:
            by_code[indicators[v.indicator_id].code] = v.value
    for indicator_id, (resolved, _comment) in figures.items():
        by_code[indicators[indicator_id].code] = resolved.value
    # Wholes reported by another indicator in this return or saved already for this agency.
    codes_to_ids = {i.code: i.pk for i in indicators.values()}
    rule_codes = [
        (part_code, whole_code)
        for part_id, whole_id, part_code, whole_code in part_of_whole_rules(
            agency_return.partnership_id
        )
        if part_id in figures or whole_id in figures
    ]
    for part_code, message in rules.part_of_whole_errors(by_code, rule_codes):
        errors.append((codes_to_ids.get(part_code, 0), "value", message))
    if errors:
        raise RowsError(errors)

    for indicator_id, (resolved, comment) in figures.items():
        value = existing.get(indicator_id) or Value(
            partnership_id=agency_return.partnership_id,
            indicator_id=indicator_id,
            agency_id=agency_return.agency_id,
            period_start=agency_return.period_start,
        )
        value.value = resolved.value
        value.numerator = resolved.numerator
        value.denominator = resolved.denominator
        value.comment = comment
        value.agency_return = agency_return
        save_recorded(value, by=by)
    # An agency's counts add up to the partnership's total for the period.
    analysis_refresh(indicator_ids=figures)
    return agency_return


@transaction.atomic
def return_save_and_submit(
    *,
    agency_return: AgencyReturn,
    rows: Sequence[ReturnInput],
    by: Any,
    expected_version: int | None = None,
) -> AgencyReturn:
    """Save the values and submit the return as one step. If the values or the return cannot
    be submitted (a value missing, an unusual count without a comment: RowsError lists each),
    or someone saved the return since `expected_version`, nothing is saved; the person's input
    is still in their form to correct and send again."""
    saved = return_save_values(
        agency_return=agency_return, rows=rows, by=by, expected_version=expected_version
    )
    return return_submit(agency_return=saved, by=by)


@transaction.atomic
def return_upload(
    *, agency_return: AgencyReturn, upload: IO[bytes], name: str, by: Any
) -> AgencyReturn:
    """Read a filled template (XLSX or CSV) into the return as a draft: all or nothing. Every
    problem is raised at once in UploadError, by row and column; then nothing is written."""
    try:
        header, table_rows = read_tidy_file(upload, name)
        index = header_index(header)
    except ApplicationError as exc:
        raise UploadError([exc.message]) from exc
    except TidyError as exc:
        raise UploadError([str(exc)]) from exc
    indicators = {
        i.code.lower(): IndicatorInfo(id=i.pk, code=i.code, frequency=i.frequency, unit=i.unit)
        for i in expected_indicators(agency_return)
    }
    agency = agency_return.agency
    agencies = {agency.key.lower(): agency.pk, agency.name.strip().lower(): agency.pk}
    try:
        parsed, errors = parse_rows(
            table_rows, index, indicators=indicators, agencies=agencies, require_value=False
        )
    except TidyError as exc:
        raise UploadError([str(exc)]) from exc
    problems = [str(e) for e in errors]
    period_label = periods.label(agency_return.period_start, agency_return.frequency)
    for row in parsed:
        if row.period_start != agency_return.period_start:
            problems.append(f"Row {row.row}, period: this return is for {period_label}")
    if problems:
        raise UploadError(problems)
    if not parsed:
        raise UploadError(["The file has no rows. Fill in the template and upload it again."])
    rows_of = {row.indicator_id: row.row for row in parsed}
    try:
        return return_save_values(
            agency_return=agency_return,
            rows=[
                ReturnInput(
                    indicator_id=r.indicator_id,
                    value=r.value,
                    numerator=r.numerator,
                    denominator=r.denominator,
                    comment=r.comment,
                )
                for r in parsed
            ],
            by=by,
        )
    except RowsError as exc:
        raise UploadError(
            [
                f"Row {rows_of[i]}, {column}: {message}" if i in rows_of else message
                for i, column, message in exc.errors
            ]
        ) from exc
    except ApplicationError as exc:
        raise UploadError([exc.message]) from exc


def return_problems(agency_return: AgencyReturn) -> list[tuple[int, str, str]]:
    """What stops the return being submitted: an expected value with neither a number nor a
    comment, and an unusual count (see domain.returns) without a comment."""
    indicators, values, history = return_figures(agency_return)
    problems = []
    for indicator in indicators:
        value = values.get(indicator.pk)
        number = value.value if value else None
        comment = value.comment.strip() if value else ""
        if number is None and not comment:
            problems.append(
                (
                    indicator.pk,
                    "value",
                    f"{indicator.code}: enter a value, or a comment saying why there is none.",
                )
            )
            continue
        if indicator.unit == Unit.COUNT and not comment:
            limits = rules.outlier_range(history[indicator.pk])
            if limits is not None and rules.is_outlier(number, history[indicator.pk]):
                problems.append(
                    (indicator.pk, "comment", rules.outlier_message(indicator.code, limits))
                )
    return problems


@transaction.atomic
def return_submit(*, agency_return: AgencyReturn, by: Any) -> AgencyReturn:
    agency_return = AgencyReturn.objects.select_for_update().get(pk=agency_return.pk)
    try:
        new_status = rules.after_submit(agency_return.status)
    except rules.ReturnRuleError as exc:
        raise _rule(exc) from exc
    problems = return_problems(agency_return)
    if problems:
        raise RowsError(problems)
    agency_return.status = new_status
    agency_return.submitted_at = timezone.now()
    agency_return.submitted_by = by
    save_recorded(agency_return, by=by, update_fields=["status", "submitted_at", "submitted_by"])
    return agency_return


@transaction.atomic
def return_approve(*, agency_return: AgencyReturn, by: Any) -> AgencyReturn:
    """Approve and lock the return, and copy each of its values to the partnership-level value
    that report cards read (each indicator has one source agency, so its value is the total)."""
    agency_return = AgencyReturn.objects.select_for_update().get(pk=agency_return.pk)
    try:
        new_status = rules.after_approve(agency_return.status)
    except rules.ReturnRuleError as exc:
        raise _rule(exc) from exc
    agency_values = list(
        Value.objects.filter(agency_return=agency_return, agency_id=agency_return.agency_id)
    )
    totals = {
        v.indicator_id: v
        for v in Value.objects.filter(
            partnership_id=agency_return.partnership_id,
            indicator_id__in=[v.indicator_id for v in agency_values],
            period_start=agency_return.period_start,
            agency__isnull=True,
        )
    }
    for value in agency_values:
        total = totals.get(value.indicator_id) or Value(
            partnership_id=agency_return.partnership_id,
            indicator_id=value.indicator_id,
            period_start=value.period_start,
            agency=None,
        )
        total.value = value.value
        total.numerator = value.numerator
        total.denominator = value.denominator
        total.comment = value.comment
        total.agency_return = agency_return
        save_recorded(total, by=by)
    analysis_refresh(indicator_ids=[v.indicator_id for v in agency_values])
    agency_return.status = new_status
    agency_return.approved_at = timezone.now()
    agency_return.approved_by = by
    agency_return.reviewer_comment = ""
    save_recorded(
        agency_return,
        by=by,
        update_fields=["status", "approved_at", "approved_by", "reviewer_comment"],
    )
    return agency_return


@transaction.atomic
def return_send_back(*, agency_return: AgencyReturn, reason: str, by: Any) -> AgencyReturn:
    agency_return = AgencyReturn.objects.select_for_update().get(pk=agency_return.pk)
    try:
        new_status = rules.after_send_back(agency_return.status, reason)
    except rules.ReturnRuleError as exc:
        raise _rule(exc, "reason") from exc
    agency_return.status = new_status
    agency_return.reviewer_comment = reason.strip()
    save_recorded(agency_return, by=by, update_fields=["status", "reviewer_comment"])
    return agency_return


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


@transaction.atomic
def values_import(
    *, partnership: Partnership, header: Sequence[Any], rows: NumberedRows, by: Any
) -> ImportResult:
    """Import a tidy table (`header`, and every row as (row number, cells), already read whole):
    every row is checked first and nothing is written if any row is wrong (ImportError_ lists
    each problem by row and column). Then values are created or updated in bulk, each with its
    history. Values in a submitted or approved agency return are locked."""
    indicators, agencies = catalogue(partnership)
    try:
        index = header_index(header)
        parsed, errors = parse_rows(rows, index, indicators=indicators, agencies=agencies)
    except TidyError as exc:
        raise ImportError_([str(exc)]) from exc
    if errors:
        raise ImportError_(errors)
    if not parsed:
        raise ImportError_(["The file has no values. Add a row for each value under the header."])

    indicator_ids = {row.indicator_id for row in parsed}
    existing: dict[tuple[int, datetime.date, int | None], tuple[int, str | None]] = {
        (indicator_id, start, agency_id): (pk, status)
        for pk, indicator_id, start, agency_id, status in Value.objects.filter(
            partnership=partnership, indicator_id__in=indicator_ids
        ).values_list("pk", "indicator_id", "period_start", "agency_id", "agency_return__status")
    }
    locked = {ReturnStatus.SUBMITTED.value, ReturnStatus.APPROVED.value}
    to_create: list[TidyRow] = []
    to_update: list[tuple[int, TidyRow]] = []
    problems: list[RowError] = []
    for row in parsed:
        found = existing.get((row.indicator_id, row.period_start, row.agency_id))
        if found is not None and row.agency_id is not None and found[1] in locked:
            problems.append(
                RowError(
                    row.row,
                    None,
                    "this value is in an agency return that has been submitted or approved. "
                    "Ask an analyst to send the return back, or remove the row",
                )
            )
        elif found is None:
            to_create.append(row)
        else:
            to_update.append((found[0], row))
    if problems:
        raise ImportError_(problems)
    _write_values(partnership=partnership, created=to_create, updated=to_update, by=by)
    analysis_refresh(indicator_ids=indicator_ids)
    return ImportResult(created=len(to_create), updated=len(to_update))


@transaction.atomic
def values_import_file(
    *, partnership: Partnership, upload: IO[bytes], name: str, by: Any
) -> ImportResult:
    """Read a tidy CSV or Excel file whole and import it (see values_import): all or nothing."""
    with _no_collection_pauses():
        try:
            header, rows = read_tidy_file(upload, name)
        except ApplicationError as exc:
            raise ImportError_([exc.message]) from exc
        return values_import(partnership=partnership, header=header, rows=rows, by=by)


@contextlib.contextmanager
def _no_collection_pauses() -> Iterator[None]:
    """Python's cycle collector paused while a whole file is held in memory: as the 100,000 rows
    read pile up it walks them again and again (a sixth of the reading time), though none of them
    is part of a cycle. The collector is left as it was found, whatever happens."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write_values(
    *,
    partnership: Partnership,
    created: Sequence[TidyRow],
    updated: Sequence[tuple[int, TidyRow]],
    by: Any,
) -> None:
    """Insert and update values in bulk with plain SQL, then write their history rows with one
    INSERT ... SELECT each: a file of 100,000 values takes seconds, and every value still has its
    history (who imported it, when). The rows written are recognised by this import's timestamp
    (docs/decisions/0025-bulk-value-imports.md).

    On PostgreSQL the rows are streamed with COPY into a staging table, then written by one
    INSERT ... SELECT and one UPDATE ... FROM; elsewhere (SQLite) by executemany. Every text was
    checked by `parse_rows` (no control character, so no NUL), which the COPY needs: it does not
    pass through the connection's query wrappers."""
    now = timezone.now()
    table = _quote(Value._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _copy_values(cursor, partnership=partnership, now=now, rows=created, updated=updated)
        else:
            _execute_values(cursor, partnership=partnership, now=now, rows=created, updated=updated)
        history_table = _quote(Value.history.model._meta.db_table)
        names = ", ".join(_quote(f.column) for f in Value._meta.concrete_fields)
        stamp = connection.ops.adapt_datetimefield_value(now)
        user_id = getattr(by, "pk", None)
        for kind, condition, rows in (
            ("+", "created_at = %s", created),
            ("~", "created_at <> %s", updated),
        ):
            if rows:
                cursor.execute(
                    # Names come from the models' _meta; every value is a parameter.
                    f"INSERT INTO {history_table} ({names}, history_date, "  # noqa: S608
                    "history_change_reason, history_type, history_user_id) "
                    f"SELECT {names}, %s, NULL, %s, %s FROM {table} "
                    f"WHERE partnership_id = %s AND modified_at = %s AND {condition}",
                    [stamp, kind, user_id, partnership.pk, stamp, stamp],
                )


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


# The columns an import writes, in TidyRow's order after its row number.
_IMPORTED = ("indicator", "period_start", "agency", "value", "numerator", "denominator", "comment")


def _execute_values(
    cursor: Any,
    *,
    partnership: Partnership,
    now: datetime.datetime,
    rows: Sequence[TidyRow],
    updated: Sequence[tuple[int, TidyRow]],
) -> None:
    ops = connection.ops
    stamp = ops.adapt_datetimefield_value(now)
    dates: dict[datetime.date, Any] = {}

    def day(value: datetime.date) -> Any:
        if value not in dates:
            dates[value] = ops.adapt_datefield_value(value)
        return dates[value]

    table = _quote(Value._meta.db_table)
    owner = partnership.pk
    if rows:
        inserts = [
            (stamp, stamp, owner, r[1], day(r[2]), r[3], r[4], r[5], r[6], r[7]) for r in rows
        ]
        sql = (
            f"INSERT INTO {table} (created_at, modified_at, partnership_id, "  # noqa: S608
            "indicator_id, period_start, agency_id, value, numerator, denominator, comment, "
            "agency_return_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, NULL)"
        )
        with _unwrapped(cursor, sql, inserts) as raw:
            raw.executemany(sql, inserts)
    if updated:
        changes = [
            (stamp, r.value, r.numerator, r.denominator, r.comment, pk, owner) for pk, r in updated
        ]
        sql = (
            f"UPDATE {table} SET modified_at = %s, record_version = record_version + 1, "  # noqa: S608
            "value = %s, numerator = %s, denominator = %s, comment = %s "
            "WHERE id = %s AND partnership_id = %s"
        )
        with _unwrapped(cursor, sql, changes) as raw:
            raw.executemany(sql, changes)


@contextlib.contextmanager
def _unwrapped(cursor: Any, sql: str, many: Sequence[Any] | None = None) -> Iterator[Any]:
    """The driver's own cursor under Django's, for a bulk write: no query wrapper looks at each
    of 100,000 rows again (`parse_rows` has checked every text: no control character, so no NUL).
    The statement is still logged where Django logs queries, and a database error is still
    Django's."""
    log = getattr(cursor, "debug_sql", None) if connection.queries_logged else None
    with (
        log(sql, many, many=many is not None) if log else contextlib.nullcontext(),
        connection.wrap_database_errors,
    ):
        yield cursor.cursor


def _copy_values(
    cursor: Any,
    *,
    partnership: Partnership,
    now: datetime.datetime,
    rows: Sequence[TidyRow],
    updated: Sequence[tuple[int, TidyRow]],
) -> None:
    """PostgreSQL: every row (new ones with no target id) streamed by COPY into a temporary
    staging table, then one statement for the new values and one for the changed ones."""
    fields = [cast("Field[Any, Any]", Value._meta.get_field(name)) for name in _IMPORTED]
    staging = _quote("safeboard_value_import")
    table = _quote(Value._meta.db_table)
    columns = ", ".join(_quote(f.column) for f in fields)
    cursor.execute(
        f"CREATE TEMPORARY TABLE {staging} (target_id bigint, "
        + ", ".join(f"{_quote(f.column)} {f.db_type(connection)}" for f in fields)
        + ") ON COMMIT DROP"
    )
    copy_sql = f"COPY {staging} (target_id, {columns}) FROM STDIN"
    with _unwrapped(cursor, copy_sql) as raw, raw.copy(copy_sql) as copy:
        copy.set_types(["int8", "int8", "date", "int8", "numeric", "numeric", "numeric", "text"])
        write = copy.write_row
        for row in rows:
            write((None, *row[1:]))
        for pk, row in updated:
            write((pk, *row[1:]))
    if rows:
        cursor.execute(
            f"INSERT INTO {table} (created_at, modified_at, partnership_id, {columns}, "  # noqa: S608
            f"agency_return_id) SELECT %s, %s, %s, {columns}, NULL FROM {staging} "
            "WHERE target_id IS NULL",
            [now, now, partnership.pk],
        )
    if updated:
        assignments = ", ".join(
            f"{_quote(f.column)} = s.{_quote(f.column)}"
            for f in fields
            if f.name in ("value", "numerator", "denominator", "comment")
        )
        cursor.execute(
            f"UPDATE {table} SET modified_at = %s, record_version = {table}.record_version + 1, "  # noqa: S608
            f"{assignments} FROM {staging} s WHERE {table}.id = s.target_id "
            f"AND {table}.partnership_id = %s",
            [now, partnership.pk],
        )
    # ON COMMIT DROP covers a rollback; dropped now so that a second import in the same
    # transaction (a test, a management command) can stage its own rows.
    cursor.execute(f"DROP TABLE {staging}")
