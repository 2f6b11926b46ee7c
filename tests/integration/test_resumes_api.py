"""Resume CRUD through the resumes function, invoked with the events/ files (as SAM would)."""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import ALICE_KEY, BOB_KEY, Invoke, header, sample

pytestmark = pytest.mark.usefixtures("aws")

ERROR_FIELDS = {"detail", "error_code", "timestamp", "details", "request_id"}


def assert_error(response: dict, status: int, code: str) -> dict:
    assert response["statusCode"] == status, response.get("body")
    body = response["json"]
    assert set(body) == ERROR_FIELDS
    assert body["error_code"] == code
    assert body["request_id"], "request id of the API Gateway request"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", body["timestamp"])
    return body


def create(invoke: Invoke, resume: dict, api_key: str = ALICE_KEY) -> dict:
    response = invoke("create_resume", body=resume, api_key=api_key)
    assert response["statusCode"] == 201, response["body"]
    return response["json"]


def test_create_accepts_a_full_resume_and_returns_the_stored_document(invoke: Invoke) -> None:
    resume = sample("backend-ko")
    response = invoke("create_resume", body=resume)

    assert response["statusCode"] == 201
    stored = response["json"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{22,}", stored["unique_key"])
    assert header(response, "Location").endswith(f"/api/v1/resumes/{stored['unique_key']}")
    assert stored["created_at"] == stored["updated_at"]
    assert stored["owner"] == "alice"
    for field, value in resume.items():
        assert stored[field] == value, field

    fetched = invoke("get_resume", key=stored["unique_key"])
    assert fetched["statusCode"] == 200
    assert fetched["json"] == stored


def test_event_file_body_is_accepted_as_is(invoke: Invoke) -> None:
    response = invoke("create_resume", api_key="local-demo-key")
    assert response["statusCode"] == 201
    assert response["json"]["owner"] == "demo"


def test_minimal_resume_gets_empty_lists(invoke: Invoke) -> None:
    stored = create(invoke, {"name": "Alex Morgan"})
    assert stored["work_experiences"] == [] and stored["technical_skills"] == {}
    assert stored["contact"] is None and stored["summary"] is None


def test_unique_key_is_random_not_derived_from_the_name(invoke: Invoke) -> None:
    keys = {create(invoke, {"name": "test"})["unique_key"] for _ in range(5)}
    assert len(keys) == 5
    assert not any("test" in key for key in keys)


def test_concurrent_creates_never_share_a_key(invoke: Invoke) -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: create(invoke, {"name": "same"}), range(12)))
    assert len({result["unique_key"] for result in results}) == 12


def test_unknown_top_level_fields_are_rejected_by_name(invoke: Invoke) -> None:
    response = invoke("create_resume", body={"name": "x", "hobbies": ["go"], "age": 3})
    body = assert_error(response, 422, "VALIDATION_ERROR")
    assert sorted(body["details"]["unknown_fields"]) == ["age", "hobbies"]
    assert "hobbies" in body["detail"]


def test_each_invalid_field_is_listed(invoke: Invoke) -> None:
    bad = {
        "name": "",
        "total_experience_months": -1,
        "contact": {"email": "not-an-email", "github": "ftp://example.com/x"},
    }
    body = assert_error(invoke("create_resume", body=bad), 422, "VALIDATION_ERROR")
    fields = {error["field"] for error in body["details"]["errors"]}
    assert fields == {"name", "total_experience_months", "contact.email", "contact.github"}


def test_missing_name_is_a_validation_error(invoke: Invoke) -> None:
    body = assert_error(invoke("create_resume", body={"summary": "x"}), 422, "VALIDATION_ERROR")
    assert [e["field"] for e in body["details"]["errors"]] == ["name"]


def test_malformed_json_is_a_bad_request(invoke: Invoke) -> None:
    assert_error(invoke("create_resume", raw_body='{"name": "x",'), 400, "BAD_REQUEST")


def test_a_form_body_is_unsupported_and_says_to_send_json(invoke: Invoke) -> None:
    response = invoke(
        "create_resume",
        raw_body='{"name": "x"}',
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    body = assert_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")
    assert "application/json" in body["detail"]


def test_body_over_256_kib_is_too_large(invoke: Invoke) -> None:
    huge = {"name": "x", "summary": "가" * 100_000}  # 300 KB of UTF-8
    body = assert_error(invoke("create_resume", body=huge), 413, "PAYLOAD_TOO_LARGE")
    assert body["details"]["limit_bytes"] == 256 * 1024


def test_missing_or_unknown_api_key_is_unauthorized(invoke: Invoke) -> None:
    assert_error(invoke("list_resumes", api_key=None), 401, "UNAUTHORIZED")
    assert_error(invoke("list_resumes", api_key="nope"), 401, "UNAUTHORIZED")
    # authentication is checked before the body, so nothing leaks to anonymous callers
    assert_error(invoke("create_resume", api_key=None, raw_body="{"), 401, "UNAUTHORIZED")


def test_missing_resume_is_not_found(invoke: Invoke) -> None:
    body = assert_error(invoke("get_resume", key="test_user_1"), 404, "RESUME_NOT_FOUND")
    assert body["detail"] == "Resume not found with key: test_user_1"
    assert body["details"] == {"unique_key": "test_user_1"}


def test_another_owners_resume_is_indistinguishable_from_a_missing_one(invoke: Invoke) -> None:
    key = create(invoke, sample("frontend-en"), api_key=ALICE_KEY)["unique_key"]

    as_bob = [
        invoke("get_resume", key=key, api_key=BOB_KEY),
        invoke("update_resume", key=key, api_key=BOB_KEY, body={"name": "hijack"}),
        invoke("delete_resume", key=key, api_key=BOB_KEY),
    ]
    for response in as_bob:
        assert_error(response, 404, "RESUME_NOT_FOUND")
    assert invoke("list_resumes", api_key=BOB_KEY)["json"]["items"] == []
    assert invoke("get_resume", key=key)["json"]["name"] == "Priya Raman"


def test_get_edit_put_round_trip(invoke: Invoke) -> None:
    stored = create(invoke, sample("backend-ko"))
    edited = invoke("get_resume", key=stored["unique_key"])["json"]
    edited["summary"] = "업데이트된 요약"
    edited["personal_projects"] = []

    response = invoke("update_resume", key=stored["unique_key"], body=edited)

    assert response["statusCode"] == 200
    updated = response["json"]
    assert updated["summary"] == "업데이트된 요약" and updated["personal_projects"] == []
    assert updated["created_at"] == stored["created_at"]
    assert updated["updated_at"] > stored["updated_at"]
    assert updated["updated_at"].endswith("Z") and updated["created_at"].endswith("Z")
    assert updated["unique_key"] == stored["unique_key"] and updated["owner"] == "alice"


def test_put_replaces_fields_left_out(invoke: Invoke) -> None:
    stored = create(invoke, sample("backend-ko"))
    updated = invoke("update_resume", key=stored["unique_key"], body={"name": "Kim"})["json"]
    assert updated["work_experiences"] == [] and updated["summary"] is None


def test_put_validates_like_post(invoke: Invoke) -> None:
    key = create(invoke, {"name": "x"})["unique_key"]
    response = invoke("update_resume", key=key, body={"name": "x", "nickname": "y"})
    assert_error(response, 422, "VALIDATION_ERROR")
    assert invoke("get_resume", key=key)["json"]["name"] == "x"


def test_put_on_missing_resume_is_not_found(invoke: Invoke) -> None:
    assert_error(
        invoke("update_resume", key="missing", body={"name": "x"}), 404, "RESUME_NOT_FOUND"
    )


def test_delete_removes_the_resume_and_its_generated_results(
    invoke: Invoke, service_env: str, mongodb_url: str
) -> None:
    from pymongo import MongoClient

    key = create(invoke, {"name": "x"})["unique_key"]
    other = create(invoke, {"name": "y"})["unique_key"]
    with MongoClient(mongodb_url) as client:
        database = client[service_env]
        for collection in ("interviews", "learning_paths"):
            database[collection].insert_many(
                [{"owner": "alice", "unique_key": key}, {"owner": "alice", "unique_key": other}]
            )

        response = invoke("delete_resume", key=key)

        assert response["statusCode"] == 204 and not response["body"]
        assert_error(invoke("get_resume", key=key), 404, "RESUME_NOT_FOUND")
        for collection in ("interviews", "learning_paths"):
            left = list(database[collection].find({}, {"_id": 0, "unique_key": 1}))
            assert left == [{"unique_key": other}]
    assert_error(invoke("delete_resume", key=key), 404, "RESUME_NOT_FOUND")


def test_list_is_newest_first_with_cursor_pagination(invoke: Invoke) -> None:
    created = []
    for i in range(5):
        created.append(create(invoke, {"name": f"r{i}"})["unique_key"])
        time.sleep(0.002)  # distinct creation milliseconds make "newest first" observable
    create(invoke, {"name": "bob's"}, api_key=BOB_KEY)

    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        query = {"limit": "2"} | ({"cursor": cursor} if cursor else {})
        page = invoke("list_resumes", query=query)["json"]
        seen += [item["unique_key"] for item in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert seen == list(reversed(created))
    assert pages == 3


@pytest.mark.parametrize("limit", ["0", "101", "abc"])
def test_list_rejects_a_bad_limit(invoke: Invoke, limit: str) -> None:
    body = assert_error(invoke("list_resumes", query={"limit": limit}), 422, "VALIDATION_ERROR")
    assert body["details"]["errors"][0]["field"] == "limit"


def test_list_rejects_a_forged_cursor(invoke: Invoke) -> None:
    body = assert_error(
        invoke("list_resumes", query={"cursor": "not-a-cursor"}), 422, "VALIDATION_ERROR"
    )
    assert body["details"]["errors"][0]["field"] == "cursor"


def test_unknown_path_and_wrong_method(invoke: Invoke) -> None:
    missing = invoke("list_resumes", path="/api/v1/nowhere")
    assert_error(missing, 404, "ROUTE_NOT_FOUND")
    wrong = invoke("get_resume", key="abc", method="PATCH")
    body = assert_error(wrong, 405, "METHOD_NOT_ALLOWED")
    assert body["details"]["allowed_methods"] == ["DELETE", "GET", "PUT"]
    assert header(wrong, "Allow") == "DELETE, GET, PUT"


def test_unreachable_database_is_a_503_after_the_configured_short_timeout(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_prep.config import get_settings
    from interview_prep.local.mongo_server import free_port
    from interview_prep.repositories import mongo

    url = f"mongodb://127.0.0.1:{free_port()}/?directConnection=true"
    monkeypatch.setenv("MONGODB_URL", url)
    monkeypatch.setenv("MONGODB_TIMEOUT_MS", "500")
    get_settings.cache_clear()
    built: list[tuple[str, dict[str, object]]] = []
    real_client = mongo.MongoClient

    def recording_client(host: str, **options: object) -> object:
        built.append((host, options))
        return real_client(host, **options)

    monkeypatch.setattr(mongo, "MongoClient", recording_client)

    body = assert_error(invoke("list_resumes"), 503, "DATABASE_CONNECTION_ERROR")

    assert "127.0.0.1" not in body["detail"]
    # quick because the driver gave up after MONGODB_TIMEOUT_MS, not pymongo's 30 s default
    # (how quick is measured in benchmarks/, not asserted here)
    ((host, options),) = built
    assert host == url
    assert options["serverSelectionTimeoutMS"] == options["connectTimeoutMS"] == 500


def test_unexpected_errors_are_500_without_internals(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_prep.repositories.resumes import ResumeRepository

    def explode(*_: object) -> None:
        raise RuntimeError("secret internals: mongodb://user:pass@host")

    monkeypatch.setattr(ResumeRepository, "get", explode)
    body = assert_error(invoke("get_resume", key="abc"), 500, "INTERNAL_ERROR")
    assert "secret" not in str(body) and "Traceback" not in str(body)
