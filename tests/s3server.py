"""A real S3 protocol server for the storage and backup tests: moto's server mode (moto[server], a dev
dependency), started once per test session as a subprocess on a free port. Each test gets a bucket of its own
and STORAGES pointed at it, exactly as `S3_BUCKET`/`S3_ENDPOINT_URL` configure a deployment."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import uuid

import pytest

from core.storage_settings import storages_setting

ACCESS_KEY = "kitaphana-test"
SECRET_KEY = "kitaphana-test-secret"  # moto accepts any pair
REGION = "us-east-1"

requires_moto = pytest.mark.skipif(
    importlib.util.find_spec("moto") is None or importlib.util.find_spec("flask") is None,
    reason="the S3 tests need moto's S3 server: install the dev dependencies (make install-dev, moto[server])",
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    port = _free_port()
    env = {**os.environ, "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY}
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("moto's S3 server did not start")
                time.sleep(0.2)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


def s3_client(endpoint: str):
    import boto3

    return boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=ACCESS_KEY,
                        aws_secret_access_key=SECRET_KEY, region_name=REGION)


@pytest.fixture
def s3_bucket(s3_endpoint, settings):
    """A fresh private bucket, with every media and backup storage of the site pointed at it."""
    bucket = f"kitaphana-{uuid.uuid4().hex[:12]}"
    s3_client(s3_endpoint).create_bucket(Bucket=bucket)
    settings.S3_BUCKET = bucket
    settings.STORAGES = storages_setting(
        static_backend=settings.STORAGES["staticfiles"]["BACKEND"], bucket=bucket, endpoint_url=s3_endpoint,
        access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION,
    )
    return bucket


def object_keys(endpoint: str, bucket: str, prefix: str = "") -> list[str]:
    listing = s3_client(endpoint).list_objects_v2(Bucket=bucket, Prefix=prefix)
    return sorted(item["Key"] for item in listing.get("Contents", []))
