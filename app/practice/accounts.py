"""Accounts as entry points see them: add one, list them, change a password. The queries live in the store;
this is where the CLI and the UI find them, so that neither reaches into the store itself."""

from __future__ import annotations

from app.store.accounts import (
    AccountError,
    AccountView,
    Role,
    add_account,
    get_account,
    list_accounts,
    set_password,
)

__all__ = [
    "AccountError",
    "AccountView",
    "Role",
    "add_account",
    "get_account",
    "list_accounts",
    "set_password",
]
