// Who is signed in, and the API client that acts as them.
//
// Locally the server's sign-in link has already set an HttpOnly session cookie; GET
// /console/session says who it is and hands over the CSRF token.
//
// On AWS: Cognito's hosted sign-in (authorization code with PKCE, no client secret), then the
// identity pool turns the ID token into temporary credentials of the IAM role the user's group (or,
// for a partner, its partnerId attribute) maps to — the same roles that sign API calls with the CLI.
// Tokens and credentials stay in this page's memory only; a reload signs in again through the hosted
// page, which remembers the user for its own session.

import {Api, localTransport, sigv4Transport} from './api.js';

export class NotSignedIn extends Error {}

export async function signIn(config) {
  return config.mode === 'aws' ? signInAws(config) : signInLocal(config);
}

async function signInLocal(config) {
  const r = await fetch('session', {credentials: 'same-origin', cache: 'no-store'});
  if (r.status === 401) {
    throw new NotSignedIn('Not signed in. Open the sign-in link that ./pipeline serve (or demo) printed, or get '
      + 'a new one with ./pipeline token --console.');
  }
  if (!r.ok) {
    throw new Error('The console session could not be read (' + r.status + ').');
  }
  const s = await r.json();
  return {
    user: {role: s.role, partnerId: s.partnerId, name: s.name},
    api: new Api(config.apiBase || '', localTransport(s.csrfToken)),
    async signOut() {
      await fetch('signout', {method: 'POST', headers: {'x-csrf-token': s.csrfToken}, credentials: 'same-origin'});
      window.location.reload();
    },
  };
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(n = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(n)));
}

function claims(jwt) {
  const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(decodeURIComponent(Array.from(atob(payload), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join('')));
}

const PKCE_KEY = 'intake.pkce';

async function signInAws(config) {
  const redirectUri = config.redirectUri || window.location.origin + '/';
  const params = new URLSearchParams(window.location.search);
  if (!params.has('code')) {
    // Off to the hosted sign-in page; it comes back here with ?code=…&state=….
    const verifier = randomString(48);
    const state = randomString(16);
    sessionStorage.setItem(PKCE_KEY, JSON.stringify({verifier, state, hash: window.location.hash}));
    const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    const authorize = new URL(config.authDomain.replace(/\/$/, '') + '/oauth2/authorize');
    authorize.search = new URLSearchParams({
      response_type: 'code', client_id: config.userPoolClientId, redirect_uri: redirectUri,
      scope: 'openid email profile', state, code_challenge_method: 'S256', code_challenge: challenge,
    }).toString();
    window.location.assign(authorize.toString());
    return new Promise(() => {});
  }
  const pending = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
  sessionStorage.removeItem(PKCE_KEY);
  if (!pending || pending.state !== params.get('state')) {
    throw new NotSignedIn('The sign-in answer does not match this browser\'s request; sign in again.');
  }
  const tokenResponse = await fetch(config.authDomain.replace(/\/$/, '') + '/oauth2/token', {
    method: 'POST',
    headers: {'content-type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({grant_type: 'authorization_code', client_id: config.userPoolClientId,
      code: params.get('code'), redirect_uri: redirectUri, code_verifier: pending.verifier}).toString(),
  });
  if (!tokenResponse.ok) {
    throw new NotSignedIn('Cognito refused the sign-in (' + tokenResponse.status + '); sign in again.');
  }
  const tokens = await tokenResponse.json();
  // The code leaves the address bar; the view the user asked for comes back.
  window.history.replaceState(null, '', redirectUri + (pending.hash || ''));

  const idClaims = claims(tokens.id_token);
  const login = {['cognito-idp.' + config.region + '.amazonaws.com/' + config.userPoolId]: tokens.id_token};
  const identity = async (target, body) => {
    const r = await fetch('https://cognito-identity.' + config.region + '.amazonaws.com/', {
      method: 'POST',
      headers: {'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityService.' + target},
      body: JSON.stringify(body),
    });
    const json = await r.json();
    if (!r.ok) {
      throw new NotSignedIn('No AWS credentials for this user (' + (json.message || r.status) + '): is the user in '
        + 'a group (reviewers, program-office) or given a partnerId?');
    }
    return json;
  };
  const {IdentityId} = await identity('GetId', {IdentityPoolId: config.identityPoolId, Logins: login});
  let credentials = null;
  const provider = async () => {
    // Renewed a minute before they expire (an hour's worth each); the ID token is good for as long.
    if (!credentials || credentials.expiration - Date.now() < 60 * 1000) {
      const c = (await identity('GetCredentialsForIdentity', {IdentityId, Logins: login})).Credentials;
      credentials = {accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretKey, sessionToken: c.SessionToken,
        expiration: c.Expiration * 1000};
    }
    return credentials;
  };
  await provider();
  const groups = idClaims['cognito:groups'] || [];
  const partnerId = idClaims['custom:partnerId'] || null;
  const role = groups.includes('reviewers') ? 'reviewer' : groups.includes('program-office') ? 'program-office'
    : partnerId ? 'partner' : 'none';
  return {
    user: {role, partnerId: role === 'partner' ? partnerId : null, name: idClaims.email || idClaims['cognito:username']},
    api: new Api(config.apiBase, sigv4Transport(config.region, provider)),
    async signOut() {
      const logout = new URL(config.authDomain.replace(/\/$/, '') + '/logout');
      logout.search = new URLSearchParams({client_id: config.userPoolClientId, logout_uri: redirectUri}).toString();
      window.location.assign(logout.toString());
    },
  };
}
