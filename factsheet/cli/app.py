"""The command-line interface: a thin layer over the library (read → extract → render).

Commands live in their own modules and register themselves on :data:`app`. They are loaded
lazily: :data:`COMMANDS` names the module of each, and a run imports and builds only the
command it runs (``factsheet --help`` and shell completion list them all). One error handler
(:class:`FactsheetGroup`) turns library errors into one line on stderr and an exit code (see
:class:`factsheet.errors.ExitCode`).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterator, Mapping, MutableMapping, Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from ..errors import ExitCode, FactsheetError
from . import console
from .params import FactsheetCommand, plain_conversions
from .signals import exit_on_sigterm

COMMANDS: dict[str, str] = {
    "dates": "dates_cmd",
    "sheet": "sheet_cmds",
    "summary": "sheet_cmds",
    "timeline": "sheet_cmds",
    "countdown": "sheet_cmds",
    "convert": "sheet_cmds",
}
"""Every command, in the order ``--help`` lists them, and the module of ``factsheet.cli``
that defines it (with ``@app.command()``)."""


class LazyCommands(MutableMapping[str, Any]):
    """The commands of the group, each imported and built the first time it is looked up.

    Names, membership and iteration never import anything; ``commands["dates"]`` imports
    :mod:`factsheet.cli.dates_cmd` and builds the command from its ``@app.command()``.
    """

    def __init__(self, built: Mapping[str, Any]) -> None:
        self._built: dict[str, Any] = {}
        for name, command in built.items():
            self[name] = command

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self[name] = _build(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        plain_conversions(command.params)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        yield from COMMANDS
        yield from (name for name in self._built if name not in COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS) + sum(1 for name in self._built if name not in COMMANDS)

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self._built


def _build(name: str) -> Any:
    """Import the module of command ``name`` and build its click command."""
    from typer.main import get_command_from_info, get_command_name

    importlib.import_module(f"{__package__}.{COMMANDS[name]}")
    for info in app.registered_commands:
        callback = info.callback
        if (info.name or get_command_name(getattr(callback, "__name__", ""))) == name:
            if info.cls is None or info.cls is TyperCommand:
                info.cls = FactsheetCommand
            return get_command_from_info(info, pretty_exceptions_short=app.pretty_exceptions_short,
                                         rich_markup_mode=app.rich_markup_mode)
    raise AssertionError(f"module {COMMANDS[name]} defines no command {name!r}")


class FactsheetGroup(TyperGroup):
    """The root command group, with factsheet's error handling around every command."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        # Typer builds the commands of modules imported before the run (by a test, say) as
        # plain TyperCommands: those in COMMANDS are built again, lazily, as ours.
        self.commands = LazyCommands({name: command for name, command in self.commands.items()
                                      if name not in COMMANDS})

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)  # with --help, made on demand
        plain_conversions(params)
        return params

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except FactsheetError as e:
            console.error(e.message, hint=e.hint)
            raise typer.Exit(int(e.exit_code)) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(int(ExitCode.BROKEN_PIPE)) from None
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except Exception as e:
            if os.environ.get("FACTSHEET_DEBUG"):
                raise
            console.error(
                f"internal error: {type(e).__name__}: {e}",
                hint="this is a bug, please report it; FACTSHEET_DEBUG=1 shows the traceback",
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            with exit_on_sigterm():  # SIGTERM cleans up as Ctrl-C does, then exits 143
                code = super().main(
                    args, prog_name or console.PROG, complete_var, standalone_mode=False,
                    **extra,
                )
        except typer.Abort:
            code = int(ExitCode.INTERRUPTED)
        except typer.TyperException as e:  # bad usage caught by the option parser
            where = getattr(getattr(e, "ctx", None), "command_path", console.PROG)
            console.error(f"{e.format_message()} (see '{where} --help')")
            code = getattr(e, "exit_code", int(ExitCode.USAGE))
        except KeyboardInterrupt:
            code = int(ExitCode.INTERRUPTED)
        if not isinstance(code, int):
            code = 0
        if standalone_mode:
            sys.exit(code)
        return code


def _silence_stdout() -> None:
    """After a broken pipe, send what is left of stdout to /dev/null (no error at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


app = typer.Typer(
    cls=FactsheetGroup,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__
        from ..dates import compiled

        # as black and mypy say it: whether the engine is the compiled build
        typer.echo(f"{console.PROG} {__version__} (compiled: {'yes' if compiled() else 'no'})")
        raise typer.Exit()


VersionOpt = Annotated[
    bool,
    typer.Option("--version", "-V", callback=_version, is_eager=True,
                 help="Show the version and exit."),
]


@app.callback(invoke_without_command=True)
def main(ctx: typer.Context, version: VersionOpt = False) -> None:
    """factsheet: Arabic news articles into trustworthy fact sheets.

    With no command, shows the fact sheet of the seed article shipped with factsheet.
    Exit codes: 0 ok, 1 some articles failed, 2 usage, 3 input/output, 4 encoding,
    130 interrupted, 141 output pipe closed.
    """
    if ctx.invoked_subcommand is None:
        _run_default(ctx)


def _run_default(ctx: typer.Context) -> None:
    """Run ``sheet`` (else ``dates``) on the embedded seed article."""
    from ..sources.io import seed_path

    group = ctx.command
    assert isinstance(group, TyperGroup)
    name = "sheet" if group.get_command(ctx, "sheet") is not None else "dates"
    command = group.get_command(ctx, name)
    assert command is not None, "no default command registered"
    with command.make_context(name, [str(seed_path())], parent=ctx) as sub:
        command.invoke(sub)


def run() -> None:
    """Entry point of the console script and ``python -m factsheet``."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(int(ExitCode.INTERRUPTED))

