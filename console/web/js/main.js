// The console's entry point: read config.json (local or AWS), sign in, then route by the URL's hash:
//   #/                       the queue (a partner's: its own submissions, with the upload form)
//   #/?status=…&review=…     the queue, filtered (the filters live in the address, so a view can be shared)
//   #/submissions/{id}       one submission

import {h, fill, errorBox} from './dom.js';
import {signIn, NotSignedIn} from './auth.js';
import {renderQueue} from './views/queue.js';
import {renderSubmission} from './views/submission.js';

const main = document.getElementById('main');
let session = null;
let current = null;

async function start() {
  let config;
  try {
    const r = await fetch('config.json', {cache: 'no-store'});
    config = await r.json();
  } catch (e) {
    fill(main, errorBox(e, 'The console\'s configuration could not be read'));
    return;
  }
  try {
    session = await signIn(config);
  } catch (e) {
    document.title = 'Sign in — Competency intake';
    fill(main, h('section', {class: 'notice', id: 'signed-out'},
      h('h1', {tabindex: '-1'}, e instanceof NotSignedIn ? 'Not signed in' : 'Sign-in failed'),
      h('p', {}, e.message)));
    main.querySelector('h1').focus();
    return;
  }
  renderHeader(session.user);
  window.addEventListener('hashchange', route);
  route();
}

function renderHeader(user) {
  const who = document.getElementById('who');
  const roleText = user.role === 'partner' ? 'Partner ' + user.partnerId
    : user.role === 'program-office' ? 'Program office' : user.role === 'reviewer' ? 'Reviewer' : 'No role';
  fill(who,
    h('span', {class: 'role', id: 'role', dataset: {role: user.role}}, roleText),
    h('button', {type: 'button', class: 'link-button', id: 'sign-out', onclick: () => session.signOut()}, 'Sign out'));
  document.getElementById('nav-queue').textContent = user.role === 'partner' ? 'Your submissions' : 'Queue';
}

function route() {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path, queryString] = hash.split('?');
  const query = new URLSearchParams(queryString || '');
  if (current?.dispose) {
    current.dispose();
  }
  const match = /^\/submissions\/([^/]+)$/.exec(path);
  if (match) {
    current = renderSubmission(main, session, decodeURIComponent(match[1]));
  } else {
    current = renderQueue(main, session, query);
  }
}

start();
