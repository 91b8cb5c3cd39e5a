// The reviewer API (docs/openapi.yaml), as the console calls it. Two ways to be signed in, one API:
// locally the server's session cookie (and its CSRF token on every change); on AWS each request
// signed with SigV4 by the identity pool's temporary credentials of the signed-in user's role.

import {sign} from './sigv4.js';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || 'The API answered ' + status + '.');
    this.status = status;
    this.code = body?.code || 'HTTP_' + status;
    this.body = body || {};
    // A 409 OPEN_BLOCKERS names each open blocker: a finding plus `finding`, the reference
    // OVERRIDE_FINDING takes (docs/openapi.yaml, Refusal).
    this.blockers = Array.isArray(body?.blockers) ? body.blockers : [];
    this.details = this.blockers.map(blockerLine);
  }
}

/** An open blocker as one line of text: its item, its cell, what is wrong. */
function blockerLine(b) {
  const where = b.location ? (b.location.cell ? b.location.sheet + '!' + b.location.cell : b.location.sheet) : null;
  return [b.checklistRef, where || b.finding, b.message].filter(Boolean).join(' · ');
}

export class Api {
  /**
   * @param apiBase the API's base URL ('' for the console's own origin)
   * @param transport {fetch(method, url, headers, body) → Response}: adds who is calling
   */
  constructor(apiBase, transport) {
    this.base = apiBase.replace(/\/$/, '');
    this.transport = transport;
  }

  async call(method, path, {query, body} = {}) {
    const url = new URL(this.base + path, window.location.origin);
    for (const [k, v] of Object.entries(query || {})) {
      if (v !== undefined && v !== null && v !== '') {
        url.searchParams.set(k, v);
      }
    }
    const headers = {accept: 'application/json'};
    const text = body === undefined ? '' : JSON.stringify(body);
    if (text) {
      headers['content-type'] = 'application/json';
    }
    let response;
    try {
      response = await this.transport.fetch(method, url.toString(), headers, text);
    } catch (e) {
      throw new ApiError(0, {code: 'NETWORK', message: 'The API could not be reached (' + e.message + ').'});
    }
    const raw = await response.text();
    let json = null;
    try {
      json = raw ? JSON.parse(raw) : null;
    } catch (e) {
      json = {message: raw.slice(0, 200)};
    }
    if (!response.ok) {
      throw new ApiError(response.status, json);
    }
    return json;
  }

  list(query) {
    return this.call('GET', '/submissions', {query});
  }

  submission(id) {
    return this.call('GET', '/submissions/' + encodeURIComponent(id));
  }

  findings(id) {
    return this.call('GET', '/submissions/' + encodeURIComponent(id) + '/findings');
  }

  report(id) {
    return this.call('GET', '/submissions/' + encodeURIComponent(id) + '/report');
  }

  history(id) {
    return this.call('GET', '/submissions/' + encodeURIComponent(id) + '/history');
  }

  comparison(id) {
    return this.call('GET', '/submissions/' + encodeURIComponent(id) + '/comparison');
  }

  decisions(id) {
    return this.call('GET', '/submissions/' + encodeURIComponent(id) + '/decisions');
  }

  decide(id, decision) {
    return this.call('POST', '/submissions/' + encodeURIComponent(id) + '/decisions', {body: decision});
  }

  template() {
    return this.call('GET', '/template');
  }

  uploadLink(fileName, size) {
    return this.call('POST', '/uploads', {body: {fileName, size}});
  }
}

/** Locally: the session cookie goes along by itself; a change carries the session's CSRF token. */
export function localTransport(csrfToken) {
  return {
    fetch(method, url, headers, body) {
      const h = {...headers};
      if (method !== 'GET' && method !== 'HEAD') {
        h['x-csrf-token'] = csrfToken;
      }
      return fetch(url, {method, headers: h, body: body || undefined, credentials: 'same-origin', cache: 'no-store'});
    },
  };
}

/** On AWS: every request signed (SigV4, execute-api) with fresh temporary credentials; no cookies. */
export function sigv4Transport(region, credentialsProvider) {
  return {
    async fetch(method, url, headers, body) {
      const credentials = await credentialsProvider();
      const signed = await sign({method, url, headers, body, region, service: 'execute-api', credentials});
      return fetch(url, {method, headers: signed, body: body || undefined, mode: 'cors', credentials: 'omit',
        cache: 'no-store'});
    },
  };
}
