// The JSON API /api/v1 as the portal uses it: the session cookie travels along (same origin), every state
// change carries the session's CSRF token.

let csrfToken = null;
let onUnauthorised = () => {};

export function useCsrfToken(token) {
  csrfToken = token;
}

/** Called when the API answers 401 to a page that thought it was logged in (the session expired). */
export function whenUnauthorised(callback) {
  onUnauthorised = callback;
}

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
    this.status = status;
    this.problem = problem || {};
  }
}

/** {@code api('GET', '/api/v1/deliveries')} → the JSON answer, or an ApiError. */
export async function api(method, path, body, options) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (e) {
      json = null;
    }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, json);
    error.retryAfter = response.headers.get('Retry-After');
    if (response.status === 401 && !(options && options.quiet401)) {
      onUnauthorised();
    }
    throw error;
  }
  return json;
}

/**
 * Uploads files as one multipart/form-data POST /api/v1/deliveries with XMLHttpRequest (fetch reports no upload
 * progress); {@code organisation}: the member gemeente a samenwerkingsverband delivers for.
 */
export function upload(files, organisation, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const file of files) {
      form.append('file', file, file.name);
    }
    const request = new XMLHttpRequest();
    request.open('POST', '/api/v1/deliveries');
    request.setRequestHeader('Accept', 'application/json');
    if (csrfToken) {
      request.setRequestHeader('X-CSRF-Token', csrfToken);
    }
    if (organisation) {
      request.setRequestHeader('X-Organisation', organisation);
    }
    request.upload.addEventListener('progress', event => {
      if (event.lengthComputable) {
        onProgress(event.loaded, event.total);
      }
    });
    request.addEventListener('load', () => {
      let json = null;
      try {
        json = JSON.parse(request.responseText);
      } catch (e) {
        json = null;
      }
      if (request.status >= 200 && request.status < 300) {
        resolve(json);
      } else {
        reject(new ApiError(request.status, json));
      }
    });
    request.addEventListener('error', () => reject(new ApiError(0, {
      detail: 'De verbinding met de hub is verbroken. Controleer uw verbinding en probeer het opnieuw.'
    })));
    request.send(form);
  });
}
