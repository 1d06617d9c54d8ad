"""Karmayogi Offline's domain core: plain Python, no Qt.

Profiles and their keys, the encrypted per-profile store, settings, errors and the `kyo`
command line live here. The UI (`ui/`) drives it through `app.core.Core`.
"""

__version__ = "0.1.0"
