"""The date engine: normalise, tag, compose and resolve every temporal expression of a text,
and infer the article's own date. Pure functions of their inputs; the clock is never read."""


def compiled() -> bool:
    """Is the engine the compiled build (its modules are mypyc extension modules) rather
    than its Python source? Found without importing the engine."""
    from importlib.machinery import EXTENSION_SUFFIXES
    from importlib.util import find_spec

    spec = find_spec(f"{__name__}.tag")
    return bool(spec and spec.origin and spec.origin.endswith(tuple(EXTENSION_SUFFIXES)))
