"""The optional services: Redis for cache and tasks when REDIS_URL is set, in-process otherwise."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import redis
from django.conf import settings

from marketplace import celery_app

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def test_without_redis_the_cache_is_local_and_tasks_run_in_process():
    assert "REDIS_URL" not in os.environ or not os.environ["REDIS_URL"]
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")

    @celery_app.task
    def double(x):
        return 2 * x

    # Celery keeps "inside a task" in a process-wide flag that tests running tasks on threads at
    # once can leave set; what is asked here is only that the task ran in this process.
    assert double.delay(21).get(timeout=1, disable_sync_subtasks=False) == 42


def test_with_redis_url_the_cache_lives_in_redis():
    """Needs the Redis server on 127.0.0.1:6379 (running on this machine and in CI)."""
    key = f"ocop-test-{uuid.uuid4().hex}"
    code = (
        "from django.core.cache import cache; from django.conf import settings;"
        f"cache.set('{key}', 'chả mực', 30); print(settings.CACHES['default']['BACKEND'])"
    )
    env = {**os.environ, "REDIS_URL": REDIS_URL, "DJANGO_SETTINGS_MODULE": "marketplace.settings.dev"}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "RedisCache" in result.stdout
    stored = [k for k in redis.Redis.from_url(REDIS_URL).keys(f"*{key}*")]
    assert stored, "the value was not written to Redis"
    redis.Redis.from_url(REDIS_URL).delete(*stored)
