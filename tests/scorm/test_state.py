"""The API state machine and its error codes, for both versions."""

from __future__ import annotations

import pytest

from app.scorm.datamodel import DataModel
from tests.scorm.helpers import NAMES, Sco, running

# (operation, args, result when refused, 1.2 code before init, 2004 code before init)
BEFORE_INIT = [
    ("finish", ("",), "false", 301, 112),
    ("get", ("cmi.suspend_data",), "", 301, 122),
    ("set", ("cmi.suspend_data", "x"), "false", 301, 132),
    ("commit", ("",), "false", 301, 142),
]
AFTER_FINISH = [
    ("finish", ("",), "false", 301, 113),
    ("get", ("cmi.suspend_data",), "", 301, 123),
    ("set", ("cmi.suspend_data", "x"), "false", 301, 133),
    ("commit", ("",), "false", 301, 143),
]


def test_a_new_runtime_is_not_initialized() -> None:
    for version in ("1.2", "2004"):
        sco = Sco(version)
        assert (sco.rt.version, sco.rt.state, sco.rt.new_attempt) == (
            version,
            "not_initialized",
            True,
        )
        assert sco.error() == 0


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_initialize_starts_the_session(version: str) -> None:
    sco = Sco(version)
    assert sco.init() == "true"
    assert (sco.rt.state, sco.error()) == ("running", 0)


@pytest.mark.parametrize(("version", "code"), [("1.2", 101), ("2004", 103)])
def test_initialize_twice(version: str, code: int) -> None:
    sco = running(version)
    assert sco.init() == "false"
    assert sco.error() == code
    assert sco.rt.state == "running"


@pytest.mark.parametrize(("version", "code"), [("1.2", 101), ("2004", 104)])
def test_initialize_after_finish(version: str, code: int) -> None:
    sco = running(version)
    assert sco.finish() == "true"
    assert sco.init() == "false"
    assert sco.error() == code
    assert sco.rt.state == "terminated"


@pytest.mark.parametrize("version", ["1.2", "2004"])
@pytest.mark.parametrize("op", ["init", "finish", "commit"])
def test_the_argument_must_be_empty(version: str, op: str) -> None:
    sco = Sco(version) if op == "init" else running(version)
    assert sco.api(op, "x") == "false"
    assert sco.error() == 201
    expected = "not_initialized" if op == "init" else "running"
    assert sco.rt.state == expected


@pytest.mark.parametrize(("op", "args", "refused", "code12", "code2004"), BEFORE_INIT)
@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_calls_before_initialize(
    version: str, op: str, args: tuple[str, ...], refused: str, code12: int, code2004: int
) -> None:
    sco = Sco(version)
    assert sco.api(op, *args) == refused
    assert sco.error() == (code12 if version == "1.2" else code2004)
    assert sco.rt.state == "not_initialized"


@pytest.mark.parametrize(("op", "args", "refused", "code12", "code2004"), AFTER_FINISH)
@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_calls_after_finish(
    version: str, op: str, args: tuple[str, ...], refused: str, code12: int, code2004: int
) -> None:
    sco = running(version)
    assert sco.finish() == "true"
    assert sco.api(op, *args) == refused
    assert sco.error() == (code12 if version == "1.2" else code2004)


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_a_successful_call_clears_the_error(version: str) -> None:
    sco = running(version)
    assert sco.get("cmi.nonsense") == ""
    assert sco.error() == 401
    assert sco.commit() == "true"
    assert sco.error() == 0


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_error_functions_leave_the_last_error_alone(version: str) -> None:
    sco = running(version)
    sco.get("cmi.nonsense")
    assert sco.api("string", "401") != ""
    assert sco.api("diagnostic", "401") != ""
    assert sco.api("error") == "401"
    assert sco.error() == 401


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_diagnostic_explains_the_last_error(version: str) -> None:
    sco = running(version)
    sco.get("cmi.nonsense")
    assert "cmi.nonsense" in sco.api("diagnostic", "")
    assert "cmi.nonsense" in sco.api("diagnostic", "401")
    # Another code: its standard string.
    assert sco.api("diagnostic", "101") == sco.api("string", "101")


@pytest.mark.parametrize("version", ["1.2", "2004"])
@pytest.mark.parametrize("code", ["", "999", "abc", "-1"])
def test_unknown_codes_have_empty_strings(version: str, code: str) -> None:
    sco = Sco(version)
    assert sco.api("string", code) == ""


ERRORS_12 = {
    "0": "No error",
    "101": "General exception",
    "201": "Invalid argument error",
    "202": "Element cannot have children",
    "203": "Element not an array - cannot have count",
    "301": "Not initialized",
    "401": "Not implemented error",
    "402": "Invalid set value, element is a keyword",
    "403": "Element is read only",
    "404": "Element is write only",
    "405": "Incorrect data type",
}
ERRORS_2004 = {
    "0": "No Error",
    "101": "General Exception",
    "102": "General Initialization Failure",
    "103": "Already Initialized",
    "104": "Content Instance Terminated",
    "111": "General Termination Failure",
    "112": "Termination Before Initialization",
    "113": "Termination After Termination",
    "122": "Retrieve Data Before Initialization",
    "123": "Retrieve Data After Termination",
    "132": "Store Data Before Initialization",
    "133": "Store Data After Termination",
    "142": "Commit Before Initialization",
    "143": "Commit After Termination",
    "201": "General Argument Error",
    "301": "General Get Failure",
    "351": "General Set Failure",
    "391": "General Commit Failure",
    "401": "Undefined Data Model Element",
    "402": "Unimplemented Data Model Element",
    "403": "Data Model Element Value Not Initialized",
    "404": "Data Model Element Is Read Only",
    "405": "Data Model Element Is Write Only",
    "406": "Data Model Element Type Mismatch",
    "407": "Data Model Element Value Out Of Range",
    "408": "Data Model Dependency Not Established",
}


@pytest.mark.parametrize(("code", "text"), ERRORS_12.items())
def test_error_strings_12(code: str, text: str) -> None:
    assert Sco("1.2").api("string", code) == text


@pytest.mark.parametrize(("code", "text"), ERRORS_2004.items())
def test_error_strings_2004(code: str, text: str) -> None:
    assert Sco("2004").api("string", code) == text


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_unknown_method(version: str) -> None:
    sco = running(version)
    other = NAMES["2004" if version == "1.2" else "1.2"]["get"]
    assert sco.rt.call(other, "cmi.suspend_data") == "false"
    assert sco.error() == 101


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_missing_arguments_count_as_empty(version: str) -> None:
    sco = Sco(version)
    assert sco.rt.call(sco.names["init"]) == "true"
    assert sco.rt.call(sco.names["get"]) == ""
    assert sco.error() == (201 if version == "1.2" else 301)
    assert sco.rt.call(sco.names["finish"]) == "true"


def test_non_strings_are_read_as_javascript_would_write_them() -> None:
    sco = running("2004")
    call = sco.rt.call
    assert call("SetValue", "cmi.location", 3) == "true"  # type: ignore[arg-type]
    assert sco.get("cmi.location") == "3"
    assert call("SetValue", "cmi.score.scaled", 0.5) == "true"  # type: ignore[arg-type]
    assert call("SetValue", "cmi.score.raw", 70.0) == "true"  # type: ignore[arg-type]
    assert (sco.get("cmi.score.scaled"), sco.get("cmi.score.raw")) == ("0.5", "70")
    assert call("SetValue", "cmi.suspend_data", True) == "true"  # type: ignore[arg-type]
    assert sco.get("cmi.suspend_data") == "true"
    assert call("SetValue", "cmi.suspend_data", None) == "true"  # type: ignore[arg-type]
    assert sco.get("cmi.suspend_data") == ""


@pytest.mark.parametrize(("version", "code"), [("1.2", 101), ("2004", 101)])
def test_an_internal_fault_is_reported_not_raised(
    version: str, code: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    sco = running(version)

    def broken(self: DataModel, name: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(DataModel, "get", broken)
    assert sco.get("cmi.suspend_data") == ""
    assert sco.error() == code
    assert "boom" in sco.diag()
    monkeypatch.setattr(DataModel, "set", broken)
    assert sco.set("cmi.suspend_data", "x") == "false"
    assert sco.error() == code


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_diagnostics_fit_in_255_characters(version: str) -> None:
    sco = running(version)
    sco.get("cmi." + "x" * 400)
    assert sco.error() == 401
    assert 0 < len(sco.diag()) <= 255
