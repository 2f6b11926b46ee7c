"""The web page in a real browser: a candidate loads the sample, saves it, generates
questions and a learning path with live progress, and reads the result; mistakes show as
readable messages; a lost connection during polling is retried and said so. A PDF or DOCX
resume is uploaded (straight to the local stack's S3), parsed, and opened in the form for
review; a file that is no resume, or no PDF or DOCX at all, is refused in words."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from interview_prep import contract
from interview_prep.models.results import QuestionType
from tests.browser.conftest import screenshot
from tests.e2e.conftest import LocalStack
from tests.fakes.resume_files import RECIPE_LINES, RESUME_LINES, docx_bytes

TYPES = [t.value for t in QuestionType]


def save_sample(page: Any) -> str:
    page.get_by_role("button", name="Load the sample").click()
    expect(page.locator('[data-field="name"]')).not_to_have_value("")
    name = page.locator('[data-field="name"]').input_value()
    page.get_by_role("button", name="Save resume").click()
    expect(page.locator("#notice")).to_contain_text(f"Created the resume of {name}")
    expect(page.locator("#resume-list li.current")).to_contain_text(name)
    return name


def generate(page: Any, kind: str, count: int) -> None:
    page.get_by_label(kind).check()
    page.locator("#gen-count").fill(str(count))
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#progress-message")).to_have_text("Done", timeout=60_000)
    assert page.locator("#progress-bar").evaluate("bar => bar.value") == 100


def test_a_candidate_gets_questions_and_a_learning_path_from_the_sample(page: Any) -> None:
    save_sample(page)
    generate(page, "Interview questions", 3)
    result = page.locator("#result")
    expect(result.get_by_role("heading", name="Interview questions")).to_be_visible()
    questions = result.locator(".question")
    expect(questions).to_have_count(3)
    first = questions.first
    expect(first.locator(".badge.type")).to_have_text(re.compile(f"^({'|'.join(TYPES)})$"))
    assert first.locator(".badge.difficulty").inner_text() in {"Easy", "Medium", "Hard"}
    checklist = first.locator(".cover input[type=checkbox]")
    assert 2 <= checklist.count() <= 4
    checklist.first.check()  # a checklist the candidate can tick while practising
    expect(checklist.first).to_be_checked()
    expect(first.locator(".evidence blockquote")).not_to_be_empty()
    screenshot(page, "questions-en")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download .md").click()
    markdown = download.value.path().read_text()
    assert markdown.startswith("# Interview questions") and "- [ ] " in markdown
    with page.expect_download() as download:
        page.get_by_role("button", name="Download .json").click()
    assert len(json.loads(download.value.path().read_text())["questions"]) == 3

    generate(page, "Learning path", 3)
    expect(result.get_by_role("heading", name="Learning path")).to_be_visible()
    paths = result.locator(".path")
    expect(paths).to_have_count(3)
    assert result.locator(".path-column.strength .path").count() >= 1
    assert result.locator(".path-column.weakness .path").count() >= 1
    link = paths.first.get_by_role("link")
    assert link.get_attribute("href").startswith("https://")
    assert paths.first.locator("li").count() >= 2  # resources
    screenshot(page, "learning-path-en")


def test_an_invalid_resume_shows_the_api_field_errors(page: Any) -> None:
    page.get_by_role("button", name="New resume").click()
    page.locator('[data-field="total_experience_months"]').fill("-5")
    page.locator('[data-field="contact.email"]').fill("not-an-email")
    page.get_by_role("button", name="Save resume").click()
    errors = page.locator("#field-errors")
    expect(errors).to_be_visible()
    expect(errors).to_contain_text("name")
    expect(errors).to_contain_text("total_experience_months")
    expect(page.locator('[data-field="total_experience_months"]')).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(page.locator('[data-field="contact.email"]')).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#notice")).not_to_contain_text("{")  # readable, not raw JSON
    screenshot(page, "validation-errors")

    page.get_by_role("tab", name="JSON").click()
    page.locator("#json-text").fill('{"name": "broken"')
    page.get_by_role("button", name="Save resume").click()
    expect(errors).to_contain_text("This is not valid JSON")


def test_a_deleted_resume_disappears_from_the_list(page: Any, stack: LocalStack) -> None:
    created = stack.request(
        "POST", "/api/v1/resumes/", {"name": "To Be Deleted"}, api_key="local-demo-key"
    )
    assert created.status == 201
    page.reload()
    item = page.locator("#resume-list li", has_text="To Be Deleted")
    expect(item).to_have_count(1)
    page.once("dialog", lambda dialog: dialog.accept())
    item.get_by_role("button", name="Delete").click()
    expect(page.locator("#notice")).to_contain_text("Deleted the resume of To Be Deleted")
    expect(item).to_have_count(0)
    missing = stack.request(
        "GET", f"/api/v1/resumes/{created.json['unique_key']}", api_key="local-demo-key"
    )
    assert missing.status == 404


def test_a_lost_connection_while_polling_is_retried_and_said(page: Any) -> None:
    save_sample(page)
    failures = {"left": 2}

    def flaky(route: Any) -> None:
        if failures["left"] > 0:
            failures["left"] -= 1
            route.abort("connectionrefused")
        else:
            route.continue_()

    page.route("**/api/v1/jobs/**", flaky)
    page.get_by_label("Interview questions").check()
    page.locator("#gen-count").fill("2")
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#progress-message")).to_contain_text("Connection lost")
    expect(page.locator("#progress-message")).to_have_text("Done", timeout=60_000)
    expect(page.locator("#result .question")).to_have_count(2)


def test_api_errors_read_as_messages(page: Any) -> None:
    page.locator(".settings summary").click()
    page.get_by_label("API key").fill("wrong-key")
    page.get_by_role("button", name="Save", exact=True).click()
    notice = page.locator("#notice")
    expect(notice).to_contain_text("Something went wrong")
    expect(notice).to_contain_text("API key")
    expect(notice).not_to_contain_text("error_code")


def test_korean_on_a_phone_and_by_keyboard(page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#ui-language").select_option("ko")
    expect(page.get_by_role("heading", level=1)).to_have_text("면접 준비")
    expect(page.get_by_role("button", name="예시 불러오기")).to_be_visible()
    page.get_by_role("button", name="예시 불러오기").click()
    page.get_by_role("button", name="이력서 저장").click()
    expect(page.locator("#notice")).to_contain_text("이력서를 만들었습니다")
    # keyboard only: into the count field, Enter submits the generation form
    page.locator("#gen-count").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    page.keyboard.press("Enter")
    expect(page.locator("#progress-message")).to_have_text("완료", timeout=60_000)
    expect(page.locator("#result .question")).to_have_count(2)
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "no sideways scrolling on a phone"
    screenshot(page, "korean-phone")


def test_a_resume_can_be_uploaded_or_pasted_as_json(page: Any, tmp_path: Any) -> None:
    resume = {
        "name": "Uploaded Candidate",
        "total_experience_months": 14,
        "summary": "Go and gRPC.",
    }
    upload = tmp_path / "resume.json"
    upload.write_text(json.dumps(resume))
    page.locator("#upload").set_input_files(str(upload))
    expect(page.locator('[data-field="name"]')).to_have_value("Uploaded Candidate")
    page.get_by_role("button", name="Save resume").click()
    expect(page.locator("#resume-list li.current")).to_contain_text("Uploaded Candidate")

    page.get_by_role("button", name="New resume").click()
    page.get_by_role("tab", name="JSON").click()
    page.locator("#json-text").fill(json.dumps({"name": "Pasted Candidate", "summary": "React."}))
    page.get_by_role("tab", name="Form").click()  # the form shows what was pasted
    expect(page.locator('[data-field="summary"]')).to_have_value("React.")
    page.get_by_role("button", name="Save resume").click()
    expect(page.locator("#resume-list li.current")).to_contain_text("Pasted Candidate")


def test_a_long_resume_list_loads_page_by_page(page: Any, stack: LocalStack) -> None:
    for index in range(21):
        created = stack.request(
            "POST", "/api/v1/resumes/", {"name": f"Paged {index:02d}"}, api_key="local-demo-key"
        )
        assert created.status == 201
    page.reload()
    items = page.locator("#resume-list li")
    expect(items).to_have_count(20)
    page.get_by_role("button", name="Load more").click()
    expect(page.locator("#resume-list li", has_text="Paged 00")).to_have_count(1)
    assert items.count() > 20


def test_a_failed_job_reads_as_a_message_not_a_stuck_spinner(page: Any) -> None:
    save_sample(page)
    failed = {
        "status": "failed",
        "percent": 60,
        "message": "Generating",
        "error": {"code": "LLM_PROVIDER_NOT_AVAILABLE", "detail": "No provider could answer."},
    }

    def fail(route: Any) -> None:
        route.fulfill(status=200, content_type="application/json", body=json.dumps(failed))

    page.route("**/api/v1/jobs/**", fail)
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#progress-message")).to_have_text("Failed")
    expect(page.locator("#notice")).to_contain_text("No provider could answer.")
    expect(page.get_by_role("button", name="Start")).to_be_enabled()


# --- uploading a PDF or DOCX resume -------------------------------------------------------------

DOCX = contract.DOCX_CONTENT_TYPE
UPLOADS = "/api/v1/resumes/uploads"
#: Collects every text the upload's progress line shows, to see the stages it went through.
WATCH_PROGRESS = """() => {
  window.progressSeen = [];
  const line = document.querySelector('#upload-progress-message');
  new MutationObserver(() => window.progressSeen.push(line.textContent))
    .observe(line, {childList: true, characterData: true, subtree: true});
}"""


def pick_file(page: Any, name: str, data: bytes, mime_type: str) -> None:
    page.locator("#upload-document").set_input_files(
        {"name": name, "mimeType": mime_type, "buffer": data}
    )


def requests_to(page: Any, needle: str) -> list[Any]:
    """Every request the page makes from now on whose URL contains ``needle``."""
    seen: list[Any] = []

    def record(request: Any) -> None:
        if needle in request.url:
            seen.append(request)

    page.on("request", record)
    return seen


def file_puts(page: Any) -> list[Any]:
    """The responses to the page's PUTs of a file to the upload bucket."""
    seen: list[Any] = []

    def record(response: Any) -> None:
        if response.request.method == "PUT" and "/uploads/" in response.url:
            seen.append(response)

    page.on("response", record)
    return seen


def preflights(page: Any) -> list[dict[str, Any]]:
    """The CORS preflights Chromium answers itself (Playwright's events do not show them)."""
    seen: list[dict[str, Any]] = []

    def record(event: dict[str, Any]) -> None:
        if event.get("type") == "Preflight":
            seen.append(event["response"])

    devtools = page.context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.on("Network.responseReceived", record)
    return seen


def test_an_uploaded_docx_opens_parsed_in_the_form_for_review(page: Any) -> None:
    page.evaluate(WATCH_PROGRESS)
    puts = file_puts(page)
    api_calls = requests_to(page, "/api/v1/")
    preflighted = preflights(page)
    # an empty type, as browsers often give a .docx: the page goes by the extension
    pick_file(page, "jiwoo-han.docx", docx_bytes(RESUME_LINES), "")

    progress = page.locator("#upload-progress-message")
    expect(progress).to_have_text("Done", timeout=60_000)
    assert page.locator("#upload-progress-bar").evaluate("bar => bar.value") == 100
    seen = page.evaluate("window.progressSeen")
    assert any(text.startswith("Sending jiwoo-han.docx") for text in seen), seen
    assert seen[-1] == "Done" and len(set(seen)) >= 3, seen

    expect(page.locator('[data-field="name"]')).to_have_value("한지우")
    expect(page.locator('[data-field="work_experiences.0.company"]')).to_have_value("페이랩")
    expect(page.locator('[data-field="contact.email"]')).to_have_value("jiwoo.han@example.com")
    expect(page.locator('[data-field="technical_skills"]')).to_contain_text("Kotlin")
    expect(page.locator("#notice")).to_contain_text("Read jiwoo-han.docx. Check every field")
    expect(page.locator("#editor-state")).to_contain_text("please check")
    expect(page.locator("#resume-list li.current")).to_contain_text("한지우")
    screenshot(page, "upload-parsed-docx")

    # the cross-origin PUT to moto's S3 passed its CORS preflight (a DOCX Content-Type is
    # not CORS-safelisted) and carried the signed headers, never the API key
    assert len(puts) == 1 and puts[0].status == 200
    assert [(r["status"], r["url"]) for r in preflighted] == [(200, puts[0].url)]
    assert puts[0].headers.get("access-control-allow-origin")
    sent = puts[0].request.headers
    assert sent["content-type"] == DOCX and "x-api-key" not in sent
    declared = next(r for r in api_calls if r.url.endswith(UPLOADS))
    assert declared.post_data_json["content_type"] == DOCX
    assert declared.post_data_json["size"] == len(docx_bytes(RESUME_LINES))
    # nothing was generated: the user reviews first
    assert not any("/interview/" in r.url or "/learning/" in r.url for r in api_calls)
    expect(page.locator("#result")).to_be_empty()

    # the review is saved with the form's own save, a PUT of the allocated key
    page.locator('[data-field="summary"]').fill("결제 시스템을 만든 백엔드 개발자입니다.")
    expect(page.locator("#editor-state")).to_have_text("Not saved yet")
    page.get_by_role("button", name="Save resume").click()
    expect(page.locator("#notice")).to_have_text("Saved.")
    saved = [r for r in api_calls if r.method == "PUT" and "/api/v1/resumes/" in r.url]
    assert len(saved) == 1 and saved[0].post_data_json["name"] == "한지우"


def test_a_document_that_is_no_resume_says_so(page: Any) -> None:
    pick_file(page, "pancakes.docx", docx_bytes(RECIPE_LINES), DOCX)
    expect(page.locator("#upload-progress-message")).to_have_text("Failed", timeout=60_000)
    notice = page.locator("#notice")
    expect(notice).to_have_class(re.compile(r"\berror\b"))
    expect(notice).to_contain_text("No resume was found in this document")
    expect(notice.locator(".detail")).not_to_be_empty()  # the job's own detail under it
    expect(page.locator('[data-field="name"]')).to_have_value("")  # the form is untouched
    expect(page.locator("#upload-document")).to_be_enabled()  # ready for the next file
    screenshot(page, "upload-not-a-resume")


def test_the_page_refuses_other_files_before_any_request(page: Any, tmp_path: Path) -> None:
    declared = requests_to(page, UPLOADS)
    notice = page.locator("#notice")
    pick_file(page, "notes.txt", "경력\n페이랩".encode(), "text/plain")
    expect(notice).to_contain_text("Only PDF and Word (.docx) files can be uploaded.")
    expect(notice).to_contain_text("“notes.txt” is not a .pdf or .docx file.")
    huge = tmp_path / "huge.pdf"  # a sparse file on disk: the browser reads it, fast
    with huge.open("wb") as sparse:
        sparse.truncate(contract.MAX_UPLOAD_BYTES + 1)
    page.locator("#upload-document").set_input_files(huge)
    expect(notice).to_contain_text("The file is larger than 10 MB.")
    page.locator("#ui-language").select_option("ko")
    pick_file(page, "notes.txt", b"hello", "text/plain")
    expect(notice).to_contain_text("PDF와 Word(.docx) 파일만 올릴 수 있습니다.")
    expect(page.locator("#upload-progress")).to_be_hidden()
    assert declared == []


def test_a_refused_transfer_reads_as_an_error_not_a_hang(page: Any) -> None:
    """What the page does if the storage's CORS rule (or the network) stops the PUT."""
    page.route("**/interview-prep-uploads/**", lambda route: route.abort("accessdenied"))
    pick_file(page, "jiwoo-han.docx", docx_bytes(RESUME_LINES), DOCX)
    expect(page.locator("#notice")).to_contain_text("could not be sent to the storage")
    expect(page.locator("#upload-progress-message")).to_have_text("Failed")
    expect(page.locator("#upload-document")).to_be_enabled()


def test_the_servers_refusal_of_a_declared_file_reads_as_its_message(page: Any) -> None:
    """The server is the authority: a 415 the page's own check did not foresee reads the same."""
    refused = {
        "detail": "Uploads must be PDF or DOCX files, not 'application/pdf+x'.",
        "error_code": "UPLOAD_UNSUPPORTED_TYPE",
        "timestamp": "2026-01-01T00:00:00Z",
        "details": {},
        "request_id": "test",
    }

    def refuse(route: Any) -> None:
        route.fulfill(status=415, content_type="application/json", body=json.dumps(refused))

    page.route(f"**{UPLOADS}", refuse)
    pick_file(page, "cv.pdf", b"%PDF-1.7\n", "application/pdf")
    notice = page.locator("#notice")
    expect(notice).to_contain_text("Only PDF and Word (.docx) files can be uploaded.")
    expect(notice.locator(".detail")).to_have_text(refused["detail"])
    expect(page.locator("#upload-progress-message")).to_have_text("Failed")


# --- JSON Resume (jsonresume.org) in and out ----------------------------------------------------

JSON_RESUME = {
    "basics": {"name": "Mina Park", "email": "mina@example.com", "summary": "Payments backend."},
    "work": [
        {
            "name": "PayLab",
            "position": "Backend Engineer",
            "startDate": "2021-03",
            "highlights": ["Cut settlement time by 40%"],
        }
    ],
    "skills": [{"name": "Languages", "keywords": ["Kotlin", "Go"]}],
}


def test_a_json_resume_file_is_imported_and_a_resume_downloads_as_one(
    page: Any, tmp_path: Path
) -> None:
    imports = requests_to(page, "format=jsonresume")
    upload = tmp_path / "mina.json"
    upload.write_text(json.dumps(JSON_RESUME))
    page.locator("#upload").set_input_files(str(upload))

    expect(page.locator("#notice")).to_contain_text("Imported the JSON Resume of Mina Park")
    expect(page.locator('[data-field="name"]')).to_have_value("Mina Park")
    expect(page.locator('[data-field="work_experiences.0.company"]')).to_have_value("PayLab")
    expect(page.locator('[data-field="technical_skills"]')).to_contain_text("Kotlin")
    expect(page.locator("#resume-list li.current")).to_contain_text("Mina Park")
    expect(page.locator("#editor-state")).to_have_text("")  # stored already
    assert [(r.method, r.post_data_json) for r in imports] == [("POST", JSON_RESUME)]
    screenshot(page, "jsonresume-imported")

    with page.expect_download() as info:
        page.get_by_role("button", name="Download as JSON Resume").click()
    download = info.value
    assert download.suggested_filename == "Mina Park.resume.json"
    exported = json.loads(download.path().read_text())
    assert exported["basics"]["name"] == "Mina Park"
    assert exported["work"][0]["name"] == "PayLab"
    assert exported["work"][0]["startDate"] == "2021-03"

    # an unsaved resume has nothing stored to export
    page.get_by_role("button", name="New resume").click()
    expect(page.get_by_role("button", name="Download as JSON Resume")).to_be_disabled()


def test_an_invalid_json_resume_shows_what_the_api_says(page: Any) -> None:
    bad = {
        "basics": {"name": "Never Stored"},
        "work": [{"name": "PayLab", "startDate": "March 2021"}],
    }
    page.locator("#upload").set_input_files(
        {"name": "bad.json", "mimeType": "application/json", "buffer": json.dumps(bad).encode()}
    )
    notice = page.locator("#notice")
    expect(notice).to_have_class(re.compile(r"\berror\b"))
    expect(notice).to_contain_text("bad.json could not be imported as a JSON Resume.")
    expect(notice.locator(".detail")).to_contain_text("Not a valid JSON Resume")
    expect(page.locator("#field-errors")).to_contain_text("work.0.startDate")
    expect(page.locator("#resume-list li", has_text="Never Stored")).to_have_count(0)

    page.locator("#ui-language").select_option("ko")
    expect(page.get_by_role("button", name="JSON Resume로 내려받기")).to_be_disabled()
