// AWS Signature Version 4 with the browser's WebCrypto: what the console signs its API calls with on
// AWS (the identity pool's temporary credentials, service execute-api), so IAM stays the one
// authorizer. Written here rather than taken from a package: it is about a hundred lines, needs no
// build step, and a test checks it against the AWS SDK for Java's signer byte for byte.

const encoder = new TextEncoder();

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function sha256(data) {
  return crypto.subtle.digest('SHA-256', typeof data === 'string' ? encoder.encode(data) : data);
}

async function hmac(key, data) {
  const k = await crypto.subtle.importKey('raw', typeof key === 'string' ? encoder.encode(key) : key,
    {name: 'HMAC', hash: 'SHA-256'}, false, ['sign']);
  return crypto.subtle.sign('HMAC', k, encoder.encode(data));
}

/** RFC 3986 encoding, as SigV4 asks: everything but A-Z a-z 0-9 - _ . ~ is percent-encoded. */
export function uriEncode(value) {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** The path as SigV4 wants it for services other than S3: each segment of the (already encoded) path encoded again. */
function canonicalPath(pathname) {
  if (!pathname || pathname === '/') {
    return '/';
  }
  return pathname.split('/').map((segment) => uriEncode(segment)).join('/');
}

function canonicalQuery(searchParams) {
  const pairs = [];
  for (const [k, v] of searchParams) {
    pairs.push([uriEncode(k), uriEncode(v)]);
  }
  pairs.sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0));
  return pairs.map(([k, v]) => k + '=' + v).join('&');
}

/** "20240102T030405Z" and "20240102" of a Date. */
function stamps(now) {
  const iso = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return {amzDate: iso, day: iso.slice(0, 8)};
}

/**
 * Signs a request. Returns the headers to send with it (the given ones, plus x-amz-date,
 * x-amz-security-token when there is a session token, and authorization); host is signed but left
 * for the browser to send.
 *
 * @param {{method: string, url: string, headers?: object, body?: string, region: string,
 *          service: string, credentials: {accessKeyId: string, secretAccessKey: string,
 *          sessionToken?: string}, now?: Date}} request
 */
export async function sign({method, url, headers = {}, body = '', region, service, credentials, now = new Date()}) {
  const u = new URL(url);
  const {amzDate, day} = stamps(now);
  const out = {};
  for (const [k, v] of Object.entries(headers)) {
    out[k.toLowerCase()] = String(v).trim().replace(/\s+/g, ' ');
  }
  out['x-amz-date'] = amzDate;
  if (credentials.sessionToken) {
    out['x-amz-security-token'] = credentials.sessionToken;
  }
  const signed = {...out, host: u.host};
  const names = Object.keys(signed).sort();
  const canonicalHeaders = names.map((n) => n + ':' + signed[n] + '\n').join('');
  const signedHeaders = names.join(';');
  const payloadHash = hex(await sha256(body || ''));
  const canonicalRequest = [method.toUpperCase(), canonicalPath(u.pathname), canonicalQuery(u.searchParams),
    canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = day + '/' + region + '/' + service + '/aws4_request';
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, hex(await sha256(canonicalRequest))].join('\n');
  let key = await hmac('AWS4' + credentials.secretAccessKey, day);
  key = await hmac(key, region);
  key = await hmac(key, service);
  key = await hmac(key, 'aws4_request');
  const signature = hex(await hmac(key, stringToSign));
  out.authorization = 'AWS4-HMAC-SHA256 Credential=' + credentials.accessKeyId + '/' + scope
    + ', SignedHeaders=' + signedHeaders + ', Signature=' + signature;
  return out;
}
