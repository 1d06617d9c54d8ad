"""The assessment engine: papers, answer keys, grading, shuffling, the timer and attempts.

Pure: no Qt, no database, no clock read except `timer.system_clocks()`. Callers persist
`attempt.AttemptState` (see `attempt.state_to_dict`) and pass the clocks in, so every rule here
is testable with injected time.

Grades made on the device are provisional: the platform re-grades every attempt from its
recorded responses (see `content_cache.sealing` for why a local grade cannot be final).
"""
