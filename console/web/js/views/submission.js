// One submission, everything a reviewer needs on one page: the verdict and where it stands against
// the reply date, the findings grouped by checklist item (each with its cell, the checklist's own
// words, what is wrong and how to fix it), what changed since the partner's previous submission, the
// decisions and the form to record one, the history, and the two downloads. A partner sees its own
// submission the same way, with the reviewers' comments shared with it instead of the form.

import {h, fill, errorBox, announce} from '../dom.js';
import {
  STATUS_LABELS, REVIEW_LABELS, ACTION_LABELS, SEVERITY_LABELS, label, ago, date, dateTime, due, shownStatus,
  cellOf, findingRef, compareRefs, who,
} from '../format.js';

const TERMINAL = new Set(['READY', 'ACTION_REQUIRED', 'REJECTED', 'FAILED']);
const EVALUATED = new Set(['READY', 'ACTION_REQUIRED', 'REJECTED']);
const SEVERITIES = ['BLOCKER', 'WARNING', 'INFO'];

export function renderSubmission(main, session, id) {
  const reviewer = session.user.role !== 'partner';
  // draft: the decision being written, kept when the page reloads its data (after a 409 CONFLICT, say).
  const state = {disposed: false, timer: null, showing: new Set(SEVERITIES), draft: null};
  document.title = 'Submission — Competency intake';
  fill(main, h('p', {class: 'loading'}, 'Loading the submission…'));

  async function load(focus) {
    let s;
    try {
      s = await session.api.submission(id);
    } catch (e) {
      if (state.disposed) {
        return;
      }
      document.title = 'Not found — Competency intake';
      const heading = h('h1', {tabindex: '-1'}, e.status === 404 ? 'No such submission' : 'The submission could not be loaded');
      fill(main, backLink(), h('section', {class: 'notice', id: 'not-found'}, heading,
        e.status === 404 || e.status === 400 ? h('p', {}, 'There is no submission ' + id + ' that you can see.')
          : errorBox(e)));
      heading.focus();
      return;
    }
    const evaluated = EVALUATED.has(s.status);
    // The thread's neighbours are fetched for their names and verdicts: a link reads "self-assessment.xlsx,
    // 4 blockers", not an id.
    const neighbour = (other) => other ? session.api.submission(other).catch(() => ({submissionId: other})) : null;
    const [findings, decisions, history, comparison, previous, next] = await Promise.all([
      evaluated ? session.api.findings(id).catch((e) => ({error: e})) : null,
      session.api.decisions(id).catch((e) => ({error: e})),
      session.api.history(id).catch((e) => ({error: e})),
      s.previousSubmissionId ? session.api.comparison(id).catch((e) => ({error: e})) : null,
      neighbour(s.previousSubmissionId),
      neighbour(s.supersededBy),
    ]);
    if (state.disposed) {
      return;
    }
    render(s, findings, decisions, history, comparison, {previous, next}, focus);
    clearTimeout(state.timer);
    if (!TERMINAL.has(s.status)) {
      state.timer = setTimeout(() => load(false), 3000);
    }
  }

  function render(s, findings, decisions, history, comparison, thread, focus) {
    document.title = s.fileName + ' — Competency intake';
    const decisionList = decisions && !decisions.error ? decisions.items || [] : [];
    const overrides = new Map(decisionList.filter((d) => d.action === 'OVERRIDE_FINDING' && d.finding)
      .map((d) => [d.finding, d]));
    const heading = h('h1', {tabindex: '-1', id: 'submission-title'}, s.fileName);
    const findingsList = findings && !findings.error ? findings.findings || [] : [];
    const form = reviewer && EVALUATED.has(s.status) ? decisionForm(s, findingsList) : null;
    const changes = changeMarks(comparison);
    fill(main,
      backLink(id),
      h('header', {class: 'sub-head'},
        heading,
        h('p', {class: 'sub-meta'},
          h('span', {class: 'partner-name'}, s.partnerName || s.partnerId), s.partnerName ? ' (' + s.partnerId + ')' : '',
          ' · received ', h('time', {datetime: s.receivedAt, title: dateTime(s.receivedAt)}, dateTime(s.receivedAt)),
          ' (' + ago(s.receivedAt) + ')',
          s.asOf ? ' · judged as of ' + date(s.asOf) : '',
          s.checklistVersion ? ' · checklist v' + s.checklistVersion : ''),
        facts(s, reviewer),
        threadLines(s, comparison, thread),
        downloads(s)),
      h('div', {class: 'layout'},
        h('div', {class: 'primary'},
          s.failure ? h('div', {class: 'error', role: 'status'}, h('strong', {}, 'The evaluation failed: '), s.failure) : null,
          findingsSection(s, findings, overrides, reviewer, form, changes)),
        h('aside', {class: 'secondary'},
          reviewSection(s, decisions, reviewer, form),
          changesSection(s, comparison, thread.previous),
          historySection(s, history))));
    if (focus) {
      heading.focus();
    }
  }

  // --- the verdict at a glance -------------------------------------------------------------------

  function facts(s, showDue) {
    const shown = shownStatus(s);
    const d = due(s);
    const item = (term, value, extra) => h('div', {class: 'fact', ...extra}, h('dt', {}, term), h('dd', {}, value));
    return h('dl', {class: 'facts', id: 'facts'},
      item('Status', h('span', {class: 'badge status-' + shown, id: 'fact-status',
        dataset: {status: shown, evaluated: s.status}},
        label(STATUS_LABELS, shown)),
      s.effectiveStatus && s.effectiveStatus !== s.status
        ? {title: 'Evaluated ' + label(STATUS_LABELS, s.status) + '; overrides make it ' + label(STATUS_LABELS, shown)} : {}),
      item('Review', s.review
        ? h('span', {}, h('span', {class: 'badge review-' + s.review.state, id: 'fact-review', dataset: {review: s.review.state}},
          label(REVIEW_LABELS, s.review.state)),
        s.review.updatedAt ? h('span', {class: 'muted small', id: 'fact-review-when'},
          ' ' + (s.review.by ? who(s.review.by) + ', ' : '') + ago(s.review.updatedAt)) : null)
        : h('span', {id: 'fact-review', class: 'muted'}, '—')),
      showDue ? item('Reply due', d ? h('span', {class: d.overdue ? 'badge badge-overdue' : null}, d.text) : '—') : null,
      item('Blockers', s.summary ? String(s.summary.blockers) : '—', {dataset: {kind: 'blockers'}}),
      item('Warnings', s.summary ? String(s.summary.warnings) : '—'),
      item('Passed', s.summary ? String(s.summary.passed) : '—'));
  }

  /**
   * Where the submission sits in the partner's thread: the upload it follows (and what changed since),
   * and the later one that supersedes it, each a link with its file name and verdict.
   */
  function threadLines(s, comparison, thread) {
    const name = (other) => other?.fileName
      ? other.fileName + ' (received ' + dateTime(other.receivedAt)
        + (other.summary ? ', ' + other.summary.blockers + ' blocker' + (other.summary.blockers === 1 ? '' : 's') : '')
        + ')'
      : other?.submissionId;
    const link = (other, id) => h('a', {href: '#/submissions/' + encodeURIComponent(other.submissionId), id,
      dataset: {id: other.submissionId}}, name(other));
    return [
      thread.previous ? h('p', {class: 'thread-line', id: 'follows'}, 'Resubmission: follows ',
        link(thread.previous, 'follows-link'),
        comparison?.line ? h('span', {}, ' — ', h('strong', {id: 'follows-line'}, comparison.line)) : null) : null,
      thread.next ? h('p', {class: 'note', id: 'superseded'}, 'A later submission from this partner supersedes this one '
        + '(the office answers the latest only): ', link(thread.next, 'superseded-link')) : null,
    ];
  }

  /** This submission's findings the comparison calls new or unchanged, by what identifies them on the page. */
  function changeMarks(comparison) {
    const marks = new Map();
    if (!comparison || comparison.error || !comparison.previousSubmissionId) {
      return marks;
    }
    for (const f of comparison.introduced || []) {
      marks.set(findingKey(f), 'new');
    }
    for (const f of comparison.unchanged || []) {
      marks.set(findingKey(f), 'unchanged');
    }
    return marks;
  }

  function downloads(s) {
    if (!EVALUATED.has(s.status)) {
      return null;
    }
    const out = h('div', {class: 'result'});
    // The links are presigned for 15 minutes: asked for when clicked, never stale.
    const open = (key) => async () => {
      try {
        const links = await session.api.report(s.submissionId);
        window.location.assign(links[key]);
      } catch (e) {
        fill(out, errorBox(e, 'The download could not be prepared'));
      }
    };
    return h('div', {class: 'actions'},
      h('button', {type: 'button', id: 'download-workbook', onclick: open('annotatedWorkbookUrl')},
        'Download the annotated workbook'),
      h('button', {type: 'button', id: 'download-report', class: 'secondary', onclick: open('reportUrl')},
        'Download the JSON report'),
      out);
  }

  // --- findings, grouped by checklist item ---------------------------------------------------------

  function findingsSection(s, findings, overrides, reviewer, form, changes) {
    const section = h('section', {id: 'findings', 'aria-labelledby': 'findings-title'});
    if (!EVALUATED.has(s.status)) {
      return fill(section, h('h2', {id: 'findings-title'}, 'Findings'),
        h('p', {class: 'muted', id: 'findings-pending'}, s.status === 'FAILED'
          ? 'No findings: the evaluation did not complete.'
          : 'Being evaluated: the findings appear here when it is done (this page looks again every few seconds).'));
    }
    if (findings?.error) {
      return fill(section, h('h2', {id: 'findings-title'}, 'Findings'), errorBox(findings.error, 'The findings could not be loaded'));
    }
    const list = findings.findings || [];
    const counts = Object.fromEntries(SEVERITIES.map((sev) => [sev, list.filter((f) => f.severity === sev).length]));
    const groupsEl = h('div', {class: 'groups'});
    const toggles = h('fieldset', {class: 'toggles'},
      h('legend', {}, 'Show'),
      SEVERITIES.map((sev) => h('span', {class: 'field-check'},
        h('input', {type: 'checkbox', id: 'show-' + sev, checked: state.showing.has(sev), onchange: (e) => {
          if (e.target.checked) {
            state.showing.add(sev);
          } else {
            state.showing.delete(sev);
          }
          drawGroups();
        }}),
        h('label', {for: 'show-' + sev}, label(SEVERITY_LABELS, sev) + 's (' + counts[sev] + ')'))));

    function drawGroups() {
      const visible = list.filter((f) => state.showing.has(f.severity));
      const byRef = new Map();
      for (const f of visible) {
        const ref = f.checklistRef || '—';
        if (!byRef.has(ref)) {
          byRef.set(ref, []);
        }
        byRef.get(ref).push(f);
      }
      const refs = [...byRef.keys()].sort(compareRefs);
      fill(groupsEl, refs.length ? refs.map((ref) => group(ref, byRef.get(ref), overrides, reviewer, form, changes))
        : h('p', {class: 'muted'}, list.length ? 'No finding of the kinds chosen above.'
          : 'No findings: every check passed.'));
    }
    drawGroups();
    return fill(section,
      h('h2', {id: 'findings-title'}, 'Findings ', h('span', {class: 'muted'}, '(' + list.length + ')')),
      list.length ? toggles : null,
      groupsEl);
  }

  function group(ref, findings, overrides, reviewer, form, changes) {
    const order = (f) => SEVERITIES.indexOf(f.severity);
    findings.sort((a, b) => order(a) - order(b));
    const quotes = [...new Map(findings.filter((f) => f.quote?.text).map((f) => [f.quote.text, f.quote])).values()];
    const shared = quotes.length === 1 && findings.every((f) => f.quote?.text === quotes[0].text) ? quotes[0] : null;
    const tally = SEVERITIES.map((sev) => [sev, findings.filter((f) => f.severity === sev).length])
      .filter(([, n]) => n).map(([sev, n]) => n + ' ' + label(SEVERITY_LABELS, sev).toLowerCase() + (n === 1 ? '' : 's'))
      .join(', ');
    const slug = 'item-' + ref.replace(/[^A-Za-z0-9]+/g, '-');
    return h('section', {class: 'group', id: slug, 'aria-labelledby': slug + '-title', dataset: {ref}},
      h('h3', {id: slug + '-title'}, 'Checklist ' + ref, h('span', {class: 'tally'}, tally)),
      shared ? quote(shared) : null,
      h('ol', {class: 'finding-list'}, findings.map((f) => finding(f, shared ? null : f.quote, overrides, reviewer, form,
        changes.get(findingKey(f))))));
  }

  function quote(q) {
    return h('blockquote', {class: 'quote'},
      h('p', {}, q.text),
      h('footer', {}, '— checklist item ' + q.ref));
  }

  function finding(f, ownQuote, overrides, reviewer, form, change) {
    const ref = findingRef(f);
    const override = overrides.get(ref);
    return h('li', {class: 'finding sev-' + f.severity + (override ? ' overridden' : ''),
      dataset: change ? {ref, change} : {ref}},
      h('div', {class: 'finding-head'},
        h('span', {class: 'badge sev sev-badge-' + f.severity}, label(SEVERITY_LABELS, f.severity)),
        h('code', {class: 'cell', title: 'Sheet and cell'}, cellOf(f)),
        f.subject ? h('span', {class: 'subject'}, f.subject) : null,
        h('span', {class: 'rule muted'}, f.ruleId),
        change === 'new' ? h('span', {class: 'badge mark-new'}, 'new since the previous upload')
          : change === 'unchanged' ? h('span', {class: 'badge mark-unchanged'}, 'also in the previous upload') : null,
        reviewer && form && f.severity !== 'INFO' && !override
          ? h('button', {type: 'button', class: 'link-button override', onclick: () => form.override(ref)},
            'Override…')
          : null),
      h('p', {class: 'message'}, f.message),
      f.remediation ? h('p', {class: 'fix'}, h('strong', {}, 'Fix: '), f.remediation) : null,
      ownQuote?.text ? quote(ownQuote) : null,
      override ? h('p', {class: 'override-note'}, h('strong', {}, 'Overridden'), ' by ' + who(override.reviewer)
        + ' (' + ago(override.at) + '): ', override.comment) : null);
  }

  // --- review: state, decisions, the form -------------------------------------------------------------

  function reviewSection(s, decisions, reviewer, form) {
    const title = reviewer ? 'Decisions' : 'Comments from the reviewers';
    const section = h('section', {id: 'decisions', class: 'panel', 'aria-labelledby': 'decisions-title'},
      h('h2', {id: 'decisions-title'}, title));
    if (decisions?.error) {
      section.append(errorBox(decisions.error, 'The decisions could not be loaded'));
    } else {
      const items = decisions?.items || [];
      if (reviewer && decisions?.chain) {
        const intact = decisions.chain === 'intact';
        section.append(h('p', {class: intact ? 'muted small' : 'error', id: 'chain', role: intact ? null : 'alert'},
          intact ? 'Audit trail intact (' + items.length + ' decision' + (items.length === 1 ? '' : 's') + ', hash-chained).'
            : 'The audit trail is ' + decisions.chain + (decisions.chainDetail ? ': ' + decisions.chainDetail : '.')));
      }
      section.append(items.length
        ? h('ol', {class: 'thread', id: 'thread'}, items.map((d) => h('li', {class: 'decision', dataset: {action: d.action}},
          h('p', {class: 'decision-head'},
            h('strong', {}, label(ACTION_LABELS, d.action)), d.finding ? h('code', {class: 'cell'}, ' ' + d.finding) : null,
            h('span', {class: 'muted small'}, ' — ' + who(d.reviewer) + ', '),
            h('time', {datetime: d.at, title: dateTime(d.at), class: 'muted small'}, ago(d.at)),
            reviewer && d.shareWithPartner ? h('span', {class: 'badge shared'}, 'shared with the partner') : null),
          h('p', {class: 'comment'}, d.comment))))
        : h('p', {class: 'muted', id: 'no-decisions'}, reviewer ? 'No decision yet.' : 'No comments have been shared with you yet.'));
    }
    if (form) {
      section.append(form.element);
    }
    return section;
  }

  function decisionForm(s, findings) {
    const actions = [
      ['START_REVIEW', 'Start the review', 'Tells the team you have it (state: In review).'],
      ['REQUEST_CHANGES', 'Request changes', 'The partner must fix and upload again.'],
      ['ACCEPT', 'Accept', 'Only when no blocker is open (overridden ones count as closed).'],
      ['OVERRIDE_FINDING', 'Override a finding', 'Records why one finding does not hold.'],
    ];
    const overridable = findings.filter((f) => f.severity !== 'INFO');
    const findingSelect = h('select', {id: 'decision-finding'},
      h('option', {value: ''}, 'Choose the finding'),
      overridable.map((f) => h('option', {value: findingRef(f)},
        label(SEVERITY_LABELS, f.severity) + ' · ' + cellOf(f) + ' · ' + f.message.slice(0, 80))));
    const findingField = h('div', {class: 'field', hidden: true}, h('label', {for: 'decision-finding'}, 'Finding'),
      findingSelect);
    const draft = state.draft;
    const comment = h('textarea', {id: 'decision-comment', rows: 4, maxlength: 4000, required: true,
      'aria-describedby': 'decision-comment-help', oninput: keep});
    comment.value = draft?.comment || '';
    const share = h('input', {type: 'checkbox', id: 'decision-share', checked: Boolean(draft?.share), onchange: keep});
    const result = h('div', {id: 'decision-result', 'aria-live': 'polite'});
    const submit = h('button', {type: 'submit', id: 'decision-submit'}, 'Record the decision');
    // The likely next move is chosen already: start a new review; in review, accept or ask for changes.
    const openBlockers = (s.effectiveStatus || s.status) === 'ACTION_REQUIRED';
    const likely = draft?.action || (!s.review || s.review.state === 'NEW' ? 'START_REVIEW'
      : s.review.state === 'IN_REVIEW' ? (openBlockers ? 'REQUEST_CHANGES' : 'ACCEPT') : 'START_REVIEW');
    const radios = actions.map(([value, text, help]) => h('div', {class: 'field-check'},
      h('input', {type: 'radio', name: 'action', id: 'action-' + value, value, checked: value === likely,
        'aria-describedby': 'action-help-' + value,
        onchange: () => {
          findingField.hidden = value !== 'OVERRIDE_FINDING';
          keep();
        }}),
      h('label', {for: 'action-' + value}, text),
      h('span', {class: 'muted small', id: 'action-help-' + value}, ' ' + help)));
    if (likely === 'OVERRIDE_FINDING') {
      findingField.hidden = false;
      findingSelect.value = draft?.finding || '';
    }

    function keep() {
      const chosen = element.querySelector('input[name=action]:checked');
      state.draft = {action: chosen ? chosen.value : null, comment: comment.value, share: share.checked,
        finding: findingSelect.value};
    }

    async function send(e) {
      e.preventDefault();
      const action = element.querySelector('input[name=action]:checked').value;
      const body = {action, comment: comment.value.trim()};
      if (!body.comment) {
        fill(result, errorBox(new Error('Write a comment: every decision says why.'), 'Not recorded'));
        comment.focus();
        return;
      }
      if (action === 'OVERRIDE_FINDING') {
        if (!findingSelect.value) {
          fill(result, errorBox(new Error('Choose the finding to override.'), 'Not recorded'));
          findingSelect.focus();
          return;
        }
        body.finding = findingSelect.value;
      }
      if (share.checked) {
        body.shareWithPartner = true;
      }
      fill(result, h('p', {class: 'muted'}, 'Recording…'));
      submit.disabled = true;
      try {
        await session.api.decide(s.submissionId, body);
        state.draft = null;
        announce('Decision recorded');
        await load(false);
        const done = document.getElementById('decision-result');
        if (done) {
          fill(done, h('p', {class: 'ok', id: 'decision-ok'}, label(ACTION_LABELS, action) + ': recorded.'));
          done.parentElement.querySelector('h2')?.scrollIntoView({block: 'nearest'});
        }
      } catch (err) {
        fill(result, refusal(err));
        announce('Not recorded: ' + err.message);
        submit.disabled = false;
      }
    }

    // A refusal as the API words it; OPEN_BLOCKERS with each blocker it names and a way to override it
    // right there; any other 409 (another reviewer moved the review meanwhile) with a way to read the
    // review again, keeping what was written.
    function refusal(err) {
      if (err.code === 'OPEN_BLOCKERS' && err.blockers.length) {
        return h('div', {class: 'error', role: 'alert', id: 'open-blockers'},
          h('strong', {}, 'Not recorded — ' + err.blockers.length + ' blocker' + (err.blockers.length === 1 ? ' is' : 's are')
            + ' open: '),
          h('span', {class: 'error-message'}, err.message),
          h('ul', {class: 'error-items'}, err.blockers.map((b) => h('li', {dataset: {ref: b.finding}},
            h('code', {class: 'cell'}, cellOf(b)), ' ', b.subject ? h('span', {class: 'subject'}, b.subject + ': ') : null,
            b.message, ' ', h('span', {class: 'muted small'}, '(' + b.checklistRef + ', ' + b.ruleId + ') '),
            h('button', {type: 'button', class: 'link-button override', onclick: () => api.override(b.finding)},
              'Override…')))));
      }
      const box = errorBox(err, err.status === 409 ? 'Not recorded — ' + err.code : 'Not recorded');
      if (err.status === 409) {
        // The review moved since this page read it (another reviewer, say): show where it stands now.
        box.append(h('p', {}, h('button', {type: 'button', class: 'secondary', id: 'reload-decisions',
          onclick: () => load(false)}, 'Read the review again (your comment is kept)')));
      }
      return box;
    }

    const element = h('form', {class: 'decision-form', id: 'decision-form', onsubmit: send, novalidate: true},
      h('fieldset', {}, h('legend', {}, 'Record a decision'), radios),
      findingField,
      h('div', {class: 'field'},
        h('label', {for: 'decision-comment'}, 'Comment'),
        comment,
        h('span', {class: 'muted small', id: 'decision-comment-help'}, 'Required; what you decided and why.')),
      h('div', {class: 'field-check'}, share, h('label', {for: 'decision-share'}, 'Share this comment with the partner')),
      submit,
      result);
    const api = {
      element,
      override(ref) {
        element.querySelector('#action-OVERRIDE_FINDING').checked = true;
        findingField.hidden = false;
        findingSelect.value = ref;
        keep();
        comment.focus();
      },
    };
    return api;
  }

  // --- what changed since the previous submission ------------------------------------------------------

  function changesSection(s, comparison, previous) {
    const section = h('section', {id: 'changes', class: 'panel', 'aria-labelledby': 'changes-title'},
      h('h2', {id: 'changes-title'}, 'Since the previous submission'));
    if (!s.previousSubmissionId) {
      section.append(h('p', {class: 'muted', id: 'no-previous'}, s.status === 'FAILED'
        ? 'A failed evaluation is not compared: nothing in it was checked.'
        : !EVALUATED.has(s.status) ? 'Compared once it is evaluated.'
          : s.status === 'REJECTED' ? 'A rejected upload is not compared: nothing in it could be checked.'
            : s.partnerId === 'unassigned' ? 'An upload outside a partner folder is not compared with any other.'
              : 'This is the partner\'s first evaluated submission: nothing to compare with.'));
      return section;
    }
    section.append(h('p', {}, 'Previous: ', h('a', {href: '#/submissions/' + encodeURIComponent(s.previousSubmissionId),
      id: 'previous-link', dataset: {id: s.previousSubmissionId}}, previous?.fileName || s.previousSubmissionId),
    previous?.receivedAt ? h('span', {class: 'muted small'}, ', received ' + dateTime(previous.receivedAt)) : null));
    if (comparison?.error) {
      section.append(errorBox(comparison.error, 'The comparison could not be loaded'));
      return section;
    }
    if (comparison?.line) {
      section.append(h('p', {id: 'changes-line'}, h('strong', {}, comparison.line)));
    }
    const part = (key, title, open) => {
      const list = comparison?.[key] || [];
      return h('details', {class: 'change change-' + key, open: open && list.length > 0, id: 'changes-' + key},
        h('summary', {}, title + ' (' + list.length + ')'),
        list.length ? h('ul', {}, list.map((f) => h('li', {},
          h('span', {class: 'badge sev sev-badge-' + f.severity}, label(SEVERITY_LABELS, f.severity)), ' ',
          f.subject ? h('strong', {class: 'subject'}, f.subject) : null, f.subject ? h('br') : null,
          h('code', {class: 'cell'}, cellOf(f)), ' ', f.message))) : h('p', {class: 'muted'}, 'None.'));
    };
    section.append(part('fixed', 'Fixed', true), part('introduced', 'New', true), part('unchanged', 'Still open', true));
    return section;
  }

  // --- history --------------------------------------------------------------------------------------------

  function historySection(s, history) {
    const section = h('section', {id: 'history', class: 'panel', 'aria-labelledby': 'history-title'},
      h('h2', {id: 'history-title'}, 'History'));
    if (!history || history.error) {
      section.append(errorBox(history?.error || new Error('No history.'), 'The history could not be loaded'));
      return section;
    }
    const versions = history.evaluations || [];
    if (versions.length > 1) {
      section.append(h('p', {}, 'Versions of ' + s.fileName + ':'),
        h('ol', {class: 'versions'}, versions.map((v) => h('li', {},
          v.submissionId === s.submissionId
            ? h('strong', {'aria-current': 'page'}, dateTime(v.receivedAt) + ' (this one)')
            : h('a', {href: '#/submissions/' + encodeURIComponent(v.submissionId)}, dateTime(v.receivedAt)),
          ' — ' + label(STATUS_LABELS, v.status)
          + (v.summary ? ', ' + v.summary.blockers + ' blockers' : '')))));
    } else {
      section.append(h('p', {class: 'muted'}, 'The only upload of ' + s.fileName + '.'));
    }
    const events = history.events || [];
    section.append(h('details', {class: 'events'},
      h('summary', {}, 'Evaluation steps (' + events.length + ')'),
      h('ol', {}, events.map((e) => h('li', {},
        h('time', {datetime: e.timestamp}, dateTime(e.timestamp)), ' ' + e.type + (e.state ? ' · ' + e.state : ''),
        e.detail ? h('span', {class: 'muted small'}, ' — ' + e.detail) : null)))));
    return section;
  }

  load(true);
  return {
    dispose() {
      state.disposed = true;
      clearTimeout(state.timer);
    },
  };
}

/** Back to the queue as it was left (its filters), and to the next submission in it. */
function backLink(id) {
  let queue = {hash: '#/', ids: []};
  try {
    queue = JSON.parse(sessionStorage.getItem('intake.queue')) || queue;
  } catch (e) {
    // no saved queue: plain links
  }
  const at = id ? queue.ids.indexOf(id) : -1;
  const prev = at > 0 ? queue.ids[at - 1] : null;
  const next = at >= 0 && at < queue.ids.length - 1 ? queue.ids[at + 1] : null;
  return h('nav', {class: 'crumbs', 'aria-label': 'Queue'},
    h('a', {href: queue.hash || '#/', id: 'back-to-queue'}, '← Back to the queue'),
    at >= 0 ? h('span', {class: 'muted'}, ' ' + (at + 1) + ' of ' + queue.ids.length + ' ') : null,
    prev ? h('a', {href: '#/submissions/' + encodeURIComponent(prev), id: 'prev-in-queue'}, 'Previous') : null,
    next ? h('a', {href: '#/submissions/' + encodeURIComponent(next), id: 'next-in-queue'}, 'Next →') : null);
}

/** What identifies a finding within one report: its rule, its cell and its message. */
function findingKey(f) {
  return [f.ruleId, cellOf(f), f.message].join('\u0000');
}
