"""Role checks: the dependency that guards admin-only routes lets only the named roles through."""

from __future__ import annotations

import pytest

from server.accounts import CurrentUser
from server.deps import require_role
from server.errors import Forbidden


def user(role: str) -> CurrentUser:
    return CurrentUser(id=1, username="ali", role=role, token_id=1, pair_id="p")


def test_require_role_lets_the_named_roles_through() -> None:
    check = require_role("admin", "field_staff")

    assert check(user("admin")).role == "admin"
    assert check(user("field_staff")).role == "field_staff"


def test_require_role_refuses_other_roles_with_403() -> None:
    with pytest.raises(Forbidden) as refused:
        require_role("admin")(user("member"))

    assert refused.value.status_code == 403 and refused.value.code == "forbidden"
