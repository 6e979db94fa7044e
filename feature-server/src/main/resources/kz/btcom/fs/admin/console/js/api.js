// The server's public API, as any client calls it: /api/v1 with the bearer token, /health and /metrics without.
// The token is kept in sessionStorage only: it goes when the tab closes, and it never appears in a URL.
const KEY = 'fs-console-token';
let signedOut = () => {};

export const session = {
  token: () => sessionStorage.getItem(KEY),
  keep: (token) => sessionStorage.setItem(KEY, token),
  forget: () => sessionStorage.removeItem(KEY),
};

/** What the API refused, with its own message ({"error": "..."}); status 0 when the server was not reached. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Called when the API no longer knows the session's token (401): the page signs out. */
export function whenSignedOut(callback) {
  signedOut = callback;
}

export function withQuery(path, query = {}) {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') {
      parameters.set(name, value);
    }
  }
  const text = parameters.toString();
  return text ? `${path}?${text}` : path;
}

async function send(method, path, { body, token = session.token(), accept = 'application/json' } = {}) {
  const headers = { Accept: accept };
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const init = { method, headers, cache: 'no-store', credentials: 'omit' };
  if (body !== undefined) {
    headers['Content-Type'] = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, e.message);
  }
  if (!response.ok) {
    let problem = response.statusText;
    try {
      problem = (await response.json()).error ?? problem;
    } catch (notJson) {
      // the status line says it
    }
    if (response.status === 401 && token && token === session.token()) {
      signedOut();
    }
    throw new ApiError(response.status, problem);
  }
  return response;
}

/** A JSON call; resolves to the parsed body (null for 204), rejects with an ApiError. */
export async function call(method, path, options = {}) {
  const response = await send(method, path, options);
  return response.status === 204 ? null : response.json();
}

export const get = (path, query) => call('GET', withQuery(path, query));

/** Prometheus text: fetched like any scrape, no token. */
export async function metricsText() {
  const response = await send('GET', '/metrics', { token: null, accept: 'text/plain' });
  return response.text();
}

/** /health's status word, or 'down' when the server does not answer. */
export async function health() {
  try {
    const response = await fetch('/health', { cache: 'no-store', credentials: 'omit' });
    return (await response.json()).status ?? 'down';
  } catch (e) {
    return 'down';
  }
}

/**
 * Saves what a GET answers as a file: fetched with the token (a plain link could not carry it), then handed to
 * the browser under the name the server gave in Content-Disposition.
 */
export async function download(path, query, accept) {
  const response = await send('GET', withQuery(path, query), { accept });
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') || '';
  const name = (/filename="([^"]+)"/.exec(disposition) || [null, 'download'])[1];
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return name;
}
