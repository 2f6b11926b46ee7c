"""One local HTTP server that speaks the wire formats of OpenAI (chat completions),
Anthropic (messages) and Gemini (generateContent), with scripted misbehaviour.

Each call pops the next behaviour from that vendor's script ("ok" when empty):
ok, schema_invalid, ungrounded (valid, but the first quote is not in the resume),
malformed, empty, refusal, 429, 500, 401, stall.

"ok" answers like a model that follows the prompt: it reads the plan and the fenced resume
out of the first user turn and writes what the plan asks for (with the project's offline
generator as its pen; an answer to grade, with the offline grader), unless a test set a
fixed ``payload``.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

USAGE_IN, USAGE_OUT = 120, 80


@dataclass
class Received:
    """One request as it reached the vendor: what the tests check the SDKs really send."""

    vendor: str
    path: str  # with the query string, if any
    body: dict[str, Any]
    headers: dict[str, str]

    def header(self, name: str) -> str | None:
        """A header by name, in any case (SDKs differ: ``authorization``, ``Authorization``)."""
        found = [value for key, value in self.headers.items() if key.lower() == name.lower()]
        return found[0] if found else None


class FakeVendors(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.scripts: dict[str, list[str]] = {"openai": [], "anthropic": [], "gemini": []}
        #: A fixed "ok" answer; None means: follow the plan in the prompt.
        self.payload: str | None = None
        self.invalid_payload = '{"questions": []}'
        self.stall_seconds = 4.0
        #: Behave like a local server that rejects strict JSON schemas (400).
        self.reject_json_schema = False
        self.received: list[Received] = []
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def script(self, vendor: str, *behaviours: str) -> None:
        self.scripts[vendor] = list(behaviours)

    def next_behaviour(self, vendor: str) -> str:
        with self._lock:
            return self.scripts[vendor].pop(0) if self.scripts[vendor] else "ok"

    def calls(self, vendor: str) -> list[Received]:
        return [item for item in self.received if item.vendor == vendor]


@contextmanager
def fake_vendors() -> Iterator[FakeVendors]:
    server = FakeVendors()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: FakeVendors
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        vendor = self._vendor()
        self.server.received.append(Received(vendor, self.path, body, dict(self.headers)))
        if self.server.reject_json_schema and _asks_json_schema(body):
            self._send(400, {"error": {"message": "response_format json_schema not supported"}})
            return
        behaviour = self.server.next_behaviour(vendor)
        if behaviour == "stall":
            time.sleep(self.server.stall_seconds)
            behaviour = "ok"
        if behaviour in {"429", "500", "401"}:
            self._send(int(behaviour), _error_body(vendor, int(behaviour)))
            return
        text = {
            "ok": self.server.payload or follow_the_plan(_first_user_turn(vendor, body)),
            "schema_invalid": self.server.invalid_payload,
            "ungrounded": "",
            "malformed": '{"questions": [ {"type": "Reliab',
            "empty": "",
            "refusal": "",
        }[behaviour]
        if behaviour == "ungrounded":
            text = _ungrounded(follow_the_plan(_first_user_turn(vendor, body)))
        model = str(body.get("model", "")) or self.path.rsplit("/", 1)[-1].split(":")[0]
        self._send(200, _answer(vendor, model, text, refused=behaviour == "refusal"))

    def _vendor(self) -> str:
        if self.path.endswith("/chat/completions"):
            return "openai"
        if self.path.endswith("/messages"):
            return "anthropic"
        if ":generateContent" in self.path:
            return "gemini"
        raise AssertionError(f"unexpected path {self.path}")

    def _send(self, status: int, payload: dict[str, Any]) -> None:
        raw = json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a stall test); nothing to answer


def _first_user_turn(vendor: str, body: dict[str, Any]) -> str:
    if vendor == "gemini":
        return str(body["contents"][0]["parts"][0]["text"])
    turns = [m for m in body["messages"] if m["role"] == "user"]
    content = turns[0]["content"]
    return content if isinstance(content, str) else str(content[0]["text"])


def _fenced(prompt: str, tag: str) -> Any:
    start = prompt.find(f"<{tag}>")
    if start < 0:
        return None
    end = prompt.index(f"</{tag}>", start)
    return json.loads(prompt[start + len(tag) + 2 : end])


def follow_the_plan(prompt: str) -> str:
    """What a compliant model answers to one of the project's rendered prompts."""
    from interview_prep.generation import offline
    from interview_prep.generation.plan import make_plan
    from interview_prep.models import ResumeIn
    from interview_prep.models.jobs import JobKind

    if "<questions_to_judge>" in prompt:
        return _verdicts(_fenced(prompt, "questions_to_judge"))
    if "<document>" in prompt:
        return _structured(prompt)
    if "<answer_data>" in prompt:
        return _graded(prompt)
    plan, _ = json.JSONDecoder().raw_decode(prompt, prompt.index("{"))
    resume = ResumeIn.model_validate({"name": "Candidate", **_fenced(prompt, "resume_data")})
    parameters: dict[str, Any] = {"job_description": _fenced(prompt, "job_description")}
    if "questions" in plan:
        kind, parameters["count"] = JobKind.INTERVIEW_QUESTIONS, len(plan["questions"])
    else:
        kind, parameters["path_count"] = JobKind.LEARNING_PATH, len(plan["paths"])
    answer = offline.generate(make_plan(kind, resume, parameters, plan["language"]))
    return json.dumps(answer, ensure_ascii=False)


#: What the fake judge gives every question.
JUDGE_MARKS = {
    "relevance": 4,
    "clarity": 5,
    "answerability": 4,
    "difficulty_fit": 3,
    "grounding": 5,
}


def _verdicts(questions: list[dict[str, Any]]) -> str:
    verdicts = [{"id": q["id"], **JUDGE_MARKS, "note": "fine"} for q in questions]
    return json.dumps({"verdicts": verdicts})


def _structured(prompt: str) -> str:
    """A resume document read as a careful model would: the section parser's reading."""
    from interview_prep.documents.sections import parse_resume_text

    start = prompt.index("<document>") + len("<document>")
    text = prompt[start : prompt.index("</document>", start)]
    return json.dumps(parse_resume_text(text), ensure_ascii=False)


def _graded(prompt: str) -> str:
    """An answer graded as a careful model would: the offline grader's grading."""
    from interview_prep.grading import offline
    from interview_prep.grading.context import GradingTask
    from interview_prep.models.practice import PracticeQuestion

    question, _ = json.JSONDecoder().raw_decode(prompt, prompt.index("{"))
    task = GradingTask(PracticeQuestion.model_validate(question), _fenced(prompt, "answer_data"))
    return json.dumps(offline.grade(task), ensure_ascii=False)


#: What an inventing model puts in: text the document does not have.
INVENTED = "led a team of 400 engineers at a famous company"


def _ungrounded(answer: str) -> str:
    data = json.loads(answer)
    if "work_experiences" in data:  # a structured resume
        data["work_experiences"][0]["company"] = INVENTED
    else:
        items = data.get("questions") or data["paths"]
        items[0]["evidence"]["quote"] = INVENTED
    return json.dumps(data, ensure_ascii=False)


def _asks_json_schema(body: dict[str, Any]) -> bool:
    return bool(body.get("response_format", {}).get("type") == "json_schema")


def _answer(vendor: str, model: str, text: str, *, refused: bool) -> dict[str, Any]:
    if vendor == "openai":
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": 1_795_600_000,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {
                        "role": "assistant",
                        "content": None if refused else text,
                        "refusal": "I can't help with that." if refused else None,
                    },
                    "finish_reason": "stop",
                }
            ],
            "usage": {
                "prompt_tokens": USAGE_IN,
                "completion_tokens": USAGE_OUT,
                "total_tokens": USAGE_IN + USAGE_OUT,
            },
        }
    if vendor == "anthropic":
        return {
            "id": "msg_fake",
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": [] if refused else [{"type": "text", "text": text}],
            "stop_reason": "refusal" if refused else "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": USAGE_IN, "output_tokens": USAGE_OUT},
        }
    candidate: dict[str, Any] = {"index": 0, "finishReason": "SAFETY" if refused else "STOP"}
    if not refused:
        candidate["content"] = {"role": "model", "parts": [{"text": text}]}
    return {
        "candidates": [candidate],
        "usageMetadata": {
            "promptTokenCount": USAGE_IN,
            "candidatesTokenCount": USAGE_OUT,
            "totalTokenCount": USAGE_IN + USAGE_OUT,
        },
        "modelVersion": model,
    }


def _error_body(vendor: str, status: int) -> dict[str, Any]:
    message = {429: "rate limit exceeded", 500: "internal error", 401: "invalid api key"}[status]
    if vendor == "openai":
        return {"error": {"message": message, "type": "api_error", "code": str(status)}}
    if vendor == "anthropic":
        kind = {429: "rate_limit_error", 500: "api_error", 401: "authentication_error"}[status]
        return {"type": "error", "error": {"type": kind, "message": message}}
    state = {429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 401: "UNAUTHENTICATED"}[status]
    return {"error": {"code": status, "message": message, "status": state}}
