"""Demo provenance at the article's figures: 322.35 ha under VietGAP; 54 growing-area codes (34 for
export, 20 domestic) over 1,049.32 ha; 7 packing-facility codes; 12 codes revoked as ineffective;
and a batch with its steps (and so a QR code) for every demo product. Re-running adds nothing twice.
"""

import datetime
import random
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace import wards
from marketplace.progress import bar
from vendors.models import OcopGroup, Producer
from vendors.provenance.models import Batch, BatchEvent, CodeStatusChange, RegisteredCode, VietGapCertificate

from .history import History

Product = get_model("catalogue", "Product")

VIETGAP_HA = Decimal("322.35")
VIETGAP_CERTIFICATES = 24
CERTIFICATE_VALIDITY = relativedelta(days=729)  # a VietGAP certificate lasts two years
EXPORT_CODES, DOMESTIC_CODES, PACKING_CODES, REVOKED_CODES = 34, 20, 7, 12
GROWING_HA = Decimal("1049.32")
# Grown or raised goods carry growing-area and packing codes; crafts and visits do not.
GROWN = {OcopGroup.FOOD, OcopGroup.BEVERAGE, OcopGroup.HERBAL}
CROPS = [
    "Chè hoa vàng",
    "Ba kích tím",
    "Cam Vân Đồn",
    "Na dai",
    "Vải chín sớm",
    "Mía tím",
    "Lúa nếp cái hoa vàng",
    "Sá sùng",
    "Hàu Thái Bình Dương",
    "Mực ống",
    "Quế",
    "Hồi",
    "Dầu sở",
    "Nấm linh chi",
    "Rau sạch",
    "Khoai môn",
]
BODIES = [
    "Trung tâm Kiểm nghiệm và Chứng nhận chất lượng TQC",
    "Công ty Cổ phần Chứng nhận và Giám định VinaCert",
    "Trung tâm Chứng nhận phù hợp Quacert",
]
REVOKE_REASONS = [
    "Không duy trì điều kiện vùng trồng theo yêu cầu của nước nhập khẩu.",
    "Cơ sở không còn hoạt động đóng gói.",
    "Vi phạm quy định sử dụng mã số vùng trồng.",
]


def _morning(day: datetime.date) -> datetime.datetime:
    """Nine o'clock of the day, local time: when the province's office records a decision."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def split(total: Decimal, parts: int, rng: random.Random) -> list[Decimal]:
    """`parts` areas in hundredths of a hectare that add up to `total` exactly."""
    weights = [rng.uniform(0.4, 1.6) for _ in range(parts)]
    cents = int(total * 100)
    shares = [int(cents * w / sum(weights)) for w in weights]
    shares[0] += cents - sum(shares)
    return [Decimal(s) / 100 for s in shares]


class ProvenanceLoader:
    def __init__(self, out, today: datetime.date, seed: int, crops: dict[str, str], history: History):
        """`crops`: what each grown product (by GTIN) is made of, e.g. "Chè hoa vàng"; `history`
        dates the codes and certificates inside the article's half-year (history.py)."""
        self.out, self.today, self.rng = out, today, random.Random(seed)
        self.history = history
        self.ward_codes = [int(w.code) for w in wards.wards()]
        self.crops = crops
        self.crop_names = sorted(set(crops.values())) or CROPS

    @transaction.atomic
    def run(self) -> None:
        growing, packing = self.codes()
        self.certificates(growing)
        self.batches(growing, packing)

    def _code(
        self, code: str, kind: str, area, crop: str, status=RegisteredCode.Status.ACTIVE
    ) -> RegisteredCode:
        issued = self.history.end - datetime.timedelta(days=self.rng.randint(60, 700))
        row, created = RegisteredCode.objects.get_or_create(
            code=code,
            defaults={
                "kind": kind,
                "crop": crop,
                "area_ha": area,
                "ward_code": self.rng.choice(self.ward_codes),
                "latitude": Decimal(f"{self.rng.uniform(20.85, 21.55):.6f}"),
                "longitude": Decimal(f"{self.rng.uniform(106.70, 107.95):.6f}"),
                "households": self.rng.randint(3, 60) if kind != RegisteredCode.Kind.PACKING else None,
                "issued_on": issued,
                "status": status,
            },
        )
        if created:
            # The history dated as it happened: issued on its day, revoked a month later.
            CodeStatusChange.objects.create(
                code=row, new_status=RegisteredCode.Status.ACTIVE, reason="Cấp mã", at=_morning(issued)
            )
            if status == RegisteredCode.Status.REVOKED:
                reason = self.rng.choice(REVOKE_REASONS)
                row.status_reason, row.status_changed_on = reason, issued + datetime.timedelta(days=30)
                row.save(update_fields=["status_reason", "status_changed_on"])
                CodeStatusChange.objects.create(
                    code=row,
                    old_status=RegisteredCode.Status.ACTIVE,
                    new_status=status,
                    reason=reason,
                    at=_morning(row.status_changed_on),
                )
        return row

    def codes(self):
        total = EXPORT_CODES + DOMESTIC_CODES + PACKING_CODES + REVOKED_CODES
        progress = bar("Growing-area and packing codes", total, self.out)
        areas = split(GROWING_HA, EXPORT_CODES + DOMESTIC_CODES, self.rng)
        growing = []
        for n in range(EXPORT_CODES + DOMESTIC_CODES):
            kind = (
                RegisteredCode.Kind.GROWING_EXPORT
                if n < EXPORT_CODES
                else RegisteredCode.Kind.GROWING_DOMESTIC
            )
            crop = self.crop_names[n % len(self.crop_names)]
            growing.append(self._code(f"VN-QNOR-{n + 1:04d}", kind, areas[n], crop))
            progress.update()
        packing = []
        for n in range(PACKING_CODES):
            packing.append(
                self._code(
                    f"VN-QNPH-{n + 1:04d}", RegisteredCode.Kind.PACKING, None, "Nông sản, thủy sản chế biến"
                )
            )
            progress.update()
        for n in range(REVOKED_CODES):
            kind = RegisteredCode.Kind.GROWING_EXPORT if n % 2 else RegisteredCode.Kind.GROWING_DOMESTIC
            area = Decimal(f"{self.rng.uniform(2, 15):.2f}")
            self._code(
                f"VN-QNOR-{901 + n:04d}", kind, area, CROPS[n % len(CROPS)], RegisteredCode.Status.REVOKED
            )
            progress.update()
        progress.close()
        return growing, packing

    def certificates(self, growing):
        producers = list(
            Producer.objects.filter(recognitions__group__in=GROWN)
            .distinct()
            .order_by("pk")[:VIETGAP_CERTIFICATES]
        )
        areas = split(VIETGAP_HA, len(producers), self.rng)
        for n, (producer, area) in enumerate(zip(producers, areas, strict=True)):
            self.rng.randint(30, 600)  # drawn as before: the rest of the demo stays the same
            issued = self.history.lasting(CERTIFICATE_VALIDITY, within_days=600)
            VietGapCertificate.objects.get_or_create(
                number=f"VietGAP-TT-25-{n % 12 + 1:02d}-22-{n + 1:04d}",
                defaults={
                    "producer": producer,
                    "growing_area": growing[n % len(growing)],
                    "certifying_body": BODIES[n % len(BODIES)],
                    "scope": self.crop_names[n % len(self.crop_names)],
                    "area_ha": area,
                    "issued_on": issued,
                    "expires_on": issued + CERTIFICATE_VALIDITY,
                },
            )

    def area_for(self, product, growing, n):
        """A growing area of the product's own crop, when the registry has one."""
        crop = self.crops.get(product.upc)
        same = [code for code in growing if code.crop == crop]
        return (same or growing)[n % len(same or growing)]

    def batches(self, growing, packing):
        products = list(
            Product.objects.filter(upc__startswith="893")
            .prefetch_related("ocop_recognitions", "batches")
            .order_by("pk")
        )
        progress = bar("Batches", len(products), self.out)
        events = []
        links = RegisteredCode.products.through
        attached = set(links.objects.values_list("product_id", "registeredcode_id"))
        new_links = []
        for n, product in enumerate(products):
            if product.batches.all():
                progress.update()
                continue
            recognition = next(iter(product.ocop_recognitions.all()), None)
            grown = recognition is not None and recognition.group in GROWN
            area = self.area_for(product, growing, n) if grown else None
            house = packing[n % len(packing)] if grown else None
            harvested = self.today - datetime.timedelta(days=self.rng.randint(15, 120))
            packed = min(harvested + datetime.timedelta(days=self.rng.randint(0, 7)), self.today)
            batch = Batch.objects.create(
                product=product,
                lot_code=f"L{harvested:%y%m}-{n + 1:04d}",
                harvested_on=harvested,
                packed_on=packed,
                growing_area=area,
                packing_facility=house,
                quantity=self.rng.choice([200, 500, 800, 1200, 2000]),
            )
            for code in (area, house):
                if code is not None and (product.pk, code.pk) not in attached:
                    new_links.append(links(product_id=product.pk, registeredcode_id=code.pk))
                    attached.add((product.pk, code.pk))
            steps = [
                (BatchEvent.Kind.HARVEST, harvested, "Thu hoạch"),
                (BatchEvent.Kind.PACKING, packed, "Đóng gói"),
            ]
            if grown:
                steps[:0] = [
                    (BatchEvent.Kind.PLANTING, harvested - datetime.timedelta(days=150), "Xuống giống"),
                    (
                        BatchEvent.Kind.CARE,
                        harvested - datetime.timedelta(days=60),
                        "Bón phân hữu cơ, tưới nước",
                    ),
                ]
            place = area.ward_name if area else ""
            events += [
                BatchEvent(batch=batch, kind=kind, happened_on=day, place=place, note=note)
                for kind, day, note in steps
            ]
            progress.update()
        BatchEvent.objects.bulk_create(events)
        links.objects.bulk_create(new_links)
        progress.close()
