"""``python -m factsheet`` and the ``factsheet`` console script."""

from __future__ import annotations


def main() -> None:
    from .cli.app import run

    run()


if __name__ == "__main__":
    main()
