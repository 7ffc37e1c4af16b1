"""Settings: production refuses to start without its secrets and passes Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "marketplace.settings.production",
    "DJANGO_SECRET_KEY": "x9$Lq2!vB7#pR4@mZ8^wT1&kY6*nC3(hF5)jD0_sG2+aQ7=eU9",
    "DJANGO_ALLOWED_HOSTS": "ocop.example.vn",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/ocop",
}


def manage(*args, env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "MARKETPLACE_VIETTELPAY_", "STRIPE_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set in production" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_ALLOWED_HOSTS"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set" in result.stderr


def test_production_refuses_half_a_gateway_configuration():
    viettelpay = manage("check", env={**PRODUCTION_ENV, "MARKETPLACE_VIETTELPAY_MERCHANT_CODE": "OCOPQN"})
    assert viettelpay.returncode != 0 and "MARKETPLACE_VIETTELPAY_MERCHANT_CODE" in viettelpay.stderr
    no_endpoint = manage(
        "check",
        env={
            **PRODUCTION_ENV,
            "MARKETPLACE_VIETTELPAY_MERCHANT_CODE": "OCOPQN",
            "MARKETPLACE_VIETTELPAY_ACCESS_CODE": "a",
            "MARKETPLACE_VIETTELPAY_HASH_KEY": "k",
        },
    )
    assert (
        no_endpoint.returncode != 0 and "MARKETPLACE_VIETTELPAY_PAYMENT_URL must be set" in no_endpoint.stderr
    )
    stripe = manage("check", env={**PRODUCTION_ENV, "STRIPE_SECRET_KEY": "sk_live_x"})
    assert stripe.returncode != 0 and "STRIPE_WEBHOOK_SECRET" in stripe.stderr


def test_production_with_its_variables_passes_the_deploy_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_embedded_default_is_vietnamese_in_hanoi_time_with_vnd():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.OSCAR_DEFAULT_CURRENCY == "VND"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]
