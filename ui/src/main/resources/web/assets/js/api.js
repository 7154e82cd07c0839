// The JSON API as the page uses it: cookie session, CSRF header on changes, errors as exceptions.
let csrfToken = null;

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function session() {
  const me = await request('GET', '/api/session');
  csrfToken = me.csrf_token;
  return me;
}

export function get(path, params) {
  return request('GET', path + query(params));
}

/**
 * Reads whose answers replace one another on screen (a list reloaded, a panel refilled): each get
 * supersedes the ones before it, whose answers then come back as null, so an older answer that
 * arrives late never overwrites a newer one. supersede() drops the pending one without a new read.
 */
export function latestOnly() {
  let asked = 0;
  return {
    async get(path, params) {
      const mine = ++asked;
      const data = await get(path, params);
      return mine === asked ? data : null;
    },
    supersede() {
      asked++;
    },
  };
}

export function post(path, body) {
  return request('POST', path, body);
}

export function del(path) {
  return request('DELETE', path);
}

export function query(params) {
  if (!params) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    window.location.assign('/login');
    throw new ApiError(401, 'signed out');
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, (data && data.error) || response.statusText);
  }
  return data;
}
