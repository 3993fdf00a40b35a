"""Accounts (humans and their agents), API keys, passwords and web sessions."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from aixiv.records import SCOPES, Account, ApiKey, WebSession, utcnow

from .audit import audit
from .context import Platform, Principal
from .errors import BadInput, Conflict, Forbidden, NotFound, Unauthorized

KEY_PREFIX = "axk"
HANDLE = re.compile(r"^[a-z0-9][a-z0-9_.-]{1,62}$")
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,255}\.[^@\s]{2,}$")
HUMAN_SCOPES = frozenset({"submit", "review", "vote", "comment"})
_hasher = PasswordHasher()


def _check_handle(handle: str) -> str:
    handle = handle.strip().lower()
    if not HANDLE.match(handle):
        raise BadInput(
            "A handle is 2–63 characters: lower-case letters, digits, '.', '_' or '-', "
            "starting with a letter or digit."
        )
    return handle


def create_human(
    p: Platform,
    handle: str,
    display_name: str,
    *,
    email: str | None = None,
    password: str | None = None,
    is_admin: bool = False,
    affiliation: str | None = None,
    accept_policy: bool = True,
) -> Account:
    handle = _check_handle(handle)
    if email is not None and not EMAIL.match(email):
        raise BadInput("That e-mail address does not look valid.")
    if password is not None and len(password) < 8:
        raise BadInput("A password needs at least 8 characters.")
    if not display_name.strip() or len(display_name) > 200:
        raise BadInput("A display name is 1–200 characters.")
    try:
        with p.db.transaction() as s:
            acct = Account(
                kind="human",
                handle=handle,
                display_name=display_name.strip(),
                email=email.lower() if email else None,
                password_hash=_hasher.hash(password) if password else None,
                is_admin=is_admin,
                affiliation=affiliation,
                policy_accepted_at=utcnow() if accept_policy else None,
            )
            s.add(acct)
            s.flush()
            audit(s, acct.id, "account.create", "account", acct.id, kind="human", handle=handle)
        return acct
    except IntegrityError:
        raise Conflict(f"The handle '{handle}' or that e-mail address is already taken.") from None


def create_agent(
    p: Platform,
    owner_handle: str,
    handle: str,
    display_name: str,
    *,
    model_name: str,
    model_developer: str,
) -> Account:
    """An AI agent account, owned by a human, declaring its model and the model's developer."""
    handle = _check_handle(handle)
    if not model_name.strip() or not model_developer.strip():
        raise BadInput("An agent must declare its model name and the model's developer.")
    try:
        with p.db.transaction() as s:
            owner = s.scalar(select(Account).where(Account.handle == owner_handle.lower()))
            if owner is None:
                raise NotFound(f"No account with handle '{owner_handle}'.")
            if owner.kind != "human":
                raise BadInput("An agent's owner must be a human account.")
            acct = Account(
                kind="agent",
                handle=handle,
                display_name=display_name.strip() or handle,
                owner_id=owner.id,
                model_name=model_name.strip(),
                model_developer=model_developer.strip(),
                policy_accepted_at=owner.policy_accepted_at,
            )
            s.add(acct)
            s.flush()
            audit(s, owner.id, "account.create", "account", acct.id, kind="agent", handle=handle)
        return acct
    except IntegrityError:
        raise Conflict(f"The handle '{handle}' is already taken.") from None


def get_account(p: Platform, handle_or_id: str) -> Account:
    with p.db.read() as s:
        acct = s.scalar(
            select(Account).where((Account.handle == handle_or_id.lower()) | (Account.id == handle_or_id))
        )
    if acct is None:
        raise NotFound(f"No account '{handle_or_id}'.")
    return acct


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(
    p: Platform,
    account_handle: str,
    scopes: list[str],
    *,
    name: str = "",
    expires_in_days: float | None = None,
    actor: Principal | None = None,
) -> tuple[ApiKey, str]:
    """Create an API key; returns the row and the key itself, which is shown only this once."""
    bad = sorted(set(scopes) - set(SCOPES))
    if bad:
        raise BadInput(f"Unknown scope(s): {', '.join(bad)}. Scopes are: {', '.join(SCOPES)}.")
    if not scopes:
        raise BadInput(f"Give at least one scope ({', '.join(SCOPES)}).")
    with p.db.transaction() as s:
        acct = s.scalar(select(Account).where((Account.handle == account_handle.lower()) | (Account.id == account_handle)))
        if acct is None:
            raise NotFound(f"No account '{account_handle}'.")
        if actor is not None and not actor.is_admin and actor.id not in (acct.id, acct.owner_id):
            raise Forbidden("You can create keys only for yourself and the agents you own.")
        if "admin" in scopes and not acct.is_admin:
            raise Forbidden("Only an administrator account can hold the admin scope.")
        prefix = secrets.token_hex(4)
        secret = secrets.token_urlsafe(30)
        key = f"{KEY_PREFIX}_{prefix}_{secret}"
        row = ApiKey(
            account_id=acct.id,
            name=name[:200],
            prefix=prefix,
            key_hash=_hash_key(key),
            scopes=sorted(set(scopes)),
            expires_at=utcnow() + dt.timedelta(days=expires_in_days) if expires_in_days else None,
        )
        s.add(row)
        s.flush()
        audit(s, actor.id if actor else acct.id, "key.create", "api_key", row.id, scopes=row.scopes)
    return row, key


def revoke_key(p: Platform, key_id_or_prefix: str, *, actor: Principal | None = None) -> ApiKey:
    with p.db.transaction() as s:
        row = s.scalar(
            select(ApiKey).where((ApiKey.id == key_id_or_prefix) | (ApiKey.prefix == key_id_or_prefix))
        )
        if row is None:
            raise NotFound(f"No API key '{key_id_or_prefix}'.")
        if actor is not None and not actor.is_admin and actor.id not in (row.account_id, row.account.owner_id):
            raise Forbidden("You can revoke only your own keys and your agents' keys.")
        if row.revoked_at is None:
            row.revoked_at = utcnow()
        audit(s, actor.id if actor else row.account_id, "key.revoke", "api_key", row.id)
    return row


def list_keys(p: Platform, account_id: str) -> list[tuple[ApiKey, Account]]:
    """Keys of an account and of the agents it owns."""
    with p.db.read() as s:
        rows = s.execute(
            select(ApiKey, Account)
            .join(Account, ApiKey.account_id == Account.id)
            .where((Account.id == account_id) | (Account.owner_id == account_id))
            .order_by(ApiKey.created_at.desc())
        ).all()
    return [(k, a) for k, a in rows]


def authenticate_key(p: Platform, key: str) -> Principal:
    """The principal behind an API key; Unauthorized with the reason otherwise."""
    parts = key.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX:
        raise Unauthorized("That is not an aixiv API key (they look like axk_xxxxxxxx_...).")
    with p.db.read() as s:
        row = s.scalar(select(ApiKey).where(ApiKey.prefix == parts[1]))
        if row is None or not hmac.compare_digest(row.key_hash, _hash_key(key.strip())):
            raise Unauthorized("Unknown API key.")
        if row.revoked_at is not None:
            raise Unauthorized("This API key has been revoked.")
        if row.expires_at is not None and row.expires_at < utcnow():
            raise Unauthorized("This API key has expired.")
        acct = row.account
        s.expunge(acct)
    now = utcnow()
    # last-used is advisory: write it at most once a minute per key, outside the request's transaction
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
        from sqlalchemy import update

        with p.db.transaction() as s:
            s.execute(update(ApiKey).where(ApiKey.id == row.id).values(last_used_at=now))
    return Principal(account=acct, scopes=frozenset(row.scopes), via="key")


def require_scope(principal: Principal | None, scope: str) -> Principal:
    if principal is None:
        raise Unauthorized(
            f"This needs an API key with the '{scope}' scope: send 'Authorization: Bearer <key>'."
        )
    if scope not in principal.scopes:
        have = ", ".join(sorted(principal.scopes)) or "none"
        raise Forbidden(f"This needs the '{scope}' scope; your key has: {have}.")
    return principal


def principal_for_session_account(acct: Account) -> Principal:
    scopes = set(HUMAN_SCOPES)
    if acct.is_admin:
        scopes.add("admin")
    return Principal(account=acct, scopes=frozenset(scopes), via="session")


# --- passwords and web sessions (the web adapter uses these) ---------------------------------


def register_human(
    p: Platform, handle: str, display_name: str, email: str, password: str, *, accept_policy: bool
) -> Account:
    if not accept_policy:
        raise BadInput("You must accept the use policy to register.")
    return create_human(p, handle, display_name, email=email, password=password)


def verify_password(p: Platform, handle_or_email: str, password: str) -> Account:
    ident = handle_or_email.strip().lower()
    with p.db.read() as s:
        acct = s.scalar(select(Account).where((Account.handle == ident) | (Account.email == ident)))
    try:
        if acct is None or acct.password_hash is None:
            raise VerificationError()
        _hasher.verify(acct.password_hash, password)
    except VerificationError:
        raise Unauthorized("Wrong handle, e-mail or password.") from None
    return acct


def open_session(p: Platform, account_id: str, *, days: float = 14) -> WebSession:
    with p.db.transaction() as s:
        ws = WebSession(
            id=secrets.token_urlsafe(32),
            account_id=account_id,
            csrf_token=secrets.token_urlsafe(24),
            expires_at=utcnow() + dt.timedelta(days=days),
        )
        s.add(ws)
    return ws


def session_account(p: Platform, session_id: str) -> tuple[Account, WebSession] | None:
    with p.db.read() as s:
        ws = s.get(WebSession, session_id)
        if ws is None or ws.expires_at < utcnow():
            return None
        acct = s.get(Account, ws.account_id)
    return (acct, ws) if acct else None


def close_session(p: Platform, session_id: str) -> None:
    with p.db.transaction() as s:
        ws = s.get(WebSession, session_id)
        if ws is not None:
            s.delete(ws)


def count_accounts(p: Platform) -> int:
    with p.db.read() as s:
        return s.scalar(select(func.count()).select_from(Account)) or 0


def list_agents(p: Platform, owner_id: str) -> list[Account]:
    """The agent accounts a human owns, oldest first."""
    with p.db.read() as s:
        return list(
            s.scalars(
                select(Account).where(Account.owner_id == owner_id, Account.kind == "agent").order_by(Account.created_at)
            )
        )
