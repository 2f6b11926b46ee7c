// The service's HTTP API: every failure becomes an ApiError carrying the standard error
// shape ({detail, error_code, details, request_id}), or a network error the caller can retry.

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

  get(path) {
    return this.call("GET", path);
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
