"""`manage.py spc`: the pure CSV/format logic, and the Django command through call_command."""

import contextlib
import datetime
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from safeboard.performance.domain.spc_cli import (
    POINT_COLUMNS,
    SpcOptions,
    options_from,
    parse_csv,
    run,
)

SHIFT = "date,value\n" + "".join(
    f"2024-{m:02d}-01,{v}\n" for m, v in enumerate([5, 5, 5, 5, 9, 9, 9], start=1)
)


def spc_command(tmp_path, text: str, *args: str, encoding: str = "utf-8") -> str:
    path = tmp_path / "series.csv"
    path.write_text(text, encoding=encoding, newline="")
    out = StringIO()
    call_command("spc", str(path), *args, stdout=out)
    return out.getvalue()


# --- Parsing ---------------------------------------------------------------------------------


def test_it_reads_dates_and_values_with_extra_whitespace_bom_and_crlf():
    text = "\ufeff date , Value \r\n 2024-01-01 , 1.5 \r\n\r\n2024-02-01,-2\r\n"
    assert parse_csv(text) == [(datetime.date(2024, 1, 1), 1.5), (datetime.date(2024, 2, 1), -2.0)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("when,value\n2024-01-01,1\n", "line 1: the first row must be the header date,value"),
        ("date,value\n", "the file has a header but no rows"),
        ("date,value\n2024-01-01,1\n2024-02-01,\n", "line 3: the value for 2024-02-01 is blank"),
        ("date,value\n2024-01-01,1\n2024-02-01,  \n", "line 3: the value for 2024-02-01 is blank"),
        ("date,value\n2024-01-01,abc\n", "line 2: 'abc' is not a number"),
        ("date,value\n2024-01-01,nan\n", "line 2: 'nan' is not a number"),
        ("date,value\n2024-01-01,inf\n", "line 2: 'inf' is not a number"),
        ("date,value\n2024-01-01,1_000\n", "line 2: '1_000' is not a number"),
        ("date,value\n2024-01-01,1e999\n", "line 2: '1e999' is too large"),
        ("date,value\n01/02/2024,1\n", "line 2: '01/02/2024' is not a date in the form YYYY-MM-DD"),
        ("date,value\n2024-02-30,1\n", "line 2: '2024-02-30' is not a real date"),
        ("date,value\n,1\n", "line 2: the date is blank"),
        ("date,value\n2024-01-01,1,2\n", "line 2: expected 2 cells"),
        ("date,value\n2024-01-01\n", "line 2: expected 2 cells"),
        (
            "date,value\n2024-01-01,1\n2024-02-01,2\n2024-01-01,3\n",
            "line 4: the date 2024-01-01 already appears on line 2",
        ),
    ],
)
def test_it_refuses_bad_input_naming_the_line(text, message):
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        parse_csv(text)


def test_it_says_a_blank_value_is_a_missing_period_never_zero():
    with pytest.raises(ValueError, match="missing periods are refused, never treated as zero"):
        parse_csv("date,value\n2024-01-01,\n")


def test_it_reads_options_given_as_text_or_as_values():
    text = options_from(
        {"direction": "decrease", "target": "3.5", "rebase": ["2024-03-01"], "fix_after": "12"}
    )
    typed = options_from(
        {
            "direction": "decrease",
            "target": 3.5,
            "rebase": [datetime.date(2024, 3, 1)],
            "fix_after": 12,
        }
    )
    assert text == typed == SpcOptions("decrease", 3.5, (datetime.date(2024, 3, 1),), 12)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"direction": "up"}, "--direction must be one of"),
        ({"output_format": "xml"}, "--format must be one of"),
        ({"target": "lots"}, "--target: 'lots' is not a number"),
        ({"rebase": ["March"]}, "--rebase: 'March' is not a date"),
        ({"fix_after": "twelve"}, "--fix-after must be a whole number"),
    ],
)
def test_it_refuses_bad_options(options, message):
    with pytest.raises(ValueError, match=message):
        options_from(options)


def test_it_formats_undefined_limits_as_empty_csv_cells():
    output = run("date,value\n2024-01-01,4\n", SpcOptions(output_format="csv"))
    assert output == (
        "date,value,mean,lower_limit,upper_limit,special_cause,point_type\n"
        "2024-01-01,4.0,4.0,,,,common_cause\n"
    )


# --- The command -----------------------------------------------------------------------------


def test_it_writes_json_by_default(tmp_path):
    document = json.loads(spc_command(tmp_path, SHIFT))
    assert list(document) == ["points", "variation_icon", "assurance_icon"]
    first = document["points"][0]
    assert list(first) == list(POINT_COLUMNS)
    mean = 47 / 7
    assert first == {
        "date": "2024-01-01",
        "value": 5.0,
        "mean": mean,
        "lower_limit": mean,
        "upper_limit": mean,
        "special_cause": "outside_limits",
        "point_type": "concern",
    }
    assert document["variation_icon"] == "improvement_high"
    assert document["assurance_icon"] is None


def test_it_writes_null_not_nan_for_undefined_limits(tmp_path):
    output = spc_command(tmp_path, "date,value\n2024-01-01,3\n2024-02-01,3\n")
    assert "NaN" not in output
    points = json.loads(output)["points"]
    assert [(p["mean"], p["lower_limit"], p["upper_limit"]) for p in points] == [
        (3.0, None, None)
    ] * 2


def test_it_writes_points_in_date_order(tmp_path):
    output = spc_command(tmp_path, "date,value\n2024-03-01,3\n2024-01-01,1\n2024-02-01,2\n")
    assert [p["date"] for p in json.loads(output)["points"]] == [
        "2024-01-01",
        "2024-02-01",
        "2024-03-01",
    ]


def test_it_writes_csv_with_a_header(tmp_path):
    lines = spc_command(tmp_path, SHIFT, "--format", "csv").splitlines()
    assert lines[0] == "date,value,mean,lower_limit,upper_limit,special_cause,point_type"
    assert len(lines) == 8
    assert lines[-1].split(",")[0] == "2024-07-01"
    assert lines[-1].endswith(",outside_limits,improvement")


def test_it_passes_every_option_through(tmp_path):
    output = spc_command(
        tmp_path,
        SHIFT,
        "--direction",
        "decrease",
        "--target",
        "100",
        "--rebase",
        "2024-05-01",
        "2031-01-01",
        "--no-screen-outliers",
    )
    document = json.loads(output)
    # Segments 5, 5, 5, 5 and 9, 9, 9: constant, no screening, so limits equal each mean.
    assert [p["upper_limit"] for p in document["points"]] == [5.0] * 4 + [9.0] * 3
    assert document["variation_icon"] == "common_cause"
    assert document["assurance_icon"] == "pass"  # decrease: a target above the UPL is met


def test_it_fixes_the_limits_when_asked(tmp_path):
    text = "date,value\n" + "".join(
        f"2024-01-{d:02d},{v}\n" for d, v in enumerate([0, 10] * 6 + [40], start=1)
    )
    document = json.loads(spc_command(tmp_path, text, "--fix-after", "12"))
    assert document["points"][-1]["mean"] == 5.0
    assert document["points"][-1]["special_cause"] == "outside_limits"


def test_it_raises_a_command_error_naming_the_bad_line(tmp_path):
    with pytest.raises(CommandError, match="line 3: 'twelve' is not a number"):
        spc_command(tmp_path, "date,value\n2024-01-01,1\n2024-02-01,twelve\n")


def test_it_refuses_a_missing_value(tmp_path):
    with pytest.raises(CommandError, match="line 2: the value for 2024-01-01 is blank") as caught:
        spc_command(tmp_path, "date,value\n2024-01-01,\n2024-02-01,2\n")
    assert "never treated as zero" in str(caught.value)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fix-after", "11"], "at least 12"),
        (["--direction", "sideways"], "--direction must be one of"),
        (["--format", "xml"], "--format must be one of"),
        (["--rebase", "2024-13-01"], "--rebase: '2024-13-01' is not a real date"),
    ],
)
def test_it_refuses_bad_options_as_command_errors(tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        spc_command(tmp_path, SHIFT, *args)


def test_it_refuses_a_file_that_does_not_exist(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("spc", str(tmp_path / "nowhere.csv"), stdout=StringIO())


def test_it_refuses_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "series.csv"
    path.write_bytes(b"date,value\n2024-01-01,\xff\n")
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("spc", str(path), stdout=StringIO())


@pytest.mark.parametrize("text", [SHIFT, "date,value\n2024-01-01,\n"])
def test_it_never_changes_the_file(tmp_path, text):
    path = tmp_path / "series.csv"
    path.write_text(text, encoding="utf-8")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    with contextlib.suppress(CommandError):
        call_command("spc", str(path), stdout=StringIO())
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


# --- One file, one process ---------------------------------------------------------------------
#
# `manage.py spc FILE` is run once per file, so the process start is most of its cost: the command
# skips the system checks (they import every view), manage.py runs it without loading the apps, and
# no heavy library (WeasyPrint, openpyxl, python-docx) is imported by anything it needs.

ROOT = Path(__file__).resolve().parents[4]
HEAVY = ("weasyprint", "openpyxl", "docx", "pandas")


def python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    return subprocess.run(  # noqa: S603 - this interpreter on our own code
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )


def test_it_imports_no_heavy_library_when_the_command_runs_in_a_django_process(tmp_path):
    # Both ways in: call_command, and Django's own command line (which would run the system
    # checks, and so import every view, if the command asked for them).
    path = tmp_path / "series.csv"
    path.write_text(SHIFT, encoding="utf-8")
    code = (
        "import contextlib, io, json, sys, django\n"
        "django.setup()\n"
        "from django.core.management import call_command, execute_from_command_line\n"
        "out = io.StringIO()\n"
        "call_command('spc', sys.argv[1], stdout=out)\n"
        "with contextlib.redirect_stdout(io.StringIO()) as line:\n"
        "    execute_from_command_line(['manage.py', 'spc', sys.argv[1]])\n"
        f"loaded = [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print(json.dumps([loaded, out.getvalue(), line.getvalue()]))\n"
    )
    loaded, called, command_line = json.loads(python(code, str(path)).stdout)
    assert loaded == []
    assert called == command_line == spc_command(tmp_path, SHIFT)


def test_it_runs_manage_py_spc_without_loading_the_apps(tmp_path):
    path = tmp_path / "series.csv"
    path.write_text(SHIFT, encoding="utf-8")
    code = (
        "import io, json, sys\n"
        "sys.argv = ['manage.py', 'spc', sys.argv[1]]\n"
        "out, sys.stdout = sys.stdout, io.StringIO()\n"
        "import manage\n"
        "manage.main()\n"
        "from django.apps import apps\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in "
        f"{HEAVY!r} or m.endswith('.models') or m.endswith('.views')]\n"
        "out.write(json.dumps([apps.ready, loaded, sys.stdout.getvalue()]))\n"
    )
    ready, loaded, output = json.loads(python(code, str(path)).stdout)
    assert (ready, loaded) == (False, [])
    assert output == spc_command(tmp_path, SHIFT)


def test_it_reports_errors_from_manage_py_spc_as_the_django_command_does(tmp_path):
    missing = tmp_path / "missing.csv"
    result = subprocess.run(  # noqa: S603 - this interpreter on our own manage.py
        [sys.executable, "manage.py", "spc", str(missing), "--direction", "up"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == f"CommandError: Cannot read {missing}: No such file or directory\n"
    with pytest.raises(CommandError, match=f"Cannot read {missing}: No such file or directory"):
        call_command("spc", str(missing))
