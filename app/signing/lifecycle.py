"""A person's signing key follows their secret: the hooks the account service calls.

Each hook runs inside the caller's write action (same transaction, same
audit entry); the certificate row it writes is synced, the sealed key is not.

* :func:`issue_signing_key` — ``add_user`` (and so ``set_up_school``): the
  first key, sealed with the secret just set.
* :func:`reseal_signing_key` — ``change_own_secret``: the same key, sealed
  again with the new secret (a fresh salt and nonce).
* :func:`replace_signing_key` — ``reset_secret`` by the principal: the old
  key cannot be opened without the forgotten secret, so a fresh key and
  certificate replace it; the old certificate stays on record, superseded.
* :func:`unlock_signing_key` — ``authenticate`` after a correct secret: holds
  the key for the session; makes one for a person who has none yet (data
  from before person keys); issues a new certificate for the same key when
  the person's name, role or school name changed or it nears its end; seals
  the key again when it was sealed at another Argon2id cost than today's
  (as the PIN hash is re-hashed).

A key made or re-sealed for the person who is acting (the principal setting
up the school, anyone changing their own secret) is held unlocked for their
session once the action commits; nobody else's key is ever held.

Threading: whatever thread runs the action. Each hook costs one Argon2id
derivation (~20–40 ms), two for a change of secret.
"""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app.signing import session_keys
from app.signing.person_keys import (
    RENEW_BEFORE,
    Holder,
    KdfParams,
    UnsealError,
    derive_sealing_key,
    issue_certificate,
    new_private_key,
    seal,
    signs_forms,
    unseal,
)
from db.base import new_id, utcnow
from db.models import School, SigningCertificate, SigningKey, UserAccount

log = logging.getLogger(__name__)


def issue_signing_key(s: Session, user_id: uuid.UUID, secret: str) -> None:
    """A new person's first key (nothing for a role that does not sign)."""
    user = s.get(UserAccount, user_id)
    if user is not None and signs_forms(user.role):
        _fresh_key(s, user, secret, s.get(SigningKey, user_id))


def replace_signing_key(s: Session, user_id: uuid.UUID, secret: str) -> None:
    """The principal reset ``user_id``'s secret: a fresh key and certificate."""
    session_keys.forget(user_id)
    user = s.get(UserAccount, user_id)
    row = s.get(SigningKey, user_id)
    if row is not None:
        _supersede(s, row.certificate_id)
    if user is None or not signs_forms(user.role):
        if row is not None:
            s.delete(row)
        return
    _fresh_key(s, user, secret, row)


def reseal_signing_key(s: Session, user_id: uuid.UUID, current: str, secret: str) -> None:
    """The person changed their own secret (``current`` verified): seal the same key anew."""
    row = s.get(SigningKey, user_id)
    user = s.get(UserAccount, user_id)
    if row is None:
        if user is not None and signs_forms(user.role):
            _fresh_key(s, user, secret, None)
        return
    try:
        private_der = unseal(
            row.sealed_key, row.nonce, derive_sealing_key(current, _params(row)), user_id
        )
    except UnsealError:
        log.warning("the signing key of user %s did not open; issuing a new one", user_id)
        replace_signing_key(s, user_id, secret)
        return
    params = KdfParams.fresh()
    sealing_key = derive_sealing_key(secret, params)
    _store(s, row, params, *seal(private_der, sealing_key, user_id))
    cert = s.get(SigningCertificate, row.certificate_id)
    if user is not None and cert is not None:
        _hold_after_commit(s, _held(user, cert, key_der=private_der))


def unlock_signing_key(s: Session, user_id: uuid.UUID, secret: str) -> None:
    """Sign-in succeeded with ``secret``: hold the person's key for their session.

    Never raises: a failure here is logged and the person prints without a
    digital signature, but signs in.
    """
    try:
        _unlock(s, user_id, secret)
    except Exception:  # noqa: BLE001 - signing must never stop a sign-in
        session_keys.forget(user_id)
        log.exception("could not unlock the signing key of user %s", user_id)


def _unlock(s: Session, user_id: uuid.UUID, secret: str) -> None:
    user = s.get(UserAccount, user_id)
    if user is None or not signs_forms(user.role):
        session_keys.forget(user_id)
        return
    row = s.get(SigningKey, user_id)
    if row is None:
        _fresh_key(s, user, secret, None)
        return
    params = _params(row)
    sealing_key = derive_sealing_key(secret, params)
    cert = s.get(SigningCertificate, row.certificate_id)
    holder = _holder(s, user)
    renew = cert is None or _outdated(cert, holder)
    reseal = params != KdfParams(params.salt)  # sealed at another cost than today's
    if not renew and not reseal:
        _hold_after_commit(
            s, _held(user, cert, sealing_key=sealing_key, nonce=row.nonce, sealed=row.sealed_key)
        )
        return
    try:
        private_der = unseal(row.sealed_key, row.nonce, sealing_key, user_id)
    except UnsealError:
        log.warning("the signing key of user %s did not open; issuing a new one", user_id)
        replace_signing_key(s, user_id, secret)
        return
    if reseal:
        fresh = KdfParams.fresh()
        _store(s, row, fresh, *seal(private_der, derive_sealing_key(secret, fresh), user_id))
    if renew:  # same key, a certificate that names the person as they are now
        renewed = _add_certificate(s, user, holder, private_der)
        if cert is not None:
            cert.superseded_at = utcnow()
        row.certificate_id = renewed.id
        cert = renewed
    row.changed_at = utcnow()
    _hold_after_commit(s, _held(user, cert, key_der=private_der))


def _outdated(cert: SigningCertificate, holder: Holder) -> bool:
    return (
        cert.superseded_at is not None
        or cert.holder_name != holder.name
        or cert.holder_role != holder.role
        or cert.organization != holder.organization
        or cert.valid_to - utcnow() < RENEW_BEFORE
    )


def _fresh_key(s: Session, user: UserAccount, secret: str, row: SigningKey | None) -> None:
    private_der = new_private_key()
    params = KdfParams.fresh()
    sealed = seal(private_der, derive_sealing_key(secret, params), user.id)
    cert = _add_certificate(s, user, _holder(s, user), private_der)
    if row is None:
        row = SigningKey(user_id=user.id, created_at=utcnow())
        s.add(row)
    row.certificate_id = cert.id
    _store(s, row, params, *sealed)
    _hold_after_commit(s, _held(user, cert, key_der=private_der))


def _add_certificate(
    s: Session, user: UserAccount, holder: Holder, private_der: bytes
) -> SigningCertificate:
    issued = issue_certificate(private_der, holder, utcnow())
    cert = SigningCertificate(
        id=new_id(),
        school_id=user.school_id,
        user_id=user.id,
        certificate_pem=issued.pem,
        fingerprint=issued.fingerprint,
        holder_name=holder.name,
        holder_role=holder.role,
        organization=holder.organization,
        valid_from=issued.valid_from,
        valid_to=issued.valid_to,
    )
    s.add(cert)
    return cert


def _store(s: Session, row: SigningKey, params: KdfParams, nonce: bytes, sealed: bytes) -> None:
    row.kdf_salt = params.salt
    row.kdf_time_cost = params.time_cost
    row.kdf_memory_kib = params.memory_kib
    row.kdf_parallelism = params.parallelism
    row.nonce = nonce
    row.sealed_key = sealed
    row.changed_at = utcnow()


def _supersede(s: Session, certificate_id: uuid.UUID) -> None:
    cert = s.get(SigningCertificate, certificate_id)
    if cert is not None and cert.superseded_at is None:
        cert.superseded_at = utcnow()


def _params(row: SigningKey) -> KdfParams:
    return KdfParams(row.kdf_salt, row.kdf_time_cost, row.kdf_memory_kib, row.kdf_parallelism)


def _holder(s: Session, user: UserAccount) -> Holder:
    school = s.scalar(
        select(School.name).where(School.id == user.school_id, School.deleted_at.is_(None))
    )
    return Holder(user.id, user.display_name, user.role, school or "")


def _held(user: UserAccount, cert: SigningCertificate, **key) -> session_keys.HeldKey:
    return session_keys.HeldKey(
        user_id=user.id,
        cert_pem=cert.certificate_pem,
        signer=cert.holder_name,
        role=cert.holder_role,
        organization=cert.organization,
        **key,
    )


def _hold_after_commit(s: Session, held: session_keys.HeldKey) -> None:
    """Hold ``held`` once the action commits — only for the person who is acting."""
    from db.capture import CAPTURE_KEY

    ctx = s.info.get(CAPTURE_KEY)
    if ctx is None or ctx.actor_id != held.user_id:
        return
    event.listen(s, "after_commit", lambda _s: session_keys.hold(held), once=True)
