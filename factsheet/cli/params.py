"""How factsheet's command-line parameters are converted and shown.

**Conversion without pydantic.** Typer (0.29) converts every parameter value through a
pydantic ``TypeAdapter``, built when the parameter is first processed; importing pydantic
and building the adapters of one command cost about 80 ms at every start, more than the
engine's own start. factsheet's parameters are all plain (``str``, ``bool``, ``int`` with
bounds, ``list[str]``), so :func:`plain_conversions` gives each such parameter a converter
of a few lines instead. Any other kind of parameter (an Enum, a Path, a custom parser) keeps
Typer's own conversion, and so does everything if Typer's internals change (the hook is
optional: the result is then only slower, never different).

**Help without Python types.** :class:`FactsheetCommand` shows arguments as ``FILE|-``,
``PATH...`` or ``DATE`` (never ``PATH <list[str]>`` or ``{DATE}``), writes usage lines in
the usual form (``[FILE|-]`` for an optional argument) and lists commands by their whole
first sentence, wrapped rather than cut with ``...``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand

try:  # Typer's per-parameter conversion contract (typer >= 0.29)
    from typer._coercion import RuntimeParam as _RuntimeParam
except ImportError:  # pragma: no cover - another Typer: its own conversion is used
    _RuntimeParam = None  # type: ignore[assignment,misc]

_TRUE = frozenset({"1", "true", "t", "yes", "y", "on"})
_FALSE = frozenset({"0", "false", "f", "no", "n", "off", ""})


def _to_str(value: Any) -> str:
    if isinstance(value, bytes):
        return os.fsdecode(value)
    return str(value)


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = _to_str(value).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(f"{value!r} is not a valid boolean")


def _to_int(low: float | None, high: float | None) -> Callable[[Any], int]:
    def convert(value: Any) -> int:
        if isinstance(value, bool):
            raise ValueError(f"{value!r} is not a valid integer")
        if isinstance(value, int):
            number = value
        else:
            try:
                number = int(_to_str(value).strip())
            except ValueError:
                raise ValueError(f"{value!r} is not a valid integer") from None
        if (low is not None and number < low) or (high is not None and number > high):
            bound = (f"{low} to {high}" if low is not None and high is not None
                     else f">= {low}" if low is not None else f"<= {high}")
            raise ValueError(f"{number} is not in the range {bound}")
        return number

    return convert


def _to_str_list(value: Any) -> list[str]:
    items = value if isinstance(value, (list, tuple)) else [value]
    return [_to_str(item) for item in items]


def _converter(param: Any) -> Callable[[Any], Any] | None:
    """A plain converter for ``param``, or None when Typer's own conversion is needed."""
    try:
        descriptor = param.type_descriptor
        info = descriptor.parameter_info
        if param._runtime_param is not None:  # already converted, by us or by Typer
            return None
        if (descriptor.file_annotation is not None or info.parser is not None
                or info.path_type is not None or descriptor.is_choice):
            return None
        annotation = descriptor.annotation
        low, high = info.min, info.max
    except AttributeError:  # not a Typer parameter, or other Typer internals
        return None
    if annotation is str:
        return _to_str
    if annotation is bool:
        return _to_bool
    if annotation is int:
        return _to_int(low, high)
    if annotation == list[str]:
        return _to_str_list
    return None


if _RuntimeParam is not None:

    @dataclass(frozen=True)
    class _PlainParam(_RuntimeParam):
        """Typer's runtime-conversion contract, fulfilled by a plain function."""

        convert: Callable[[Any], Any]

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.convert(value)
            except ValueError as e:
                raise typer.BadParameter(str(e), ctx=ctx, param=param) from None


def plain_conversions(params: Iterable[Any]) -> None:
    """Give each plain parameter of a command a converter that needs no pydantic."""
    if _RuntimeParam is None:  # pragma: no cover - another Typer
        return
    for param in params:
        convert = _converter(param)
        if convert is not None:
            descriptor = param.type_descriptor
            param._runtime_param = _PlainParam(descriptor.parameter_info,
                                               descriptor.annotation, convert)


def argument_name(param: Any) -> str:
    """An argument as help shows it: its metavar (``FILE|-``), ``...`` when it takes many."""
    name = param.metavar or (param.name or "").upper()
    return name + ("..." if param.nargs != 1 else "")


def argument_usage(param: Any) -> str:
    """An argument in a usage line: ``DATE``, ``[FILE|-]`` or ``[PATH]...``."""
    name = param.metavar or (param.name or "").upper()
    if not param.required:
        name = f"[{name}]"
    return name + ("..." if param.nargs != 1 else "")


class FactsheetCommand(TyperCommand):
    """A command whose help names arguments without Python types and cuts no sentence."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)  # with --help, made on demand
        plain_conversions(params)
        return params

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                pieces.append(argument_usage(param))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        args: list[tuple[str, str]] = []
        opts: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                if not param.hidden:
                    args.append((argument_name(param), param.help or ""))
                continue
            record = param.get_help_record(ctx)
            if record is not None:
                opts.append(record)
        for title, rows in (("Arguments", args), ("Options", opts)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first sentence of the help, whole: the list of commands wraps it."""
        return first_sentence(self.short_help or self.help or "")


def first_sentence(text: str) -> str:
    """The first sentence of a help text's first paragraph, on one line."""
    words = text.split("\n\n", 1)[0].split()
    for i, word in enumerate(words):
        if word.endswith("."):
            return " ".join(words[: i + 1])
    return " ".join(words)
