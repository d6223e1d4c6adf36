"""schemathesis against the bureau's own OpenAPI document: no 5xx, no undocumented answer.

The bureau runs for real (uvicorn on loopback, PostgreSQL). Each operation gets
a bounded number of generated requests, valid and invalid; device endpoints get
half their requests signed by an enrolled device (the rest carry whatever
``Authorization`` the generator made, or none), so both the refusals and the
work behind them are exercised.
"""

from __future__ import annotations

import base64
import contextlib
import random

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from app.bureau.limits import Limits
from app.sync import keys as sync_keys
from app.sync.bundle import bundle_name
from app.sync.enrollment import import_enrollment, register
from app.sync.transport import DeviceSigner, HttpTransport
from tests.app.test_sync_e2e import FAST
from tests.sync_support import running_bureau

EXAMPLES = 60  # per operation and mode
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Generous, so the rate limits do not turn most generated requests into 429s
# (they are still documented, and checked, answers).
ROOMY = Limits(address_burst=10**6, failures_burst=10**6, device_burst=10**6)


@pytest.fixture(autouse=True)
def _keyring(memory_keyring):
    yield


def _exercise(operation, mode, *, base_url, session, signer, device_id, upload, rnd) -> int:
    """Run ``EXAMPLES`` generated requests of one operation; how many were sent."""
    method = operation.method.upper()
    sent = 0

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        nonlocal sent
        headers = dict(case.headers or {})
        if "{device_id}" in case.path and rnd.random() < 0.5:
            case.path_parameters = {"device_id": str(device_id)}
        if "{uid}" in case.path and rnd.random() < 0.5:
            case.path_parameters = {"uid": upload}  # an upload this device owns
        if rnd.random() < 0.5 and method != "OPTIONS":
            headers["Authorization"] = signer.header(case.method, case.formatted_path, headers)
            case.headers = headers
        response = case.call(base_url=base_url, session=session)
        sent += 1
        case.validate_response(response, checks=CHECKS)

    with contextlib.suppress(Unsatisfiable):  # no invalid request for an operation without inputs
        run()
    return sent


def _own_upload(url: str, signer: DeviceSigner, ws) -> str:
    name = bundle_name(ws.school_id, ws.device_id, 1)
    headers = {
        "Upload-Length": "64",
        "Upload-Metadata": "name " + base64.b64encode(name.encode()).decode(),
    }
    headers["Authorization"] = signer.header("POST", f"{url}/tus/", headers)
    answer = requests.post(f"{url}/tus/", headers=headers, timeout=10)
    assert answer.status_code == 201
    return answer.headers["location"].rsplit("/", 1)[1]


def test_the_bureau_answers_every_generated_request_as_documented(
    workspace, postgres_url, tmp_path
):
    with running_bureau(postgres_url, tmp_path / "keys", limits=ROOMY) as bureau:
        import_enrollment(workspace, bureau.enroll(tmp_path))
        register(workspace, HttpTransport(bureau.url, policy=FAST))
        keys = sync_keys.device_keys(workspace.device_id)
        signer = DeviceSigner(bureau.url, workspace.device_id, keys.signing)
        schema = schemathesis.openapi.from_url(f"{bureau.url}/openapi.json")
        upload = _own_upload(bureau.url, signer, workspace)
        calls = 0
        with requests.Session() as session:
            for result in schema.get_all_operations():
                for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                    calls += _exercise(
                        result.ok(),
                        mode,
                        base_url=bureau.url,
                        session=session,
                        signer=signer,
                        device_id=workspace.device_id,
                        upload=upload,
                        rnd=random.Random(13),
                    )
        assert calls > 0
        print(f"schemathesis: {calls} requests, every one answered as documented")
