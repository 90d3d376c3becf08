"""Export a meeting's accepted questions and statements for the agenda supplement.

The export goes into a published document, so it holds only what is published anyway
(name, item, kind, the public text, the answer) and never contact details. Spreadsheet
programs run a cell that starts with =, +, - or @ as a formula, so such cells are
neutralised with a leading apostrophe (OWASP "CSV injection").
"""

import csv
import io

from .models.submissions import ACCEPTED, ANSWERED, PUBLISHED

EXPORT_STATUSES = [ACCEPTED, ANSWERED, PUBLISHED]
HEADERS = [
    "Reference",
    "Type",
    "Agenda item",
    "Name",
    "Question or statement",
    "Written answer requested",
    "Answer",
    "Answered by",
    "Status",
]
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Make a cell safe to open in a spreadsheet: text starting like a formula gets a
    leading apostrophe, so it is shown, not run."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def export_rows(meeting):
    """The header and one row per accepted, answered or published submission, in the
    order they arrived."""
    from .models import Submission

    submissions = (
        Submission.objects.filter(meeting=meeting, status__in=EXPORT_STATUSES)
        .select_related("agenda_item")
        .order_by("submitted_at", "pk")
    )
    rows = [HEADERS]
    for submission in submissions:
        rows.append(
            [
                neutralise(cell)
                for cell in [
                    submission.reference,
                    submission.get_kind_display(),
                    submission.item_display,
                    submission.name,
                    submission.display_text,
                    "Yes" if submission.wants_written_answer else "No",
                    submission.answer,
                    submission.answered_by,
                    submission.get_status_display(),
                ]
            ]
        )
    return rows


def to_csv(rows):
    """CSV bytes with a BOM so Excel opens the UTF-8 text correctly."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows, title="Questions and statements"):
    """XLSX bytes; every cell is written as text, never as a formula."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import TYPE_STRING
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for row_number, row in enumerate(rows, start=1):
        for column_number, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column_number)
            cell.value = value
            # openpyxl treats any string starting with '=' as a formula; force text.
            cell.data_type = TYPE_STRING
            if row_number == 1:
                cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
