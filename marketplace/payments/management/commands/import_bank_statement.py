"""`manage.py import_bank_statement statement.csv`: settle VietQR purchases from a bank's CSV export.

Columns: amount, description (the transfer note: "OCOP <purchase number>"), reference. Rows that
name no purchase, or pay a different amount, are listed for staff and change nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from marketplace.payments.transfers import match_statement, statement_rows


class Command(BaseCommand):
    help = "Settle bank-transfer purchases from a statement CSV; lists rows that need a person."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        if not file.exists():
            raise CommandError(f"{file} does not exist.")
        rows = statement_rows(file.read_text(encoding="utf-8-sig"))
        if rows is None:
            raise CommandError(f"{file} needs the columns amount and description (and reference).")
        report = match_statement(rows)
        for item in report:
            purchase, amount = item["purchase"] or "-", item.get("amount", "")
            self.stdout.write(
                f"{item['outcome']:<16} {amount:>12} {purchase:<14} {item.get('description', '')}"
            )
        settled = sum(1 for item in report if item["outcome"] == "settled")
        self.stdout.write(
            self.style.SUCCESS(f"{settled} purchases settled; {len(report) - settled} rows to look at.")
        )
