"""Practising in a real browser: a candidate answers a generated question, reads the grade
(score, what was covered and what is missing, feedback), answers the follow-up it asks, and
sees every attempt and the best score per question in the practice history. An empty answer
is refused in words; dictation is offered only where the browser can recognise speech.

The local stack grades with the offline grader: deterministic, so a thin answer scores low
and an answer that explains every point with a number and a reason scores high."""

from __future__ import annotations

import json
import re
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.test_web import generate, requests_to, save_sample

THIN = "I don't know."
SET_ID = re.compile(r"^[0-9a-f]{32}$")
ANSWERS = "/answers"
#: The page without the Web Speech API (whatever this Chromium build offers).
NO_SPEECH = "delete window.SpeechRecognition; delete window.webkitSpeechRecognition;"
#: A stand-in recogniser: "hears" a sentence when started, ends when stopped.
FAKE_SPEECH = """
window.recognitions = [];
class FakeRecognition {
  constructor() { window.recognitions.push(this); this.started = false; }
  start() {
    this.started = true;
    setTimeout(() => {
      const result = Object.assign([{ transcript: "I would check the lag of every partition" }],
        { isFinal: true });
      this.onresult?.({ resultIndex: 0, results: [result] });
    }, 0);
  }
  stop() { setTimeout(() => this.onend?.(), 0); }
  abort() { this.onend?.(); }
}
delete window.SpeechRecognition;
window.webkitSpeechRecognition = FakeRecognition;
"""


def questions_ready(page: Any, count: int = 2) -> None:
    """The sample resume saved and one question set generated for it."""
    save_sample(page)
    generate(page, "Interview questions", count)
    expect(page.locator("#result .question")).to_have_count(count)


def answer_requests(page: Any) -> list[Any]:
    """Every request to the answers routes from now on (posted() keeps the answers)."""
    return requests_to(page, ANSWERS)


def posted(seen: list[Any]) -> list[Any]:
    """The POSTs of an answer among `seen` (the history's GETs left out)."""
    return [r for r in seen if r.method == "POST"]


def cover_points(page: Any, question_id: str) -> list[str]:
    question = page.locator(f'#result .question[data-question-id="{question_id}"]')
    texts: list[str] = question.locator(".cover label").all_inner_texts()
    return texts


def open_practice(page: Any, question_id: str) -> Any:
    """Press the question's own "Practise" button; the answer panel opens under it."""
    area = page.locator(f'[data-practice-for="{question_id}"]')
    toggle = page.locator(f'[data-practice-for="{question_id}"] > button.practise')
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    panel = area.locator(f"#practice-{slug(question_id)}")
    expect(panel).to_be_visible()
    expect(page.locator(f"#answer-{slug(question_id)}")).to_be_focused()
    return panel


def slug(question_id: str) -> str:
    return question_id.replace(".", "-")


def submit(page: Any, question_id: str, answer: str) -> Any:
    """Type the answer, submit it, and return the grade shown for it."""
    part = slug(question_id)
    page.locator(f"#answer-{part}").fill(answer)
    page.locator(f"#practice-{part} > form").get_by_role("button", name="Submit answer").click()
    grade = page.locator(f"#grade-{part}")
    expect(grade).to_be_visible()
    expect(page.locator(f"#grade-{part}-title")).to_be_focused()
    return grade


def practise(page: Any, question_id: str, answer: str) -> Any:
    open_practice(page, question_id)
    return submit(page, question_id, answer)


def score_of(grade: Any) -> int:
    text = grade.locator(":scope > .score .score-value").inner_text()
    match = re.fullmatch(r"(\d+) / 100", text)
    assert match, text
    return int(match.group(1))


def good_answer(points: list[str]) -> str:
    """Every point explained in a sentence with a number and a reason."""
    return " ".join(
        f"We handled {point} ourselves; latency dropped by 40% because we measured the cause first."
        for point in points
    )


def test_a_thin_answer_is_graded_low_with_the_missing_points_and_a_follow_up(page: Any) -> None:
    questions_ready(page)
    seen = answer_requests(page)
    points = cover_points(page, "q1")
    grade = practise(page, "q1", THIN)

    score = score_of(grade)
    assert score <= 15
    assert grade.locator(":scope > meter").evaluate("meter => meter.value") == score
    expect(grade.locator(".covered-points")).to_contain_text("None of the points yet.")
    assert grade.locator(".missing-points .point").all_inner_texts() == points
    expect(grade.locator(":scope > .feedback")).not_to_be_empty()
    follow_up = grade.locator(":scope > .follow-up")
    expect(follow_up.get_by_role("heading", name="Follow-up question")).to_be_visible()
    expect(follow_up.locator(".follow-up-text")).not_to_be_empty()
    expect(follow_up.locator('[data-practice-for="q1.f1"] > button.practise')).to_have_text(
        "Answer the follow-up"
    )
    screenshot(page, "practice-thin-answer")

    # one POST, held by ?wait=20 so the grade came back with it; the set is the one shown
    [request] = posted(seen)
    assert "wait=20" in request.url
    body = request.post_data_json
    assert body["question_id"] == "q1" and body["answer"] == THIN
    assert SET_ID.match(body["set_id"])


def test_an_answer_graded_after_the_wait_is_followed_as_a_job(page: Any) -> None:
    """Without the quick answer (a 202, as when grading takes longer than ?wait) the page
    polls the job, as a generation's, then reads the attempt from its result_url."""
    questions_ready(page)
    seen = requests_to(page, "/api/v1/")

    def without_wait(route: Any) -> None:
        route.continue_(url=route.request.url.split("?")[0])

    page.route(re.compile(r"/answers\?wait="), without_wait)
    grade = practise(page, "q1", THIN)
    assert score_of(grade) <= 15
    urls = [r.url for r in seen]
    assert any("/api/v1/jobs/" in url for url in urls), urls
    attempt_id = grade.get_attribute("data-attempt-id")
    assert any(url.endswith(f"/answers/{attempt_id}") for url in urls), urls
    expect(page.locator("#answer-status-q1")).to_have_text("")


def test_the_follow_up_is_answered_and_graded_on_its_own(page: Any) -> None:
    questions_ready(page)
    seen = answer_requests(page)
    first = practise(page, "q1", THIN)
    first_score = score_of(first)
    shown = first.locator(":scope > .follow-up > .follow-up-text").inner_text()

    open_practice(page, "q1.f1")
    follow_up = submit(page, "q1.f1", "I would look at the consumer lag of each partition.")
    expect(follow_up.locator(":scope > .graded-question .text")).to_have_text(shown)
    assert 0 <= score_of(follow_up) <= 100
    expect(follow_up.locator(":scope > .feedback")).not_to_be_empty()
    # it asks its own follow-up, answerable the same way
    expect(follow_up.locator('[data-practice-for="q1.f1.f1"] > button.practise')).to_be_visible()
    assert score_of(first) == first_score  # the first grade is still there, unchanged
    screenshot(page, "practice-follow-up")

    first_post, second_post = posted(seen)
    assert second_post.post_data_json["question_id"] == "q1.f1"
    assert second_post.post_data_json["set_id"] == first_post.post_data_json["set_id"]


def test_the_history_lists_every_attempt_and_the_best_score_per_question(page: Any) -> None:
    questions_ready(page)
    history = page.locator("#practice-history")
    expect(history).to_contain_text("No answers yet")

    good = score_of(practise(page, "q1", good_answer(cover_points(page, "q1"))))
    assert good >= 70
    rows = history.locator("tbody tr")
    expect(rows).to_have_count(1)
    second = submit(page, "q1", THIN)  # the same panel, a second try
    thin = score_of(second)
    assert thin <= 15
    expect(rows).to_have_count(2)
    # the second try asks a follow-up of its own (a new id: q1.f2 after q1.f1)
    asked = second.locator(":scope > .follow-up").get_attribute("data-question-id")
    assert re.fullmatch(r"q1\.f\d+", asked), asked
    open_practice(page, asked)
    follow_up = score_of(submit(page, asked, THIN))

    expect(rows).to_have_count(3)
    assert rows.locator(".attempt-question-id").all_inner_texts() == [asked, "q1", "q1"]
    assert rows.locator(".attempt-score").all_inner_texts() == [
        f"{follow_up} / 100",
        f"{thin} / 100",
        f"{good} / 100",
    ]
    answered = [t.get_attribute("datetime") for t in rows.locator("time").all()]
    assert answered == sorted(answered, reverse=True), "newest first"
    assert all(rows.locator("time").all_inner_texts())
    expect(history.locator(".best-scores")).to_have_text(f"Best: q1 {good}, {asked} {follow_up}")
    screenshot(page, "practice-history")

    # in Korean the page keeps what was shown: the grades, the history, the open panels
    page.locator("#ui-language").select_option("ko")
    expect(history.locator(".best-scores")).to_have_text(
        f"최고 점수: q1 {good}, {asked} {follow_up}"
    )
    expect(page.locator("#grade-q1 > .score")).to_have_text(f"점수: {thin} / 100")
    expect(page.locator("#practice-q1")).to_be_visible()
    expect(page.get_by_role("button", name="연습하기")).to_have_count(2)  # q1's and q2's
    q1_toggle = page.locator('[data-practice-for="q1"] > button.practise')
    expect(q1_toggle).to_have_attribute("aria-expanded", "true")
    expect(
        page.locator("#practice-q1 > form").get_by_role("button", name="답변 제출")
    ).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "no sideways scrolling on a phone, with the grades and the history"
    screenshot(page, "practice-history-ko-phone")


def test_an_empty_answer_is_refused_before_any_request(page: Any) -> None:
    questions_ready(page)
    seen = answer_requests(page)
    panel = open_practice(page, "q1")
    answer = page.locator("#answer-q1")
    expect(answer).to_have_attribute("maxlength", "5000")
    expect(panel.locator(".counter")).to_have_text("0 / 5000 characters")
    for blank in ("", "   \n "):
        answer.fill(blank)
        panel.get_by_role("button", name="Submit answer").click()
        expect(panel.get_by_role("alert")).to_have_text(
            "Write an answer first: an empty answer cannot be graded."
        )
        expect(answer).to_have_attribute("aria-invalid", "true")
    expect(panel.locator(".grade")).to_have_count(0)
    answer.fill("Kafka lag")
    expect(panel.locator(".counter")).to_have_text("9 / 5000 characters")
    assert posted(seen) == []


def test_the_servers_422_reads_as_its_message(page: Any) -> None:
    """The server is the authority: an answer it refuses (here emptied on the way) shows
    the page's words and the API's own detail, not raw JSON."""
    questions_ready(page)

    def empty_the_answer(route: Any) -> None:
        if route.request.method != "POST":
            route.continue_()
            return
        body = {**route.request.post_data_json, "answer": ""}
        route.continue_(post_data=json.dumps(body))

    page.route(re.compile(r"/answers\?wait="), empty_the_answer)
    open_practice(page, "q1")
    page.locator("#answer-q1").fill("Something the page would send")
    panel = page.locator("#practice-q1")
    panel.get_by_role("button", name="Submit answer").click()
    alert = panel.get_by_role("alert")
    expect(alert).to_contain_text("The answer was not accepted: it must be 1 to 5000 characters.")
    expect(alert.locator(".detail")).to_contain_text("at least 1 character")
    expect(alert).not_to_contain_text("VALIDATION_ERROR")
    expect(page.locator("#answer-q1")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#answer-q1")).to_have_value("Something the page would send")
    expect(panel.get_by_role("button", name="Submit answer")).to_be_enabled()


def test_dictation_is_hidden_without_speech_recognition(page: Any) -> None:
    page.add_init_script(NO_SPEECH)
    page.reload()
    questions_ready(page)
    panel = open_practice(page, "q1")
    expect(panel.get_by_role("button", name="Submit answer")).to_be_visible()
    expect(panel.locator("button.dictate")).to_be_hidden()


def test_dictation_appends_what_was_recognised(page: Any) -> None:
    page.add_init_script(FAKE_SPEECH)
    page.reload()
    questions_ready(page)
    panel = open_practice(page, "q1")
    answer = page.locator("#answer-q1")
    answer.fill("First, the consumers.")
    dictate = panel.get_by_role("button", name="Dictate")
    expect(dictate).to_be_visible()
    dictate.click()
    expect(dictate).to_have_attribute("aria-pressed", "true")
    status = page.locator("#answer-status-q1")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_contain_text("Listening")
    expect(answer).to_have_value("First, the consumers. I would check the lag of every partition")
    expect(panel.locator(".counter")).to_have_text("62 / 5000 characters")
    # the sample's questions are Korean: so is the recognition
    assert page.evaluate("window.recognitions.map(r => r.lang)") == ["ko-KR"]
    dictate.click()
    expect(dictate).to_have_attribute("aria-pressed", "false")
    expect(status).to_have_text("")
    # what was dictated is graded like typed text
    grade = submit(page, "q1", answer.input_value())
    expect(grade.locator(":scope > .graded-question .text")).not_to_be_empty()
