"""The time limit holds across restarts and reboots, and against a clock set back."""

from __future__ import annotations

import time

import pytest

from app.assessment import timer
from app.assessment.timer import Checkpoint, Clocks
from tests.assessment.conftest import Machine

LIMIT = 600


def used(checkpoint: Checkpoint, machine: Machine) -> float:
    return timer.elapsed_at(checkpoint, machine.now())


def test_time_counts_while_open(machine: Machine) -> None:
    start = timer.begin(machine.now())
    machine.wait(120)
    assert used(start, machine) == 120
    assert timer.remaining_s(start, LIMIT, machine.now()) == 480
    assert not timer.expired(start, LIMIT, machine.now())
    machine.wait(480)
    assert timer.expired(start, LIMIT, machine.now())
    assert timer.remaining_s(start, LIMIT, machine.now()) == 0
    assert timer.remaining_s(start, None, machine.now()) is None
    assert not timer.expired(start, None, machine.now())


def test_a_restart_in_the_same_boot_counts_the_time_closed(machine: Machine) -> None:
    saved = timer.checkpoint(timer.begin(machine.now()), machine.now())
    machine.wait(100)
    saved = timer.checkpoint(saved, machine.now())  # the app saves, then quits
    machine.wait(300)  # closed for five minutes
    restored = Checkpoint.from_dict(saved.to_dict())  # started again: read back from storage
    assert used(restored, machine) == 400


def test_setting_the_clock_back_in_session_buys_nothing(machine: Machine) -> None:
    start = timer.begin(machine.now())
    machine.wait(200)
    machine.set_wall(-3600)
    assert used(start, machine) == 200
    saved = timer.checkpoint(start, machine.now())
    machine.wait(50)
    machine.set_wall(-86400)
    assert used(saved, machine) == 250


def test_setting_the_clock_back_while_closed_buys_nothing(machine: Machine) -> None:
    saved = timer.checkpoint(timer.begin(machine.now()), machine.now())
    machine.wait(100)
    saved = timer.checkpoint(saved, machine.now())
    machine.wait(300)
    machine.set_wall(-1000)  # closed, then the clock set back before starting again
    assert used(saved, machine) == 400


def test_setting_the_clock_forward_in_session_costs_nothing(machine: Machine) -> None:
    start = timer.begin(machine.now())
    machine.wait(10)
    machine.set_wall(+3600)
    assert used(start, machine) == 10


def test_a_reboot_counts_the_wall_time_it_took(machine: Machine) -> None:
    saved = timer.checkpoint(timer.begin(machine.now()), machine.now())
    machine.wait(100)
    saved = timer.checkpoint(saved, machine.now())
    machine.reboot(off_s=90)  # 90 s off, 30 s booting
    assert used(saved, machine) == 220


def test_a_reboot_with_the_clock_set_back_adds_nothing(machine: Machine) -> None:
    saved = timer.checkpoint(timer.begin(machine.now()), machine.now())
    machine.wait(100)
    saved = timer.checkpoint(saved, machine.now())
    machine.reboot(off_s=600)
    machine.set_wall(-7200)
    assert used(saved, machine) == 100  # adds nothing, and never subtracts
    # Counting resumes from the new boot.
    resumed = timer.checkpoint(saved, machine.now())
    machine.wait(60)
    assert used(resumed, machine) == 160


def test_elapsed_never_decreases(machine: Machine) -> None:
    checkpoint = timer.begin(machine.now())
    seen = [0.0]
    steps = [
        lambda: machine.wait(30),
        lambda: machine.set_wall(-500),
        machine.reboot,
        lambda: machine.set_wall(-50_000),
        lambda: machine.wait(5),
        lambda: machine.set_wall(+40),
        machine.reboot,
    ]
    for step in steps:
        step()
        checkpoint = timer.checkpoint(checkpoint, machine.now())
        seen.append(checkpoint.elapsed_s)
    assert seen == sorted(seen)


def test_a_boot_clock_that_went_backwards_subtracts_nothing() -> None:
    saved = timer.begin(Clocks(1000.0, 500.0, "b"))
    assert timer.elapsed(saved, 1000.0, 400.0, "b") == 0


def test_system_clocks_are_sane() -> None:
    first = timer.system_clocks()
    second = timer.system_clocks()
    assert first.boot_id == second.boot_id and first.boot_id
    assert second.boottime >= first.boottime
    assert abs(first.wall - time.time()) < 5


@pytest.mark.skipif(not hasattr(time, "CLOCK_BOOTTIME"), reason="Linux only")
def test_on_linux_the_boot_clock_and_id_are_the_kernels() -> None:
    clocks = timer.system_clocks()
    assert clocks.boot_id == timer.BOOT_ID_FILE.read_text().strip()
    assert abs(clocks.boottime - time.clock_gettime(time.CLOCK_BOOTTIME)) < 5
