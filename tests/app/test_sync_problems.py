"""A stopped pass is named by a problem code with a plain sentence, never an HTTP status."""

from __future__ import annotations

import pytest

from app.sync import problems
from app.sync.transport import Refused, Transient


@pytest.mark.parametrize(
    ("error", "registering", "code"),
    [
        (Transient("connection refused"), False, problems.OFFLINE),
        (Transient("HTTP 503", status=503), False, problems.BUSY),
        (Transient("HTTP 429", status=429), False, problems.BUSY),
        (Refused(413, "upload too large"), False, problems.TOO_LARGE),
        (Refused(403, "token used"), True, problems.REGISTRATION_REFUSED),
        (Refused(403, "forbidden"), False, problems.REFUSED),
        (OSError(28, "No space left on device"), False, problems.DISK),
    ],
)
def test_errors_become_problems_a_person_can_act_on(error, registering, code):
    assert problems.classify(error, registering=registering) == code
    text = problems.message(code)
    assert text and "HTTP" not in text and not any(ch.isdigit() for ch in text)


def test_the_command_line_says_what_to_do_when_the_bureau_is_gone(
    workspace, memory_keyring, postgres_url, tmp_path, capsys, monkeypatch
):
    from app.cli.main import build_parser, run_command
    from app.sync.enrollment import import_enrollment, register
    from app.sync.transport import HttpTransport
    from tests.app.test_sync_e2e import FAST
    from tests.sync_support import running_bureau

    with running_bureau(postgres_url, tmp_path / "keys") as bureau:
        import_enrollment(workspace, bureau.enroll(tmp_path))
        register(workspace, HttpTransport(bureau.url, policy=FAST))
    args = build_parser().parse_args(["sync", "--data-dir", str(workspace.data_dir)])
    import app.sync.service as service

    real = service.HttpTransport
    monkeypatch.setattr(service, "HttpTransport", lambda url, policy=None: real(url, policy=FAST))
    assert run_command(args) == 2
    err = capsys.readouterr().err
    assert "Wi-Fi" in err or "无线" in err or "网络" in err
    assert "HTTPConnectionPool" not in err and "Errno" not in err
