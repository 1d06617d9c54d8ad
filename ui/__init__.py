"""The desktop window (PySide6). Talks to the core (`app`) only through `ui.ops`."""
