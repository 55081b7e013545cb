"""Staff names by login, as the central service sends them with the region.

The sync keeps ``GET /region``'s ``people`` document (``{"names": {login: name}}``)
in the cache's dictionaries table; screens show «Анна Смирнова» where an appeal or
its history says ``operator11``. A login the document does not know is shown as it
is. Qt-free; any thread.
"""

from __future__ import annotations

from cur_desktop.cache import Cache

PEOPLE_DOCUMENT = "people"


def people_names(cache: Cache) -> dict[str, str]:
    """Login → display name of every user the service told the cache about."""
    doc = cache.load_dictionaries(PEOPLE_DOCUMENT) or {}
    names = doc.get("names")
    if not isinstance(names, dict):
        return {}
    return {str(k): str(v) for k, v in names.items() if isinstance(v, str) and v.strip()}


def name_of(names: dict[str, str], login: str) -> str:
    """The person's name, or the login itself when it is not known."""
    return names.get(login, login) if login else ""
