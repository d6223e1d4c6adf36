"""People's signing keys: a printed form is signed by the person who prints it.

Every person whose role signs forms (:func:`app.signing.person_keys.signs_forms`)
has an ECDSA P-256 key and a self-signed X.509 certificate naming them
(CN = their name, title = their role, O = the school, UID = their user id).
ECDSA P-256 because poppler's ``pdfsig`` cannot verify Ed25519.

* ``person_keys`` — the cryptography: key, certificate, Argon2id key
  derivation, AES-256-GCM sealing. No database.
* ``lifecycle`` — the hooks the account service calls: a key when a secret is
  first set, re-sealed when the person changes it, replaced when the
  principal resets it, made at sign-in for people who have none yet, and
  unlocked at sign-in.
* ``session_keys`` — the unlocked keys of the people signed in on this PC,
  in memory only, dropped when their session ends.
* ``verify`` — reading a PDF's signature back and finding its certificate on
  record.

Threat model
------------
*What is protected.* The private key lives only in this PC's database
(``signing_key``, local: never synced, never in the outbox or a bundle),
sealed with AES-256-GCM under a key derived from the person's password or
PIN by Argon2id (random 16-byte salt, the same cost as the PIN hash beside
it: 19 MiB, 2 passes, 1 lane). The associated data binds the sealed key to
its user id, so a sealed key moved to another account does not open. A copy
of the database (a backup on a USB stick, a stolen disk) does not give
anyone a key that signs in a person's name without that person's secret.

*Its limit.* A 6-digit PIN has 10^6 values: at ~20–40 ms per Argon2id guess
one CPU core tries them all in under half a day, so against someone who
holds the file the sealing of a PIN user's key is a delay, not a wall. The
PIN hash in ``local_credential`` falls to the same search, which is why
both stay on the PC where they were set, as the PIN hash always has; a
password of 8+ characters protects far better. Sealing with a cheaper
derivation would make the key file the easier target, so it costs the same.

*In memory.* Sign-in derives the sealing key once and keeps what is needed
to sign for the rest of the session; the private key is opened on first use
and dropped, with the sealing key, when the session ends
(:func:`app.accounts.sessions.on_session_end`). Python cannot promise to
wipe memory; malware running as the user could read it (and could equally
read the PIN as it is typed) — out of scope. Keys are never logged.

*Trust.* Certificates are self-signed (there is no CA yet). What makes one
count is that the bureau received it in a bundle signed by an enrolled
device of that school: ``xiaoan-bureau verify-pdf`` says whether a form's
certificate is on record, for which school and person. A principal's reset
of someone's secret issues a fresh key and certificate (the old key cannot
be opened any more); the reset is in the audit trail, and old certificates
stay on record, marked superseded, so earlier prints still verify.
"""
