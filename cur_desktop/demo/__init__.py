"""Demo data: plausible appeals for trying the product and for load tests.

``texts`` composes the Russian titles and texts (from ``resources/demo/texts_ru.json``)
and fictional authors; the generator builds appeals and their histories from them.
"""
