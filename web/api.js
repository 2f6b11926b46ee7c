// The service's HTTP API: every failure becomes an ApiError carrying the standard error
// shape ({detail, error_code, details, request_id}), or a network error the caller can retry.
// A document upload also talks to the storage (a presigned S3 URL): its failures are
// TransferErrors.

export class ApiError extends Error {
  constructor(status, body) {
    super(body.detail || `HTTP ${status}`);
    this.status = status;
    this.code = body.error_code || "HTTP_" + status;
    this.details = body.details || {};
    this.requestId = body.request_id || null;
  }

  // Field errors of a 422, as {field: message}.
  fieldErrors() {
    const found = {};
    for (const error of this.details.errors || []) found[error.field] = error.message;
    return found;
  }
}

export class NetworkError extends Error {}

// The file could not be sent to the presigned URL: `status` 0 when the request itself failed
// (refused by CORS, unreachable, timed out), else the storage's HTTP status and S3 error code.
export class TransferError extends Error {
  constructor(message, { status = 0, code = null, timedOut = false } = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.timedOut = timedOut;
  }
}

// What the upload endpoint accepts (the server checks again, and checks the real content).
export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const UPLOAD_TYPES = { ".pdf": "application/pdf", ".docx": DOCX_TYPE };
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

// The content type to declare for `file`, or null when it is neither a PDF nor a DOCX.
// Browsers often give a .docx an empty (or generic) type: the extension decides then.
export function uploadType(file) {
  const type = (file.type || "").toLowerCase();
  if (Object.values(UPLOAD_TYPES).includes(type)) return type;
  const extension = /\.[^.]+$/.exec(file.name.toLowerCase())?.[0];
  return UPLOAD_TYPES[extension] ?? null;
}

export class Api {
  constructor({ baseUrl, apiKey }) {
    this.baseUrl = (baseUrl || "").replace(/\/$/, "");
    this.apiKey = apiKey;
  }

  async call(method, path, body) {
    const headers = { "X-Api-Key": this.apiKey };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new NetworkError(error.message);
    }
    if (response.status === 204) return null;
    const text = await response.text();
    let data;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = { detail: text.slice(0, 200) };
    }
    if (!response.ok) throw new ApiError(response.status, data || {});
    return data;
  }

  listResumes(cursor = null, limit = 20) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set("cursor", cursor);
    return this.call("GET", `/api/v1/resumes/?${query}`);
  }

  getResume(key) {
    return this.call("GET", `/api/v1/resumes/${encodeURIComponent(key)}`);
  }

  saveResume(key, resume) {
    return key
      ? this.call("PUT", `/api/v1/resumes/${encodeURIComponent(key)}`, resume)
      : this.call("POST", "/api/v1/resumes/", resume);
  }

  // A JSON Resume (jsonresume.org) document, stored in this service's format: the answer
  // is the stored resume, as saveResume's.
  importJsonResume(document) {
    return this.call("POST", "/api/v1/resumes/?format=jsonresume", document);
  }

  // The stored resume as a JSON Resume v1.0.0 document.
  exportJsonResume(key) {
    return this.call("GET", `/api/v1/resumes/${encodeURIComponent(key)}?format=jsonresume`);
  }

  deleteResume(key) {
    return this.call("DELETE", `/api/v1/resumes/${encodeURIComponent(key)}`);
  }

  startGeneration(kind, key, parameters) {
    const path =
      kind === "interview"
        ? `/api/v1/interview/${encodeURIComponent(key)}/questions`
        : `/api/v1/learning/${encodeURIComponent(key)}/learning-path`;
    return this.call("POST", path, parameters);
  }

  // Declare a PDF or DOCX: the answer carries the parse job and where to PUT the file.
  startUpload(file, contentType) {
    return this.call("POST", "/api/v1/resumes/uploads", {
      filename: file.name,
      content_type: contentType,
      size: file.size,
    });
  }

  // An answer to a question of a set (or to a follow-up, by its id such as "q1.f1"). With
  // `wait` the API holds the request up to that many seconds: the graded attempt itself
  // when grading finished in time, else the job (JobAccepted, with `status_url`) to poll.
  submitAnswer(key, answer, { wait = 0 } = {}) {
    const query = wait ? `?wait=${encodeURIComponent(wait)}` : "";
    return this.call("POST", `/api/v1/interview/${encodeURIComponent(key)}/answers${query}`, answer);
  }

  // Graded attempts of the resume, newest first: {items, next_cursor}.
  listAnswers(key, { questionId = null, setId = null, limit = 20, cursor = null } = {}) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (questionId) query.set("question_id", questionId);
    if (setId) query.set("set_id", setId);
    if (cursor) query.set("cursor", cursor);
    return this.call("GET", `/api/v1/interview/${encodeURIComponent(key)}/answers?${query}`);
  }

  getAnswer(key, attemptId) {
    return this.call(
      "GET",
      `/api/v1/interview/${encodeURIComponent(key)}/answers/${encodeURIComponent(attemptId)}`,
    );
  }

  get(path) {
    return this.call("GET", path);
  }
}

// PUT the file's bytes to the presigned URL with exactly the headers it was signed with:
// no API key (the URL is the authorisation), no cookies. A timeout ends a request that
// never answers, so the page cannot hang on it.
export async function sendFile(upload, file, { timeoutMs = 120_000 } = {}) {
  let response;
  try {
    response = await fetch(upload.url, {
      method: upload.method || "PUT",
      headers: upload.headers || {},
      body: file,
      credentials: "omit",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const timedOut = error.name === "TimeoutError";
    throw new TransferError(timedOut ? `no answer in ${timeoutMs / 1000} s` : error.message, { timedOut });
  }
  if (!response.ok) {
    const text = await response.text().catch(() => "");
    const tag = (name) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(text)?.[1] ?? null;
    throw new TransferError(tag("Message") || `HTTP ${response.status}`, {
      status: response.status,
      code: tag("Code"),
    });
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Poll a job until it succeeds or fails. Delays grow from 0.5 s to 5 s; a network failure
// is reported through onRetry and retried (up to `maxNetworkFailures` in a row).
export async function pollJob(api, statusUrl, { onProgress, onRetry, maxNetworkFailures = 30 } = {}) {
  let delay = 500;
  let failures = 0;
  for (;;) {
    let job;
    try {
      job = await api.get(statusUrl);
      failures = 0;
    } catch (error) {
      if (!(error instanceof NetworkError) || ++failures > maxNetworkFailures) throw error;
      const wait = Math.min(1000 * 2 ** Math.min(failures - 1, 3), 8000);
      onRetry?.(wait / 1000, error);
      await sleep(wait);
      continue;
    }
    onProgress?.(job);
    if (job.status === "succeeded" || job.status === "failed") return job;
    await sleep(delay);
    delay = Math.min(delay * 1.5, 5000);
  }
}
