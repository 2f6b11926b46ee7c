// Results rendered for people (DOM) and as Markdown. Text from the API is always set as
// text, never as HTML: a resume quote cannot inject markup.

import { language, t } from "./i18n.js";

const DIFFICULTIES = ["easy", "medium", "hard"];

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") element.className = value;
    else if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

function byline(result) {
  return h(
    "p",
    { class: "byline" },
    t("generatedBy", { provider: result.provider, model: result.model, version: result.prompt_version }),
  );
}

function evidence(item) {
  if (!item.evidence) return null;
  return h(
    "figure",
    { class: "evidence" },
    h("figcaption", {}, `${t("evidence")} · ${item.evidence.source}`),
    h("blockquote", {}, item.evidence.quote),
  );
}

export function renderQuestions(result) {
  const groups = DIFFICULTIES.map((difficulty) => ({
    difficulty,
    questions: result.questions.filter((q) => q.difficulty === difficulty),
  })).filter((group) => group.questions.length);
  return h(
    "section",
    { class: "result", "aria-labelledby": "result-title" },
    h("h2", { id: "result-title" }, t("questions")),
    byline(result),
    groups.map((group) =>
      h(
        "div",
        { class: "difficulty-group" },
        h("h3", {}, t(`difficulty.${group.difficulty}`)),
        h(
          "ol",
          { class: "questions" },
          group.questions.map((q) => ({ ...q, id: q.id || `q${result.questions.indexOf(q) + 1}` })).map((q) =>
            h(
              "li",
              { class: "question", "data-question-id": q.id },
              h(
                "div",
                { class: "badges" },
                h("span", { class: "badge type" }, q.type),
                h("span", { class: `badge difficulty ${q.difficulty}` }, t(`difficulty.${q.difficulty}`)),
                h("span", { class: "topic" }, q.topic),
              ),
              h("p", { class: "question-text" }, q.question),
              h(
                "fieldset",
                { class: "cover" },
                h("legend", {}, t("cover")),
                q.what_good_answers_cover.map((point, index) => {
                  const id = `${q.id}-cover-${index}`;
                  return h(
                    "div",
                    { class: "check" },
                    h("input", { type: "checkbox", id }),
                    h("label", { for: id }, point),
                  );
                }),
              ),
              evidence(q),
            ),
          ),
        ),
      ),
    ),
  );
}

// --- practice: a graded answer and the history of attempts ---------------------------------

export const MAX_SCORE = 100;

// "q1.f1" -> "q1-f1": a question id made fit for element ids.
export const slug = (questionId) => String(questionId).replace(/[^A-Za-z0-9_-]/g, "-");

function points(items, kind, emptyText) {
  if (!items.length) return h("p", { class: "muted" }, emptyText);
  const mark = kind === "covered" ? "✓" : "✗";
  return h(
    "ul",
    { class: `points ${kind}` },
    items.map((point) =>
      h(
        "li",
        { class: kind },
        h("span", { class: "mark", "aria-hidden": "true" }, mark),
        h("span", { class: "visually-hidden" }, `${t(`${kind}Mark`)}: `),
        h("span", { class: "point" }, point),
      ),
    ),
  );
}

// One graded attempt: score, covered and missing points, feedback; `followUp` (built by the
// page, with its own answer panel) goes under the feedback.
export function renderGrade(attempt, followUp = null) {
  const id = `grade-${slug(attempt.question_id)}`;
  const score = Math.max(0, Math.min(MAX_SCORE, Number(attempt.score) || 0));
  const band = score >= 70 ? "high" : score >= 40 ? "medium" : "low";
  return h(
    "section",
    { class: `grade ${band}`, id, "aria-labelledby": `${id}-title`, "data-attempt-id": attempt.id },
    h(
      "h4",
      { id: `${id}-title`, class: "score", tabindex: "-1" },
      `${t("score")}: `,
      h("span", { class: "score-value" }, t("scoreValue", { score })),
    ),
    h("meter", {
      min: 0,
      max: MAX_SCORE,
      low: 40,
      high: 70,
      optimum: MAX_SCORE,
      value: score,
      "aria-labelledby": `${id}-title`,
    }),
    h("p", { class: "graded-question" }, h("strong", {}, `${t("gradedQuestion")}: `), h("span", { class: "text" }, attempt.question)),
    h(
      "div",
      { class: "grade-points" },
      h("div", { class: "covered-points" }, h("h5", {}, t("covered")), points(attempt.covered || [], "covered", t("noneCovered"))),
      h("div", { class: "missing-points" }, h("h5", {}, t("missing")), points(attempt.missing || [], "missing", t("noneMissing"))),
    ),
    h("h5", {}, t("feedback")),
    h("p", { class: "feedback" }, attempt.feedback),
    followUp,
    h("p", { class: "byline" }, t("gradedBy", { provider: attempt.provider, model: attempt.model, version: attempt.prompt_version })),
  );
}

// "q2" < "q10", "q1" < "q1.f1" < "q1.f2" < "q2".
function compareQuestionIds(a, b) {
  const parts = (id) => id.split(".").map((part) => Number(part.replace(/^\D+/, "")) || 0);
  const [left, right] = [parts(a), parts(b)];
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    if (left[index] === undefined) return -1;
    if (right[index] === undefined) return 1;
    if (left[index] !== right[index]) return left[index] - right[index];
  }
  return 0;
}

// The best score of every question answered (follow-ups are questions of their own).
export function bestScores(attempts) {
  const best = new Map();
  for (const attempt of attempts) {
    const known = best.get(attempt.question_id);
    if (known === undefined || attempt.score > known) best.set(attempt.question_id, attempt.score);
  }
  return [...best.entries()].sort(([a], [b]) => compareQuestionIds(a, b));
}

// The attempts (newest first, as the API lists them), the first `shown` of them in a table.
export function renderHistory(attempts, { shown = attempts.length, onMore } = {}) {
  if (!attempts.length) return [h("p", { class: "muted history-empty" }, t("historyEmpty"))];
  const best = bestScores(attempts)
    .map(([questionId, score]) => `${questionId} ${score}`)
    .join(", ");
  const rows = attempts.slice(0, shown).map((attempt) =>
    h(
      "tr",
      { "data-question-id": attempt.question_id, "data-attempt-id": attempt.id },
      h(
        "th",
        { scope: "row" },
        h("span", { class: "attempt-question-id" }, attempt.question_id),
        h("span", { class: "attempt-question muted" }, attempt.question),
      ),
      h("td", { class: "attempt-score" }, t("scoreValue", { score: attempt.score })),
      h(
        "td",
        { class: "attempt-date" },
        h("time", { datetime: attempt.created_at }, new Date(attempt.created_at).toLocaleString(language(), { dateStyle: "short", timeStyle: "short" })),
      ),
    ),
  );
  return [
    h("p", { class: "best-scores" }, t("best", { scores: best })),
    h(
      "table",
      { class: "history-table" },
      h("caption", { class: "visually-hidden" }, t("historyTitle")),
      h(
        "thead",
        {},
        h("tr", {}, h("th", { scope: "col" }, t("historyQuestion")), h("th", { scope: "col" }, t("historyScore")), h("th", { scope: "col" }, t("historyDate"))),
      ),
      h("tbody", {}, rows),
    ),
    shown < attempts.length ? h("button", { type: "button", class: "history-more", onclick: onMore }, t("showOlder")) : null,
  ].filter(Boolean);
}

function pathCard(path) {
  return h(
    "article",
    { class: `path ${path.type}` },
    h(
      "h4",
      {},
      h("span", { class: `badge ${path.type}` }, t(path.type)),
      " ",
      path.title,
    ),
    h("p", {}, path.description),
    h("p", { class: "reason" }, h("strong", {}, `${t("why")}: `), path.reason),
    h("h5", {}, t("resources")),
    h("ul", {}, path.resources.map((resource) => h("li", {}, resource))),
    h(
      "p",
      {},
      h("a", { href: path.link, target: "_blank", rel: "noopener noreferrer" }, `${t("link")} ↗`),
    ),
    evidence(path),
  );
}

export function renderLearningPath(result) {
  const paths = result.learning_paths || [];
  const column = (type, title) =>
    h(
      "div",
      { class: `path-column ${type}` },
      h("h3", {}, title),
      paths.filter((p) => p.type === type).map(pathCard),
    );
  const analysis = result.analysis || { strengths: [], weaknesses: [] };
  return h(
    "section",
    { class: "result", "aria-labelledby": "result-title" },
    h("h2", { id: "result-title" }, t("paths")),
    byline(result),
    h(
      "div",
      { class: "analysis" },
      h("div", {}, h("h3", {}, t("strengths")), h("ul", {}, analysis.strengths.map((s) => h("li", {}, s)))),
      h("div", {}, h("h3", {}, t("weaknesses")), h("ul", {}, analysis.weaknesses.map((w) => h("li", {}, w)))),
    ),
    h("h3", {}, t("summaryTitle")),
    h("p", { class: "summary" }, result.summary),
    h("div", { class: "paths" }, column("strength", t("strengths")), column("weakness", t("weaknesses"))),
  );
}

const quote = (text) => `> ${String(text).replace(/\n/g, "\n> ")}`;

export function questionsMarkdown(result) {
  const lines = [`# ${t("questions")}`, "", `_${t("generatedBy", { provider: result.provider, model: result.model, version: result.prompt_version })}_`, ""];
  result.questions.forEach((q, index) => {
    lines.push(`## ${index + 1}. ${q.type} · ${t(`difficulty.${q.difficulty}`)} · ${q.topic}`, "", q.question, "");
    lines.push(`**${t("cover")}**`, "", ...q.what_good_answers_cover.map((point) => `- [ ] ${point}`), "");
    if (q.evidence) lines.push(`${t("evidence")} (${q.evidence.source}):`, "", quote(q.evidence.quote), "");
  });
  return lines.join("\n");
}

export function learningPathMarkdown(result) {
  const analysis = result.analysis || { strengths: [], weaknesses: [] };
  const lines = [`# ${t("paths")}`, "", `_${t("generatedBy", { provider: result.provider, model: result.model, version: result.prompt_version })}_`, ""];
  lines.push(`## ${t("strengths")}`, "", ...analysis.strengths.map((s) => `- ${s}`), "");
  lines.push(`## ${t("weaknesses")}`, "", ...analysis.weaknesses.map((w) => `- ${w}`), "");
  lines.push(`## ${t("summaryTitle")}`, "", result.summary, "");
  for (const path of result.learning_paths || []) {
    lines.push(`### [${t(path.type)}] ${path.title}`, "", path.description, "");
    lines.push(`**${t("why")}:** ${path.reason}`, "", `**${t("resources")}:**`, "");
    lines.push(...path.resources.map((resource) => `- ${resource}`), "", `[${t("link")}](${path.link})`, "");
  }
  return lines.join("\n");
}
