"""Entry point: `python -m nlu <command>`."""

from nlu.cli import main

raise SystemExit(main())
