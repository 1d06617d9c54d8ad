"""Talks to the central platform: xAPI statements up, history down, when it can be reached.

No Qt, and storage-agnostic: `push` works on an `OutboxPort` the app implements on the
learner's encrypted database; `pull` yields statements for the app to merge; `Reachability`
probes with backoff; `SyncStatus` is what the window shows. From the app this package may use
only its foundation (errors, i18n, fsutil).
"""
