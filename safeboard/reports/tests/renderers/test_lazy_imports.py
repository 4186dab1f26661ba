"""The renderers import their heavy libraries when a file is made, not when they are imported:
every view imports them, and a process that never makes a file (a page, `manage.py spc`) should
not pay for openpyxl or python-docx."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]


def loaded_after(code: str) -> list[str]:
    script = (
        f"import json, sys\n{code}\nprint(json.dumps(sorted(m.split('.')[0] for m in sys.modules)))"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter on our own code
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    modules: list[str] = json.loads(result.stdout)
    return modules


def test_it_imports_openpyxl_and_docx_only_when_a_file_is_made():
    imported = loaded_after(
        "from safeboard.reports import readers\n"
        "from safeboard.reports.renderers import docx, pdf, xlsx"
    )
    assert not {"openpyxl", "docx", "weasyprint"} & set(imported)
    made = loaded_after(
        "from safeboard.reports.document import Document\n"
        "from safeboard.reports.renderers import docx, xlsx\n"
        "xlsx.render_xlsx(Document(title='T', sections=()))\n"
        "docx.render_docx(Document(title='T', sections=()))"
    )
    assert {"openpyxl", "docx"} <= set(made)
