"""Who may do what at the head's desk (issue 16: heads, curators, block heads; read-only
for operators).

Everybody who works in the console may look at the figures and ratings and open the
appeals behind them (the queue still shows only what their scope lets them see);
reports are written by the heads of the ЦУР, block heads and curators; the region's
methodology is loaded by the head of the ЦУР only (the service refuses anyone else,
:mod:`cur_desktop.central.methodology_api`). The wall has no desk. Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass

from cur_desktop.domain.enums import Role

#: The desk's full users: they write reports.
REPORTERS = frozenset({Role.CUR_HEAD, Role.THEME_HEAD, Role.CURATOR})


@dataclass(frozen=True, slots=True)
class DeskRights:
    may_open: bool
    may_report: bool
    may_load_methodology: bool

    @property
    def read_only(self) -> bool:
        return self.may_open and not self.may_report


def desk_rights(role: Role) -> DeskRights:
    opens = role not in (Role.WALL, Role.SYSTEM)
    return DeskRights(
        may_open=opens,
        may_report=role in REPORTERS,
        may_load_methodology=role is Role.CUR_HEAD,
    )
