// Results rendered for people (DOM) and as Markdown. Text from the API is always set as
// text, never as HTML: a resume quote cannot inject markup.

import { t } from "./i18n.js";

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
