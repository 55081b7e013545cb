"""Suggestions from the region's own history: category path, municipality, responsible body.

:mod:`~cur_desktop.suggest.model` trains and scores (scikit-learn on lemmas),
:mod:`~cur_desktop.suggest.places` finds the municipality in an address or a text,
:mod:`~cur_desktop.suggest.evaluate` measures top-1 / top-3 on a time split,
:mod:`~cur_desktop.suggest.macros` reads the region's triage macros. The central
service trains and stores the models (``cur_desktop.central.suggest``); the console
only reads the :class:`~cur_desktop.domain.suggestions.Suggestions` an appeal carries.

Qt-free.
"""
