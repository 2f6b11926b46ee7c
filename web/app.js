// The page: resumes (list, open, edit as a form or JSON, save, delete, upload a PDF or DOCX
// to be parsed, import or download a JSON Resume), generation with live progress, and the
// result rendered for people; practising a question (answer it, typed or dictated, read its
// grade, answer the follow-up) and the history of those attempts.
// No framework, no build step.

import {
  Api,
  ApiError,
  MAX_UPLOAD_BYTES,
  NetworkError,
  TransferError,
  pollJob,
  sendFile,
  uploadType,
} from "./api.js";
import { language, setLanguage, t, translatePage } from "./i18n.js";
import {
  h,
  learningPathMarkdown,
  questionsMarkdown,
  renderGrade,
  renderHistory,
  renderLearningPath,
  renderQuestions,
  slug,
} from "./render.js";

const $ = (selector) => document.querySelector(selector);
const LOOPBACK = ["127.0.0.1", "localhost", "[::1]"].includes(location.hostname);
const SAMPLE_URL = "samples/resume-backend-ko.json";
const MAX_ANSWER = 5000; // characters, as the API accepts
const ANSWER_WAIT = 20; // seconds the API may hold an answer to return its grade directly
const HISTORY_PAGE = 20; // attempts shown at once
const HISTORY_MAX_PAGES = 10; // of 100 attempts each: the best scores are over all of them
// The browser's speech recognition, where it has one (Chromium: webkit-prefixed).
const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition || null;

const state = {
  api: null,
  key: null, // unique_key of the open resume (null: not saved yet)
  resume: { name: "" },
  view: "form",
  result: null,
  kind: "interview",
  generating: false,
  uploading: false,
  errors: {}, // the last 422's field errors, shown again when the form is redrawn
  cursor: null, // where the next page of the resume list starts
  sampleLoading: null, // the sample's fetch while it runs
  practice: {}, // question id ("q1", "q1.f1"…) -> its answer panel (see practiceEntry)
  // the practice history shown with the questions: every attempt of the resume `key`
  history: { key: null, attempts: [], shown: HISTORY_PAGE, loaded: false, error: null, token: 0 },
};

// --- settings ---------------------------------------------------------------------------

function loadSettings() {
  const stored = JSON.parse(localStorage.getItem("interview-prep-settings") || "{}");
  return {
    baseUrl: stored.baseUrl ?? "",
    // the local stack's demo key: only offered when the page itself is on this machine
    apiKey: stored.apiKey ?? (LOOPBACK ? "local-demo-key" : ""),
  };
}

function applySettings(settings) {
  state.api = new Api(settings);
  $("#api-base").value = settings.baseUrl;
  $("#api-key").value = settings.apiKey;
}

// --- notices and errors -----------------------------------------------------------------

// A message for the user; `detail` (the server's own words) goes on a line of its own.
function notify(message, kind = "info", detail = null) {
  const notice = $("#notice");
  notice.replaceChildren(message);
  if (detail && detail !== message) notice.append(h("span", { class: "detail" }, detail));
  notice.className = `notice ${kind}`;
  notice.hidden = !message;
}

// The human text of an error code the page knows (errors.UPLOAD_NO_TEXT…), or null.
function codeText(code) {
  const text = code ? t(`errors.${code}`) : null;
  return text && text !== `errors.${code}` ? text : null;
}

// A failure as [message, detail]: the code's human text and the server's detail when the
// code is known, else the detail alone.
function failure(code, detail) {
  const known = codeText(code);
  return known ? [known, detail] : [t("error", { detail: detail || code || t("failed") }), null];
}

function describe(error) {
  if (error instanceof NetworkError) return t("networkError", { error: error.message });
  if (error instanceof ApiError) return t("error", { detail: error.message });
  return t("error", { detail: String(error.message || error) });
}

// An error as [message, detail], as the notice shows it.
function errorParts(error) {
  if (error instanceof ApiError && codeText(error.code)) return failure(error.code, error.message);
  return [describe(error), null];
}

function notifyError(error) {
  const [message, detail] = errorParts(error);
  notify(message, "error", detail);
}

function showFieldErrors(errors) {
  state.errors = errors;
  const box = $("#field-errors");
  for (const element of document.querySelectorAll(".field-error")) element.remove();
  for (const element of document.querySelectorAll("[aria-invalid]")) element.removeAttribute("aria-invalid");
  const entries = Object.entries(errors);
  box.hidden = entries.length === 0;
  box.replaceChildren();
  if (!entries.length) return;
  box.append(
    h("p", {}, t("fixFields")),
    h("ul", {}, entries.map(([field, message]) => h("li", {}, h("code", {}, field), " — ", message))),
  );
  for (const [field, message] of entries) {
    const input = inputFor(field);
    if (!input) continue;
    input.setAttribute("aria-invalid", "true");
    const note = h("span", { class: "field-error", id: `error-${field}` }, message);
    input.setAttribute("aria-describedby", note.id);
    input.insertAdjacentElement("afterend", note);
  }
}

// The form input showing `field` (work_experiences.0.achievements.2 -> the achievements box).
function inputFor(field) {
  const parts = field.split(".");
  while (parts.length) {
    const found = document.querySelector(`[data-field="${CSS.escape(parts.join("."))}"]`);
    if (found) return found;
    parts.pop();
  }
  return null;
}

// --- the resume form ----------------------------------------------------------------------

const lines = (value) => (value || []).join("\n");
const splitLines = (text) => text.split("\n").map((line) => line.trim()).filter(Boolean);
const splitCommas = (text) => text.split(",").map((item) => item.trim()).filter(Boolean);

function field(label, path, value, { type = "text", rows, hint, onInput } = {}) {
  const id = `f-${path.replace(/\./g, "-")}`;
  const input = rows
    ? h("textarea", { id, rows, "data-field": path }, value ?? "")
    : h("input", { id, type, "data-field": path, value: value ?? "" });
  input.addEventListener("input", () => onInput(input.value));
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    hint ? h("small", { class: "muted" }, hint) : null,
    input,
  );
}

function skillsText(skills) {
  return Object.entries(skills || {})
    .map(([group, items]) => `${group}: ${(items || []).join(", ")}`)
    .join("\n");
}

function parseSkills(text) {
  const skills = {};
  for (const line of splitLines(text)) {
    const [group, ...rest] = line.split(":");
    if (rest.length) skills[group.trim()] = splitCommas(rest.join(":"));
    else skills.other = [...(skills.other || []), ...splitCommas(group)];
  }
  return skills;
}

function renderForm() {
  const resume = state.resume;
  const set = (mutate) => (value) => {
    mutate(value);
    markUnsaved();
  };
  const form = $("#form-view");
  form.replaceChildren(
    field(t("name"), "name", resume.name, { onInput: set((v) => (resume.name = v)) }),
    field(t("email"), "contact.email", resume.contact?.email, {
      type: "email",
      onInput: set((v) => {
        resume.contact = { ...(resume.contact || {}), email: v || null };
      }),
    }),
    field(t("months"), "total_experience_months", resume.total_experience_months, {
      type: "number",
      onInput: set((v) => (resume.total_experience_months = v === "" ? null : Number(v))),
    }),
    field(t("summary"), "summary", resume.summary, { rows: 3, onInput: set((v) => (resume.summary = v || null)) }),
    field(t("skills"), "technical_skills", skillsText(resume.technical_skills), {
      rows: 4,
      hint: t("skillsHint"),
      onInput: set((v) => (resume.technical_skills = parseSkills(v))),
    }),
    section("work", "work_experiences", [
      ["company", "company"],
      ["position", "position"],
      ["projectName", "project_name"],
      ["projectDescription", "project_description", { rows: 2 }],
      ["techStack", "tech_stack", { list: "commas" }],
      ["achievements", "achievements", { list: "lines", rows: 4 }],
      ["teamSize", "team_size", { type: "number" }],
    ]),
    section("projects", "personal_projects", [
      ["projectTitle", "name"],
      ["description", "description", { rows: 2 }],
      ["techStack", "tech_stack", { list: "commas" }],
      ["achievements", "key_achievements", { list: "lines", rows: 4 }],
    ]),
  );
  showFieldErrors(state.errors);
}

// A repeatable group of cards (work experiences, projects), each a few fields.
function section(title, key, fields) {
  const items = (state.resume[key] = state.resume[key] || []);
  const cards = items.map((item, index) =>
    h(
      "fieldset",
      { class: "card" },
      h("legend", {}, `${t(title)} ${index + 1}`),
      fields.map(([label, name, options = {}]) => {
        const path = `${key}.${index}.${name}`;
        const value =
          options.list === "commas" ? (item[name] || []).join(", ") : options.list === "lines" ? lines(item[name]) : item[name];
        return field(t(label), path, value, {
          ...options,
          onInput: (text) => {
            item[name] =
              options.list === "commas"
                ? splitCommas(text)
                : options.list === "lines"
                  ? splitLines(text)
                  : options.type === "number"
                    ? text === "" ? null : Number(text)
                    : text || null;
            markUnsaved();
          },
        });
      }),
      h(
        "button",
        {
          type: "button",
          class: "link",
          onclick: () => {
            items.splice(index, 1);
            renderForm();
            markUnsaved();
          },
        },
        t("remove"),
      ),
    ),
  );
  return h(
    "div",
    { class: "repeat" },
    h("h3", {}, t(title)),
    cards,
    h(
      "button",
      {
        type: "button",
        onclick: () => {
          items.push({});
          renderForm();
        },
      },
      `+ ${t("add")}`,
    ),
  );
}

function markUnsaved() {
  $("#editor-state").textContent = t("unsaved");
}

// --- views: form / JSON -------------------------------------------------------------------

function switchView(view) {
  if (view === state.view) return;
  if (view === "form" && !readJson()) return; // stay on JSON until it parses
  state.view = view;
  if (view === "json") $("#json-text").value = JSON.stringify(state.resume, null, 2);
  else renderForm();
  $("#form-view").hidden = view !== "form";
  $("#json-view").hidden = view !== "json";
  $("#tab-form").setAttribute("aria-selected", String(view === "form"));
  $("#tab-json").setAttribute("aria-selected", String(view === "json"));
}

function readJson() {
  try {
    state.resume = JSON.parse($("#json-text").value || "{}");
    showFieldErrors({});
    return true;
  } catch (error) {
    showFieldErrors({ JSON: t("invalidJson", { error: error.message }) });
    return false;
  }
}

function openResume(resume, key) {
  const { unique_key, owner, created_at, updated_at, ...editable } = resume;
  state.resume = editable;
  state.key = key ?? unique_key ?? null;
  $("#editor-state").textContent = state.key ? "" : t("unsaved");
  $("#download-jsonresume").disabled = !state.key;
  showFieldErrors({});
  if (state.view === "json") $("#json-text").value = JSON.stringify(state.resume, null, 2);
  else renderForm();
  highlightOpen();
}

// --- resumes ------------------------------------------------------------------------------

function resumeItem(resume) {
  return h(
    "li",
    { "data-key": resume.unique_key },
    h("span", { class: "resume-name" }, resume.name),
    h("small", { class: "muted" }, new Date(resume.updated_at).toLocaleString(language())),
    h(
      "div",
      { class: "row-actions" },
      h("button", { type: "button", onclick: () => open(resume.unique_key) }, t("open")),
      h("button", { type: "button", class: "danger", onclick: () => remove(resume) }, t("delete")),
    ),
  );
}

// The newest page of resumes; `more` appends the next page (the API's cursor).
async function refreshList({ more = false } = {}) {
  try {
    const page = await state.api.listResumes(more ? state.cursor : null);
    const list = $("#resume-list");
    const items = page.items.map(resumeItem);
    if (more) list.append(...items);
    else list.replaceChildren(...items);
    state.cursor = page.next_cursor;
    $("#load-more").hidden = !page.next_cursor;
    $("#no-resumes").hidden = list.children.length > 0;
    highlightOpen();
  } catch (error) {
    notifyError(error);
  }
}

function highlightOpen() {
  for (const item of document.querySelectorAll("#resume-list li")) {
    item.classList.toggle("current", item.dataset.key === state.key);
  }
}

async function open(key) {
  try {
    openResume(await state.api.getResume(key), key);
    notify("");
  } catch (error) {
    notifyError(error);
  }
}

async function remove(resume) {
  if (!confirm(t("confirmDelete", { name: resume.name }))) return;
  try {
    await state.api.deleteResume(resume.unique_key);
    if (state.key === resume.unique_key) openResume({ name: "" }, null);
    notify(t("deleted", { name: resume.name }), "success");
    await refreshList();
  } catch (error) {
    notifyError(error);
  }
}

async function save() {
  await state.sampleLoading; // a Save pressed while the sample loads saves the sample
  if (state.view === "json" && !readJson()) return;
  try {
    const saved = await state.api.saveResume(state.key, state.resume);
    const created = !state.key;
    openResume(saved, saved.unique_key);
    showFieldErrors({});
    notify(created ? t("created", { name: saved.name }) : t("saved"), "success");
    await refreshList();
  } catch (error) {
    if (error instanceof ApiError && error.status === 422) {
      showFieldErrors(error.fieldErrors());
      notify(t("fixFields").replace(/:$/, "."), "error");
    } else {
      notifyError(error);
    }
  }
}

function loadSample() {
  const loading = (async () => {
    try {
      const response = await fetch(SAMPLE_URL);
      openResume(await response.json(), null);
    } catch (error) {
      notifyError(error);
    } finally {
      if (state.sampleLoading === loading) state.sampleLoading = null;
    }
  })();
  state.sampleLoading = loading;
  return loading;
}

// A JSON Resume (jsonresume.org): a top-level `basics` object and no `name` of its own.
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const isJsonResume = (data) => isObject(data) && isObject(data.basics) && !("name" in data);

// This page's own JSON opens in the form unsaved; a JSON Resume is stored by the API
// (?format=jsonresume), which translates it, and the stored resume opens for review.
async function upload(file) {
  let data;
  try {
    data = JSON.parse(await file.text());
  } catch (error) {
    showFieldErrors({ JSON: t("invalidJson", { error: error.message }) });
    return;
  }
  if (isJsonResume(data)) await importJsonResume(data, file);
  else openResume(data, null);
}

async function importJsonResume(data, file) {
  try {
    const saved = await state.api.importJsonResume(data);
    openResume(saved, saved.unique_key);
    notify(t("imported", { name: saved.name, file: file.name }), "success");
    if (state.view === "form") $('[data-field="name"]').focus();
    await refreshList();
  } catch (error) {
    if (error instanceof ApiError && error.status === 422) {
      showFieldErrors(error.fieldErrors());
      notify(t("importFailed", { file: file.name }), "error", error.message);
    } else {
      notifyError(error);
    }
  }
}

// The saved resume as the API exports it, not the form's unsaved edits.
async function downloadJsonResume() {
  if (!state.key) return notify(t("noResume"), "error");
  try {
    const exported = await state.api.exportJsonResume(state.key);
    const name = (exported.basics?.name || "").replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "-").trim();
    download(`${name || "resume"}.resume.json`, "application/json", JSON.stringify(exported, null, 2));
  } catch (error) {
    notifyError(error);
  }
}

// --- jobs: progress shown while one runs ----------------------------------------------------

// A progress display (`#{id}`, its bar and its message); `percent` null: busy, no figure yet.
function progressBox(id) {
  const box = $(`#${id}`);
  const bar = $(`#${id}-bar`);
  const text = $(`#${id}-message`);
  return {
    show(percent, message) {
      box.hidden = false;
      if (percent === null) bar.removeAttribute("value");
      else bar.value = percent;
      text.textContent = message;
    },
    hide() {
      box.hidden = true;
    },
    get percent() {
      return bar.hasAttribute("value") ? bar.value : 0;
    },
  };
}

const generationProgress = progressBox("progress");
const uploadProgress = progressBox("upload-progress");

// Poll a job (generation or upload parse) to its end, its progress shown in `box`.
function followJob(statusUrl, box) {
  return pollJob(state.api, statusUrl, {
    onProgress: (job) =>
      box.show(job.percent ?? 0, job.status === "queued" ? t("queued") : job.message || t("running")),
    onRetry: (seconds) => box.show(box.percent, t("retrying", { seconds })),
  });
}

// A job that ended `failed`: its code's human text, the server's detail under it.
function showJobFailure(job, box) {
  box.show(job.percent ?? 0, t("failed"));
  const [message, detail] = failure(job.error?.code, job.error?.detail);
  notify(message, "error", detail);
}

// --- uploading a PDF or DOCX --------------------------------------------------------------

const megabytes = (bytes) => (bytes / (1024 * 1024)).toFixed(1);

// Why the page will not send `file` ([message, detail]), or null when it may.
function refusal(file) {
  if (!uploadType(file)) {
    return [t("errors.UPLOAD_UNSUPPORTED_TYPE"), t("notADocument", { file: file.name })];
  }
  if (file.size > MAX_UPLOAD_BYTES) {
    return [t("errors.UPLOAD_TOO_LARGE"), t("fileSize", { file: file.name, size: megabytes(file.size) })];
  }
  if (file.size === 0) return [t("emptyFile", { file: file.name }), null];
  return null;
}

function setUploading(busy) {
  state.uploading = busy;
  $("#upload-document").disabled = busy;
  $('label[for="upload-document"]').setAttribute("aria-disabled", String(busy));
}

function transferMessage(error) {
  if (error.timedOut) return t("transferTimeout");
  if (error.status === 0) return t("transferRefused");
  if (error.status === 403 && /expired/i.test(error.message)) return t("errors.UPLOAD_EXPIRED");
  return t("transferFailed", { status: error.status });
}

// Declare the file, PUT it to the presigned URL, follow the parse job, then open the parsed
// resume in the form for review. Nothing is generated: the user reads, edits and saves.
async function uploadDocument(file) {
  if (state.uploading) return;
  const refused = refusal(file);
  if (refused) {
    uploadProgress.hide();
    notify(refused[0], "error", refused[1]);
    return;
  }
  setUploading(true);
  notify("");
  uploadProgress.show(null, t("uploadStarting", { file: file.name }));
  try {
    const started = await state.api.startUpload(file, uploadType(file));
    uploadProgress.show(null, t("uploadSending", { file: file.name, size: megabytes(file.size) }));
    await sendFile(started.upload, file);
    uploadProgress.show(0, t("queued"));
    const job = await followJob(started.status_url, uploadProgress);
    if (job.status === "failed") return showJobFailure(job, uploadProgress);
    uploadProgress.show(100, t("succeeded"));
    const resume = await state.api.get(started.result_url);
    openResume(resume, started.unique_key);
    $("#editor-state").textContent = t("parsedState", { file: file.name });
    notify(t("parsed", { file: file.name }), "success");
    if (state.view === "form") $('[data-field="name"]').focus();
    await refreshList();
  } catch (error) {
    uploadProgress.show(uploadProgress.percent, t("failed"));
    if (error instanceof TransferError) {
      notify(transferMessage(error), "error", error.code ? `${error.code}: ${error.message}` : error.message);
    } else {
      notifyError(error);
    }
  } finally {
    setUploading(false);
  }
}

// --- generation -----------------------------------------------------------------------------

async function generate(event) {
  event.preventDefault();
  if (!state.key) return notify(t("noResume"), "error");
  if (state.generating) return;
  const kind = document.querySelector('input[name="kind"]:checked').value;
  const count = Number($("#gen-count").value);
  const parameters = { language: $("#gen-language").value };
  parameters[kind === "interview" ? "count" : "path_count"] = count;
  const jd = $("#gen-jd").value.trim();
  if (jd) parameters.job_description = jd;
  state.generating = true;
  $("#start").disabled = true;
  notify("");
  generationProgress.show(0, t("queued"));
  try {
    const started = await state.api.startGeneration(kind, state.key, parameters);
    const job = await followJob(started.status_url, generationProgress);
    if (job.status === "failed") return showJobFailure(job, generationProgress);
    generationProgress.show(100, t("succeeded"));
    showResult(kind, await state.api.get(started.result_url));
  } catch (error) {
    generationProgress.hide();
    notifyError(error);
  } finally {
    state.generating = false;
    $("#start").disabled = false;
  }
}

function showResult(kind, result, { focus = true } = {}) {
  const fresh = state.result?.data !== result; // not the same result drawn again (language)
  state.result = { kind, data: result };
  if (fresh) resetPractice();
  const rendered = kind === "interview" ? renderQuestions(result) : renderLearningPath(result);
  if (kind === "interview") addPractice(rendered, result);
  $("#result").replaceChildren(rendered);
  showHistory(kind === "interview" ? result.unique_key : null, { reload: fresh });
  $("#result-actions").hidden = false;
  if (!focus) return;
  // screen readers and keyboards land on the result, which may be far below
  const heading = $("#result").querySelector("h2");
  heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
  heading.scrollIntoView({ behavior: "smooth", block: "start" });
}

function markdown() {
  const { kind, data } = state.result;
  return kind === "interview" ? questionsMarkdown(data) : learningPathMarkdown(data);
}

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function fileName(extension) {
  const { kind, data } = state.result;
  return `${kind === "interview" ? "interview-questions" : "learning-path"}-${data.unique_key}.${extension}`;
}

// --- practising: answer a question, read its grade, answer its follow-up -------------------

// The Web Speech API's language for the question set: its own language, else the script
// the question is written in.
function speechLanguage(result, question) {
  if (result.language === "ko") return "ko-KR";
  if (result.language === "en") return "en-US";
  return /[\u3131-\u318e\uac00-\ud7a3]/.test(question.question) ? "ko-KR" : "en-US";
}

// The answer panel of one question (or follow-up), kept across redraws and a language switch.
function practiceEntry(question, context) {
  state.practice[question.id] ??= {
    open: false,
    draft: "",
    busy: false,
    status: "",
    error: null, // {message, detail, field}: field when the answer itself was refused
    attempt: null, // the latest graded attempt
    listening: false,
    recognition: null,
  };
  const entry = state.practice[question.id];
  entry.question = question;
  entry.context = context; // {key, setId, lang}
  return entry;
}

function stopDictation(entry) {
  if (entry.recognition) {
    entry.recognition.onend = null;
    entry.recognition.onresult = null;
    entry.recognition.abort?.();
  }
  entry.recognition = null;
  entry.listening = false;
}

function resetPractice() {
  for (const entry of Object.values(state.practice)) stopDictation(entry);
  state.practice = {};
}

// Each rendered question gets its "Practise" button and (closed) answer panel.
function addPractice(section, result) {
  result.questions.forEach((raw, index) => {
    const question = { ...raw, id: raw.id || `q${index + 1}` };
    const item = section.querySelector(`.question[data-question-id="${CSS.escape(question.id)}"]`);
    if (!item) return;
    practiceEntry(question, {
      key: result.unique_key,
      setId: result.job_id,
      lang: speechLanguage(result, question),
    });
    item.querySelector(".question-text").id = `question-text-${slug(question.id)}`;
    item.append(practiceArea(question.id));
  });
}

const ids = (questionId) => {
  const part = slug(questionId);
  return {
    panel: `practice-${part}`,
    answer: `answer-${part}`,
    counter: `answer-count-${part}`,
    status: `answer-status-${part}`,
    error: `answer-error-${part}`,
    dictate: `dictate-${part}`,
    question: `question-text-${part}`,
    grade: `grade-${part}-title`,
  };
};

const counterText = (text) => t("characters", { count: text.length, max: MAX_ANSWER });

// The button and the panel of `questionId`, drawn from its entry in state.practice.
function practiceArea(questionId) {
  const entry = state.practice[questionId];
  const id = ids(questionId);
  const followUp = questionId.includes(".");
  const textarea = h(
    "textarea",
    {
      id: id.answer,
      rows: 6,
      maxlength: MAX_ANSWER,
      "aria-required": "true",
      "aria-invalid": entry.error?.field ? "true" : null,
      "aria-describedby": [id.counter, entry.error ? id.error : null].filter(Boolean).join(" "),
      oninput: () => {
        entry.draft = textarea.value;
        $(`#${id.counter}`).textContent = counterText(entry.draft);
      },
    },
    entry.draft,
  );
  const form = h(
    "form",
    {
      class: "answer-form",
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        submitAnswer(questionId);
      },
    },
    h("label", { for: id.answer }, t("yourAnswer")),
    textarea,
    h("p", { id: id.counter, class: "counter muted", "aria-live": "off" }, counterText(entry.draft)),
    h(
      "div",
      { class: "toolbar" },
      h("button", { type: "submit", class: "primary submit-answer", disabled: entry.busy }, t("submitAnswer")),
      h(
        "button",
        {
          type: "button",
          id: id.dictate,
          class: "dictate",
          hidden: !Recognition,
          "aria-pressed": String(entry.listening),
          onclick: () => toggleDictation(questionId),
        },
        t("dictate"),
      ),
    ),
    h("p", { id: id.status, class: "practice-status muted", role: "status" }, entry.status),
    entry.error
      ? h(
          "div",
          { id: id.error, class: "notice error", role: "alert" },
          entry.error.message,
          entry.error.detail && entry.error.detail !== entry.error.message
            ? h("span", { class: "detail" }, entry.error.detail)
            : null,
        )
      : null,
  );
  return h(
    "div",
    { class: "practice", "data-practice-for": questionId },
    h(
      "button",
      {
        type: "button",
        class: "practise",
        "aria-expanded": String(entry.open),
        "aria-controls": id.panel,
        "aria-describedby": id.question,
        onclick: () => togglePractice(questionId),
      },
      followUp ? t("answerFollowUp") : t("practise"),
    ),
    h(
      "div",
      { class: "practice-panel", id: id.panel, hidden: !entry.open },
      form,
      entry.attempt ? renderGrade(entry.attempt, followUpBlock(entry)) : null,
    ),
  );
}

// The follow-up question of a graded attempt, answerable in a panel of its own.
function followUpBlock(parent) {
  const followUp = parent.attempt.follow_up;
  if (!followUp?.id) return null;
  practiceEntry(followUp, parent.context);
  const cover = followUp.what_good_answers_cover || [];
  return h(
    "div",
    { class: "follow-up", "data-question-id": followUp.id },
    h("h5", {}, t("followUp")),
    h(
      "div",
      { class: "badges" },
      h("span", { class: "badge type" }, followUp.type),
      h("span", { class: `badge difficulty ${followUp.difficulty}` }, t(`difficulty.${followUp.difficulty}`)),
    ),
    h("p", { class: "follow-up-text", id: ids(followUp.id).question }, followUp.question),
    cover.length
      ? h("details", { class: "follow-up-cover" }, h("summary", {}, t("cover")), h("ul", {}, cover.map((point) => h("li", {}, point))))
      : null,
    practiceArea(followUp.id),
  );
}

function redrawPractice(questionId) {
  const area = document.querySelector(`[data-practice-for="${CSS.escape(questionId)}"]`);
  if (area && state.practice[questionId]) area.replaceWith(practiceArea(questionId));
}

function focusById(id) {
  document.getElementById(id)?.focus();
}

function togglePractice(questionId) {
  const entry = state.practice[questionId];
  entry.open = !entry.open;
  if (!entry.open) stopDictation(entry);
  redrawPractice(questionId);
  if (entry.open) focusById(ids(questionId).answer);
  else document.querySelector(`[data-practice-for="${CSS.escape(questionId)}"] > .practise`)?.focus();
}

// A status line of one panel, changed in place (no redraw: the caret stays where it is).
function setPracticeStatus(questionId, text) {
  const entry = state.practice[questionId];
  if (entry) entry.status = text;
  const line = document.getElementById(ids(questionId).status);
  if (line) line.textContent = text;
}

// A new grade of a question makes the follow-ups of its earlier grade moot.
function forgetFollowUps(questionId) {
  for (const [id, entry] of Object.entries(state.practice)) {
    if (id.startsWith(`${questionId}.`)) {
      stopDictation(entry);
      delete state.practice[id];
    }
  }
}

function answerError(error) {
  if (error instanceof ApiError && error.status === 422) {
    const fields = error.fieldErrors();
    return { message: t("answerRefused"), detail: fields.answer || error.message, field: "answer" in fields };
  }
  const [message, detail] = errorParts(error);
  return { message, detail, field: false };
}

// POST the answer (?wait: the grade itself when it is quick); else follow the job to its
// result. The grade, the follow-up and the history are drawn when it is there.
async function submitAnswer(questionId) {
  const entry = state.practice[questionId];
  if (!entry || entry.busy) return;
  const answer = entry.draft.trim();
  if (!answer) {
    entry.error = { message: t("answerEmpty"), detail: null, field: true };
    redrawPractice(questionId);
    focusById(ids(questionId).answer);
    return;
  }
  stopDictation(entry);
  const { key, setId } = entry.context;
  Object.assign(entry, { busy: true, error: null, status: t("grading") });
  redrawPractice(questionId);
  focusById(ids(questionId).answer);
  let graded = false;
  try {
    const body = { question_id: questionId, answer, set_id: setId };
    let attempt = await state.api.submitAnswer(key, body, { wait: ANSWER_WAIT });
    if (attempt?.status_url) {
      // 202: not graded within the wait; poll the job as a generation's
      const accepted = attempt;
      const job = await pollJob(state.api, accepted.status_url, {
        onProgress: (polled) => setPracticeStatus(questionId, polled.status === "queued" ? t("queued") : t("grading")),
        onRetry: (seconds) => setPracticeStatus(questionId, t("retrying", { seconds })),
      });
      if (job.status === "failed") {
        const [message, detail] = failure(job.error?.code, job.error?.detail);
        entry.error = { message, detail, field: false };
        return;
      }
      attempt = await state.api.get(accepted.result_url);
    }
    forgetFollowUps(questionId);
    entry.attempt = attempt;
    graded = true;
  } catch (error) {
    entry.error = answerError(error);
  } finally {
    Object.assign(entry, { busy: false, status: "" });
    if (state.practice[questionId] === entry) {
      redrawPractice(questionId);
      focusById(graded ? ids(questionId).grade : ids(questionId).answer);
    }
  }
  if (graded && state.history.key === entry.context.key) loadHistory(entry.context.key);
}

// --- dictation (where the browser offers the Web Speech API) ---

function appendAnswer(questionId, text) {
  const entry = state.practice[questionId];
  const heard = text.trim();
  if (!entry || !heard) return;
  const joined = entry.draft && !/\s$/.test(entry.draft) ? `${entry.draft} ${heard}` : entry.draft + heard;
  entry.draft = joined.slice(0, MAX_ANSWER);
  const id = ids(questionId);
  const textarea = document.getElementById(id.answer);
  if (textarea) textarea.value = entry.draft;
  const counter = document.getElementById(id.counter);
  if (counter) counter.textContent = counterText(entry.draft);
}

function showDictating(questionId, listening) {
  document.getElementById(ids(questionId).dictate)?.setAttribute("aria-pressed", String(listening));
}

function toggleDictation(questionId) {
  const entry = state.practice[questionId];
  if (!Recognition || !entry) return;
  if (entry.listening) {
    entry.recognition?.stop();
    return;
  }
  const recognition = new Recognition();
  recognition.lang = entry.context.lang;
  recognition.continuous = true;
  recognition.interimResults = false;
  recognition.onresult = (event) => {
    const heard = [];
    for (let index = event.resultIndex ?? 0; index < event.results.length; index += 1) {
      const result = event.results[index];
      if (result.isFinal !== false) heard.push(result[0].transcript);
    }
    appendAnswer(questionId, heard.join(" "));
  };
  recognition.onerror = (event) => {
    setPracticeStatus(questionId, t("dictationFailed", { error: event.error || "error" }));
  };
  recognition.onend = () => {
    entry.recognition = null;
    entry.listening = false;
    showDictating(questionId, false);
    if (entry.status === t("listening")) setPracticeStatus(questionId, "");
  };
  entry.recognition = recognition;
  entry.listening = true;
  showDictating(questionId, true);
  setPracticeStatus(questionId, t("listening"));
  try {
    recognition.start();
  } catch (error) {
    stopDictation(entry);
    showDictating(questionId, false);
    setPracticeStatus(questionId, t("dictationFailed", { error: error.message }));
  }
}

// --- the practice history of the resume (with the interview questions) ---

// Show the history of `key` (null: hide it); `reload` fetches it again.
function showHistory(key, { reload = false } = {}) {
  const section = $("#practice-history");
  if (!key) {
    section.hidden = true;
    state.history.token += 1; // a load under way is no longer wanted
    return;
  }
  section.hidden = false;
  if (reload || state.history.key !== key) {
    Object.assign(state.history, { key, attempts: [], shown: HISTORY_PAGE, loaded: false, error: null });
    loadHistory(key);
  }
  drawHistory();
}

// Every attempt of the resume (pages of 100, up to HISTORY_MAX_PAGES): the best scores are
// over all of them, the table shows HISTORY_PAGE at a time.
async function loadHistory(key) {
  const token = ++state.history.token;
  const attempts = [];
  let error = null;
  try {
    let cursor = null;
    for (let page = 0; page < HISTORY_MAX_PAGES; page += 1) {
      const got = await state.api.listAnswers(key, { limit: 100, cursor });
      attempts.push(...got.items);
      cursor = got.next_cursor;
      if (!cursor) break;
    }
  } catch (failed) {
    error = errorParts(failed);
  }
  if (token !== state.history.token || state.history.key !== key) return; // superseded
  if (error) state.history.error = error;
  else Object.assign(state.history, { attempts, loaded: true, error: null });
  drawHistory();
}

function drawHistory() {
  const body = $("#history-body");
  const history = state.history;
  body.setAttribute("aria-busy", String(!history.loaded && !history.error));
  if (history.error) {
    const [message, detail] = history.error;
    body.replaceChildren(h("div", { class: "notice error" }, message, detail ? h("span", { class: "detail" }, detail) : null));
    return;
  }
  if (!history.loaded) return body.replaceChildren();
  body.replaceChildren(
    ...renderHistory(history.attempts, {
      shown: history.shown,
      onMore: () => {
        history.shown += HISTORY_PAGE;
        drawHistory();
        body.querySelector(".history-more")?.focus();
      },
    }),
  );
}

// --- wiring ---------------------------------------------------------------------------------

function retranslate() {
  translatePage();
  $("#ui-language").value = language();
  if (state.view === "form") renderForm();
  if (state.result) showResult(state.result.kind, state.result.data, { focus: false });
  refreshList();
}

function setKind(kind) {
  const count = $("#gen-count");
  count.min = kind === "interview" ? 1 : 3;
  count.max = kind === "interview" ? 10 : 8;
  count.value = Math.min(Math.max(Number(count.value) || 5, Number(count.min)), Number(count.max));
}

function wire() {
  $("#ui-language").addEventListener("change", (event) => {
    setLanguage(event.target.value);
    localStorage.setItem("interview-prep-language", language());
    retranslate();
  });
  $("#settings-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const settings = { baseUrl: $("#api-base").value.trim(), apiKey: $("#api-key").value.trim() };
    localStorage.setItem("interview-prep-settings", JSON.stringify(settings));
    applySettings(settings);
    refreshList();
  });
  $("#new-resume").addEventListener("click", () => openResume({ name: "" }, null));
  $("#load-more").addEventListener("click", () => refreshList({ more: true }));
  $("#tab-form").addEventListener("click", () => switchView("form"));
  $("#tab-json").addEventListener("click", () => switchView("json"));
  $("#json-text").addEventListener("input", markUnsaved);
  $("#load-sample").addEventListener("click", loadSample);
  $("#upload").addEventListener("change", (event) => {
    const [file] = event.target.files;
    event.target.value = ""; // the same file may be picked again after a fix
    if (file) upload(file);
  });
  $("#upload-document").addEventListener("change", (event) => {
    const [file] = event.target.files;
    event.target.value = ""; // the same file may be picked again after a fix
    if (file) uploadDocument(file);
  });
  $("#save-resume").addEventListener("click", save);
  $("#download-jsonresume").addEventListener("click", downloadJsonResume);
  $("#generate-form").addEventListener("submit", generate);
  for (const radio of document.querySelectorAll('input[name="kind"]')) {
    radio.addEventListener("change", () => setKind(radio.value));
  }
  $("#copy-md").addEventListener("click", async () => {
    await navigator.clipboard.writeText(markdown());
    notify(t("copied"), "success");
  });
  $("#download-md").addEventListener("click", () => download(fileName("md"), "text/markdown", markdown()));
  $("#download-json").addEventListener("click", () =>
    download(fileName("json"), "application/json", JSON.stringify(state.result.data, null, 2)),
  );
}

setLanguage(localStorage.getItem("interview-prep-language") || language());
applySettings(loadSettings());
wire();
retranslate();
openResume({ name: "" }, null);
