"""The command-line interface: a thin layer over the library (read → extract → render).

Commands live in their own modules and register themselves on :data:`app`; they are
imported at the bottom of this file. One error handler (:class:`FactsheetGroup`) turns
library errors into one line on stderr and an exit code (see :class:`factsheet.errors.ExitCode`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ..errors import ExitCode, FactsheetError
from . import console
from .signals import exit_on_sigterm


class FactsheetGroup(TyperGroup):
    """The root command group, with factsheet's error handling around every command."""

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
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"{console.PROG} {__version__}")
        raise typer.Exit()


VersionOpt = Annotated[
    bool,
    typer.Option("--version", callback=_version, is_eager=True,
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


# Commands register themselves on `app` when imported.
from . import dates_cmd, sheet_cmds  # noqa: E402, F401
