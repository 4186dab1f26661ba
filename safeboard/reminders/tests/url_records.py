"""The reminders' URLs name no record: nothing to make for the tenancy and every-page walks."""

URL_RECORDS: dict[str, object] = {}
