"""Who may do what at the desk: heads, curators, block heads in full; operators read."""

from __future__ import annotations

from cur_desktop.desk.rights import desk_rights
from cur_desktop.domain.enums import Role


def test_heads_curators_and_block_heads_report_operators_only_read() -> None:
    for role in (Role.CUR_HEAD, Role.THEME_HEAD, Role.CURATOR):
        rights = desk_rights(role)
        assert rights.may_open
        assert rights.may_report
        assert not rights.read_only
    for role in (Role.OPERATOR, Role.MUNICIPAL_OPERATOR):
        rights = desk_rights(role)
        assert rights.may_open
        assert rights.read_only
        assert not rights.may_report
        assert not rights.may_load_methodology
    assert not desk_rights(Role.WALL).may_open


def test_only_the_head_of_the_cur_loads_the_methodology() -> None:
    assert [r for r in Role if desk_rights(r).may_load_methodology] == [Role.CUR_HEAD]
