"""A task really travels through Redis to a separate Celery worker process and back."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.redis
def test_task_executes_in_a_real_worker_through_redis(settings):
    from config.celery import app
    from core.tasks import ping

    queue = f"test-{uuid.uuid4().hex[:8]}"
    node = f"kitaphana-test-{queue}@localhost"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings_test", "REDIS_URL": settings.REDIS_URL}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "solo", "-c", "1", "-Q", queue,
         "-n", node, "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        result = ping.apply_async(args=["сәлем"], queue=queue)
        answer = result.get(timeout=60)
    finally:
        app.conf.task_always_eager = previous
        worker.terminate()
        output = worker.communicate(timeout=30)[0].decode(errors="replace")
    assert answer["echo"] == "сәлем"
    assert answer["worker"] == node, output
    assert answer["pid"] != os.getpid()
