// The queue: submissions newest or oldest first, filtered by status, review state, overdue and
// partner, with what a reviewer triages by on the row itself (age against the reply date, blockers,
// warnings, partner, file). A partner sees its own submissions here, under its upload form.

import {h, fill, errorBox, announce} from '../dom.js';
import {STATUS_LABELS, REVIEW_LABELS, label, ago, dateTime, due, shownStatus} from '../format.js';
import {renderUpload} from './upload.js';

const PAGE_SIZES = ['25', '50', '100'];
const DEFAULT_PAGE_SIZE = '50';
const PENDING = new Set(['RECEIVED', 'EVALUATING']);

export function renderQueue(main, session, query) {
  const partner = session.user.role === 'partner';
  const filters = {
    sort: query.get('sort') === 'oldest' ? 'oldest' : 'newest',
    status: query.get('status') || '',
    review: query.get('review') || '',
    overdue: query.get('overdue') === 'true',
    partnerId: partner ? '' : (query.get('partnerId') || ''),
    find: query.get('find') || '',
    // Any page size the API takes (1–100) from the address; the form offers the usual ones.
    limit: /^([1-9]|[1-9][0-9]|100)$/.test(query.get('limit') || '') ? query.get('limit') : DEFAULT_PAGE_SIZE,
  };
  // awaiting: a file just uploaded, looked for until it is listed with a verdict (or two minutes pass).
  const state = {items: [], nextToken: null, loading: false, disposed: false, timer: null, awaiting: null};

  const title = partner ? 'Your submissions' : 'Submission queue';
  document.title = title + ' — Competency intake';
  const heading = h('h1', {tabindex: '-1'}, title);
  const status = h('p', {class: 'count', id: 'queue-count', 'aria-live': 'polite'});
  const tbody = h('tbody', {id: 'queue-rows'});
  const more = h('button', {type: 'button', id: 'load-more', hidden: true, onclick: () => load(true)}, 'Load more');
  const errors = h('div');

  const columns = partner
    ? ['File', 'Received', 'Status', 'Review', 'Blockers', 'Warnings']
    : ['File', 'Partner', 'Received', 'Reply due', 'Status', 'Review', 'Blockers', 'Warnings'];
  const table = h('table', {class: 'queue', id: 'queue'},
    h('caption', {class: 'visually-hidden'}, title + ', ' + (filters.sort === 'oldest' ? 'oldest' : 'newest')
      + ' first'),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', {scope: 'col', class: numeric(c) ? 'num' : null}, c)))),
    tbody);

  fill(main,
    heading,
    partner ? renderUpload(session, (fileName) => {
      state.awaiting = {fileName, since: Date.now(), until: Date.now() + 120000};
      load(false);
    }) : null,
    partner ? null : presets(filters),
    filterForm(filters, partner),
    errors, status,
    h('div', {class: 'table-wrap'}, table),
    more);
  heading.focus();

  async function load(append) {
    if (state.loading) {
      return;
    }
    state.loading = true;
    more.disabled = true;
    try {
      const page = await session.api.list({
        limit: filters.limit,
        status: filters.status,
        review: filters.review,
        overdue: filters.overdue ? 'true' : '',
        sort: filters.sort === 'oldest' ? 'oldest' : '',
        partnerId: filters.partnerId,
        nextToken: append ? state.nextToken : '',
      });
      if (state.disposed) {
        return;
      }
      state.items = append ? state.items.concat(page.items) : page.items;
      state.nextToken = page.nextToken || null;
      fill(errors);
      render();
    } catch (e) {
      if (!state.disposed) {
        fill(errors, errorBox(e, 'The queue could not be loaded'));
      }
    } finally {
      state.loading = false;
      more.disabled = false;
      schedule();
    }
  }

  // While anything shown is still being evaluated, or an upload is not listed with its verdict yet,
  // look again every few seconds.
  function schedule() {
    clearTimeout(state.timer);
    const a = state.awaiting;
    if (a && (Date.now() > a.until || state.items.some((s) => s.fileName === a.fileName
      && Date.parse(s.receivedAt) >= a.since - 60000 && !PENDING.has(s.status)))) {
      state.awaiting = null;
    }
    if (!state.disposed && (state.awaiting || state.items.some((s) => PENDING.has(s.status)))) {
      state.timer = setTimeout(() => load(false), state.awaiting ? 1500 : 3000);
    }
  }

  function render() {
    const needle = filters.find.trim().toLowerCase();
    const shown = needle
      ? state.items.filter((s) => (s.fileName + ' ' + s.partnerId + ' ' + (s.partnerName || '')).toLowerCase()
        .includes(needle))
      : state.items;
    fill(tbody, shown.length ? shown.map((s) => row(s, partner))
      : h('tr', {}, h('td', {colspan: columns.length, class: 'empty'},
        state.items.length ? 'No submission on this page matches “' + filters.find + '”.'
          : partner ? 'Nothing uploaded yet: upload your self-assessment workbook above.'
            : 'No submissions match these filters.')));
    const countText = (needle ? shown.length + ' of ' : '') + state.items.length + ' submission'
      + (state.items.length === 1 ? '' : 's') + (state.nextToken ? ' loaded; more below' : '');
    status.textContent = countText;
    // The submission page's "Next →" walks this list, and its back link returns to these filters.
    sessionStorage.setItem('intake.queue', JSON.stringify({hash: window.location.hash || '#/',
      ids: shown.map((s) => s.submissionId)}));
    more.hidden = !state.nextToken;
    announce(countText);
  }

  load(false);
  return {
    dispose() {
      state.disposed = true;
      clearTimeout(state.timer);
    },
  };
}

function numeric(column) {
  return column === 'Blockers' || column === 'Warnings';
}

// The office's usual views, one click each: what to pick up next (oldest first, as the queue is
// worked), what is being reviewed, what is late, what waits on the partner, and everything.
const PRESETS = [
  ['To review', {review: 'NEW', sort: 'oldest'}],
  ['In review', {review: 'IN_REVIEW', sort: 'oldest'}],
  ['Overdue', {overdue: true, sort: 'oldest'}],
  ['Changes requested', {review: 'CHANGES_REQUESTED'}],
  ['Accepted', {review: 'ACCEPTED'}],
  ['Everything, newest first', {}],
];

function presets(filters) {
  const current = (p) => (p.review || '') === filters.review && Boolean(p.overdue) === filters.overdue
    && (p.sort || 'newest') === filters.sort && !filters.status && !filters.partnerId;
  return h('nav', {class: 'presets', 'aria-label': 'Queue views'}, h('ul', {},
    PRESETS.map(([text, p]) => {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(p)) {
        q.set(k, String(v));
      }
      return h('li', {}, h('a', {href: '#/' + (q.toString() ? '?' + q : ''), class: 'preset',
        'aria-current': current(p) ? 'page' : null}, text));
    })));
}

function row(s, partner) {
  const shown = shownStatus(s);
  const d = due(s);
  const overridden = s.effectiveStatus && s.effectiveStatus !== s.status;
  const cells = [
    h('th', {scope: 'row', 'data-label': 'File'},
      h('a', {href: '#/submissions/' + encodeURIComponent(s.submissionId), class: 'file', dataset: {id: s.submissionId}},
        s.fileName),
      s.supersededBy ? h('span', {class: 'muted small tag'}, ' superseded by a later upload')
        : s.previousSubmissionId ? h('span', {class: 'muted small tag'}, ' resubmission') : null),
  ];
  if (!partner) {
    cells.push(h('td', {'data-label': 'Partner'},
      h('span', {class: 'partner-name'}, s.partnerName || s.partnerId),
      s.partnerName ? h('span', {class: 'muted'}, ' ' + s.partnerId) : null));
  }
  cells.push(h('td', {'data-label': 'Received'}, h('time', {datetime: s.receivedAt, title: dateTime(s.receivedAt)},
    ago(s.receivedAt))));
  if (!partner) {
    cells.push(h('td', {'data-label': 'Reply due', class: d?.overdue ? 'overdue' : null},
      d ? (d.overdue ? h('span', {class: 'badge badge-overdue'}, d.text) : d.text) : '—'));
  }
  cells.push(
    h('td', {'data-label': 'Status'},
      h('span', {class: 'badge status-' + shown, dataset: {status: shown}}, label(STATUS_LABELS, shown)),
      overridden ? h('span', {class: 'muted'}, ' (was ' + label(STATUS_LABELS, s.status) + ')') : null),
    h('td', {'data-label': 'Review'}, s.review
      ? h('span', {class: 'badge review-' + s.review.state, dataset: {review: s.review.state}},
        label(REVIEW_LABELS, s.review.state))
      : '—'),
    h('td', {'data-label': 'Blockers', class: 'num' + (s.summary?.blockers ? ' has-blockers' : '')},
      s.summary ? String(s.summary.blockers) : '—'),
    h('td', {'data-label': 'Warnings', class: 'num'}, s.summary ? String(s.summary.warnings) : '—'));
  return h('tr', {class: d?.overdue ? 'row-overdue' : null, dataset: {id: s.submissionId}}, cells);
}

function filterForm(filters, partner) {
  const go = (changes) => {
    const next = {...filters, ...changes};
    const q = new URLSearchParams();
    if (next.sort === 'oldest') {
      q.set('sort', 'oldest');
    }
    for (const k of ['status', 'review', 'partnerId', 'find']) {
      if (next[k]) {
        q.set(k, next[k]);
      }
    }
    if (next.limit !== DEFAULT_PAGE_SIZE) {
      q.set('limit', next.limit);
    }
    if (next.overdue) {
      q.set('overdue', 'true');
    }
    const hash = '#/' + (q.toString() ? '?' + q : '');
    if (window.location.hash !== hash) {
      window.location.hash = hash;
    }
  };
  const select = (id, text, value, options, key) => h('div', {class: 'field'},
    h('label', {for: id}, text),
    h('select', {id, onchange: (e) => go({[key]: e.target.value})},
      options.map(([v, t]) => h('option', {value: v, selected: v === value}, t))));
  const partnerInput = h('input', {id: 'filter-partner', type: 'text', value: filters.partnerId,
    placeholder: 'any', autocomplete: 'off', spellcheck: false, pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}'});
  const findInput = h('input', {id: 'filter-find', type: 'search', value: filters.find,
    placeholder: 'file or partner', autocomplete: 'off'});
  return h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter the queue',
    onsubmit: (e) => {
      e.preventDefault();
      go({partnerId: partner ? '' : partnerInput.value.trim(), find: findInput.value.trim()});
    }},
  select('filter-sort', 'Order', filters.sort, [['newest', 'Newest first'], ['oldest', 'Oldest first']], 'sort'),
  select('filter-status', 'Status', filters.status,
    [['', 'Any status'], ...Object.entries(STATUS_LABELS)], 'status'),
  select('filter-review', 'Review state', filters.review,
    [['', 'Any review state'], ...Object.entries(REVIEW_LABELS)], 'review'),
  h('div', {class: 'field field-check'},
    h('input', {id: 'filter-overdue', type: 'checkbox', checked: filters.overdue,
      onchange: (e) => go({overdue: e.target.checked})}),
    h('label', {for: 'filter-overdue'}, 'Overdue only')),
  partner ? null : h('div', {class: 'field'}, h('label', {for: 'filter-partner'}, 'Partner ID'), partnerInput),
  h('div', {class: 'field'}, h('label', {for: 'filter-find'}, 'Find on this page'), findInput),
  select('filter-limit', 'Per page', filters.limit, [...new Set([...PAGE_SIZES, filters.limit])]
    .sort((a, b) => a - b).map((n) => [n, n]), 'limit'),
  h('button', {type: 'submit'}, 'Apply'));
}
