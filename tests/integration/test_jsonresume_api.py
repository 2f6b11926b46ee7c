"""``?format=jsonresume`` on the resume routes: a JSON Resume in (POST, PUT), this
service's resume stored; a JSON Resume out (GET), valid against the published schema."""

from __future__ import annotations

import pytest

from tests.conftest import Invoke
from tests.jsonresume import document, schema_errors

pytestmark = pytest.mark.usefixtures("aws")

JSONRESUME = {"format": "jsonresume"}


def test_a_json_resume_is_stored_in_this_services_format(invoke: Invoke) -> None:
    created = invoke("create_resume", body=document("full"), query=JSONRESUME)
    assert created["statusCode"] == 201, created.get("body")
    stored = created["json"]
    assert stored["name"] == "Mina Park"
    assert stored["work_experiences"][0]["company"] == "PayLab"
    assert stored["technical_skills"]["others"] == ["Terraform"]
    assert "basics" not in stored

    again = invoke("get_resume", key=stored["unique_key"])
    assert again["json"]["contact"]["github"] == "https://github.com/minapark"


def test_a_resume_reads_back_as_valid_json_resume(invoke: Invoke) -> None:
    key = invoke("create_resume", body=document("full"), query=JSONRESUME)["json"]["unique_key"]
    exported = invoke("get_resume", key=key, query=JSONRESUME)
    assert exported["statusCode"] == 200
    assert schema_errors(exported["json"]) == []
    assert exported["json"]["basics"]["name"] == "Mina Park"
    assert exported["json"]["work"][0]["startDate"] == "2021-03"


def test_put_takes_a_json_resume_too(invoke: Invoke) -> None:
    key = invoke("create_resume", body={"name": "Placeholder"})["json"]["unique_key"]
    replaced = invoke("update_resume", key=key, body=document("missing-dates"), query=JSONRESUME)
    assert replaced["statusCode"] == 200, replaced.get("body")
    assert replaced["json"]["name"] == "Sam Lee"
    assert replaced["json"]["unique_key"] == key


@pytest.mark.parametrize("route", ["create_resume", "update_resume"])
def test_a_json_resume_without_the_flag_is_told_to_add_it(invoke: Invoke, route: str) -> None:
    key = invoke("create_resume", body={"name": "Placeholder"})["json"]["unique_key"]
    address = {"key": key} if route == "update_resume" else {}
    response = invoke(route, body=document("full"), **address)
    assert response["statusCode"] == 422
    assert response["json"]["error_code"] == "VALIDATION_ERROR"
    assert "?format=jsonresume" in response["json"]["detail"]


def test_an_invalid_json_resume_names_what_is_wrong(invoke: Invoke) -> None:
    bad = document("minimal") | {"work": [{"name": "X", "startDate": "March 2020"}]}
    response = invoke("create_resume", body=bad, query=JSONRESUME)
    assert response["statusCode"] == 422
    assert response["json"]["error_code"] == "VALIDATION_ERROR"
    assert response["json"]["detail"].startswith("Not a valid JSON Resume")
    assert response["json"]["details"]["errors"][0]["field"] == "work.0.startDate"


def test_a_section_json_resume_does_not_have_is_refused(invoke: Invoke) -> None:
    response = invoke(
        "create_resume", body=document("minimal") | {"hobbies": ["chess"]}, query=JSONRESUME
    )
    assert response["statusCode"] == 422
    assert response["json"]["details"]["unknown_fields"] == ["hobbies"]


def test_a_json_resume_without_a_name_says_so(invoke: Invoke) -> None:
    response = invoke(
        "create_resume", body={"basics": {"email": "a@example.com"}}, query=JSONRESUME
    )
    assert response["statusCode"] == 422
    assert response["json"]["details"]["errors"][0]["field"] == "name"
