"""`manage.py marketplace_stats [--at YYYY-MM-DD] [--from YYYY-MM-DD --to YYYY-MM-DD] [--ward CODE]
[--group GROUP] [--json]`: the province's figures on a terminal, as the dashboard shows them (the same
functions); with --from, also what happened in the period (`report.period`)."""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import wards
from marketplace.figures import report
from marketplace.money import format_vnd
from vendors.models import OcopGroup


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("“%(value)s” is not a date: write it as YYYY-MM-DD.") % {"value": value}
        ) from None


class Command(BaseCommand):
    help = "The province's figures (accounts, shops, products, stars, codes, visits, orders) as of a day."

    def add_arguments(self, parser):
        parser.add_argument(
            "--at", type=_day, help="The day the figures stand at (its end); today by default."
        )
        parser.add_argument(
            "--from", dest="since", type=_day, help="With --to: also the period's figures, from this day."
        )
        parser.add_argument(
            "--to", dest="until", type=_day, help="The period's last day (and the day the figures stand at)."
        )
        parser.add_argument("--ward", type=int, help="Only this ward (its code).")
        parser.add_argument("--group", choices=OcopGroup.values, help="Only this OCOP group.")
        parser.add_argument("--json", action="store_true", help="One JSON object instead of a table.")

    def handle(self, *args, **options):
        since, until = options["since"], options["until"]
        if (since is None) != (until is None):
            raise CommandError(_("Give a period with both --from and --to."))
        if since is not None and since > until:
            raise CommandError(_("The period ends before it begins."))
        at = until or options["at"] or timezone.localdate()
        if at > timezone.localdate():
            raise CommandError(_("The figures cannot be read for a day still to come."))
        ward = options["ward"]
        if ward is not None and wards.ward(ward) is None:
            raise CommandError(_("No ward has the code %(code)s.") % {"code": ward})
        group = options["group"] or ""
        figures = report.summary(report.Scope(at, ward, group))
        if since is not None:
            figures["period"] = report.period(since, until, ward=ward, group=group)
        if options["json"]:
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
            return
        stars = figures["products_by_stars"]
        growing = figures["growing_area_codes"]
        rows = [
            (_("Seller accounts"), figures["seller_accounts"]),
            (_("Activated accounts"), figures["activated_accounts"]),
            (_("Shops trading"), figures["active_shops"]),
            (_("Products on sale"), figures["products"]),
            (_("Producers"), figures["producers"]),
            (_("Products of 5 / 4 / 3 stars"), f"{stars['5']} / {stars['4']} / {stars['3']}"),
            (_("VietGAP area (ha)"), f"{figures['vietgap_hectares']:.2f}"),
            (
                _("Growing-area codes (export / domestic, ha)"),
                f"{growing['export']} / {growing['domestic']}, {growing['hectares']:.2f}",
            ),
            (_("Packing-facility codes"), figures["packing_codes"]),
            (_("Codes revoked"), figures["revoked_codes"]),
            (_("Visits"), figures["visits"]),
            (_("Orders placed"), figures["orders"]),
            (_("Goods value (GMV)"), format_vnd(figures["gmv"])),
            (_("Commission"), format_vnd(figures["commission"])),
        ]
        self.stdout.write(_("Figures at the end of %(day)s") % {"day": at.strftime("%d/%m/%Y")})
        self._table(rows)
        if since is not None:
            period = figures["period"]
            self.stdout.write(
                _("From %(since)s to %(until)s")
                % {"since": since.strftime("%d/%m/%Y"), "until": until.strftime("%d/%m/%Y")}
            )
            self._table(
                [
                    (_("Accounts opened"), period["new_accounts"]),
                    (_("Accounts activated"), period["activations"]),
                    (_("Visits"), period["visits"]),
                    (_("Orders placed"), period["orders"]),
                    (_("Purchases"), period["purchases"]),
                    (_("Goods value (GMV)"), format_vnd(period["gmv"])),
                    (_("Commission"), format_vnd(period["commission"])),
                ]
            )

    def _table(self, rows):
        width = max(len(str(label)) for label, _value in rows)
        for label, value in rows:
            self.stdout.write(f"  {str(label).ljust(width)}  {value}")
