// How values read on the page: dates in the reader's locale, ages in words, states in plain words.

const DAY = 24 * 60 * 60 * 1000;

export const STATUS_LABELS = {
  RECEIVED: 'Received',
  EVALUATING: 'Evaluating',
  READY: 'Ready',
  ACTION_REQUIRED: 'Action required',
  REJECTED: 'Rejected',
  FAILED: 'Failed',
};

export const REVIEW_LABELS = {
  NEW: 'New',
  IN_REVIEW: 'In review',
  CHANGES_REQUESTED: 'Changes requested',
  ACCEPTED: 'Accepted',
};

export const ACTION_LABELS = {
  START_REVIEW: 'Started the review',
  REQUEST_CHANGES: 'Requested changes',
  ACCEPT: 'Accepted',
  OVERRIDE_FINDING: 'Overrode a finding',
};

export const SEVERITY_LABELS = {BLOCKER: 'Blocker', WARNING: 'Warning', INFO: 'Note'};

export function label(labels, value) {
  return labels[value] || (value ? String(value) : '—');
}

export function dateTime(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleString(undefined, {dateStyle: 'medium', timeStyle: 'short'});
}

export function date(iso) {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso.length === 10 ? iso + 'T00:00:00Z' : iso);
  return isNaN(d) ? String(iso) : d.toLocaleDateString(undefined, {dateStyle: 'medium', timeZone: 'UTC'});
}

/** "3 days ago", "5 minutes ago", "just now". */
export function ago(iso, now = Date.now()) {
  const t = Date.parse(iso);
  if (isNaN(t)) {
    return '—';
  }
  return words(now - t) + (now - t < 60 * 1000 ? '' : ' ago');
}

function words(ms) {
  const abs = Math.abs(ms);
  if (abs < 60 * 1000) {
    return 'just now';
  }
  if (abs < 60 * 60 * 1000) {
    return plural(Math.round(abs / 60000), 'minute');
  }
  if (abs < DAY) {
    return plural(Math.round(abs / 3600000), 'hour');
  }
  return plural(Math.round(abs / DAY), 'day');
}

function plural(n, unit) {
  return n + ' ' + unit + (n === 1 ? '' : 's');
}

/**
 * Where a submission stands against its reply date (dueBy, a day, from the API): {text, overdue}.
 * Null when the API gives no dueBy. Whether it is overdue is the API's to say (its overdue flag); an
 * answered (accepted, changes requested) or superseded submission is not waiting on anyone.
 */
export function due(submission, now = Date.now()) {
  const dueBy = submission?.dueBy;
  if (!dueBy) {
    return null;
  }
  const end = Date.parse(dueBy.length === 10 ? dueBy + 'T23:59:59Z' : dueBy);
  if (isNaN(end)) {
    return null;
  }
  if (submission.supersededBy) {
    return {text: 'superseded', overdue: false};
  }
  const state = submission.review?.state;
  if (state === 'ACCEPTED' || state === 'CHANGES_REQUESTED') {
    return {text: 'answered (due ' + date(dueBy) + ')', overdue: false};
  }
  const overdue = typeof submission.overdue === 'boolean' ? submission.overdue : end < now;
  if (overdue) {
    return {text: 'overdue since ' + date(dueBy), overdue: true};
  }
  const days = Math.max(0, Math.ceil((end - now) / DAY) - 1);
  return {text: 'due ' + date(dueBy) + (days === 0 ? ' (today)' : ' (in ' + plural(days, 'day') + ')'), overdue: false};
}

/** The status a reviewer acts on: effectiveStatus (after overrides) when the API gives one. */
export function shownStatus(s) {
  return s?.effectiveStatus || s?.status;
}

/** "Sheet!A1", or the sheet alone, or "—". */
export function cellOf(finding) {
  const l = finding?.location;
  if (!l) {
    return '—';
  }
  return l.cell ? l.sheet + '!' + l.cell : l.sheet;
}

/** How a decision names a finding: "ruleId@Sheet!A1", or "ruleId" for one without a cell. */
export function findingRef(finding) {
  const l = finding?.location;
  return l && l.cell ? finding.ruleId + '@' + l.sheet + '!' + l.cell : finding.ruleId;
}

/** Checklist references in the checklist's order: 1.1 < 1.2 < 2.1 < 4.1 < then the control ids. */
export function compareRefs(a, b) {
  const na = /^\d+(\.\d+)*$/.test(a);
  const nb = /^\d+(\.\d+)*$/.test(b);
  if (na && nb) {
    const pa = a.split('.').map(Number);
    const pb = b.split('.').map(Number);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
      const d = (pa[i] || 0) - (pb[i] || 0);
      if (d) {
        return d;
      }
    }
    return 0;
  }
  if (na !== nb) {
    return na ? -1 : 1;
  }
  return a.localeCompare(b);
}

/** Who did it, readably: the session name of an assumed-role ARN, else the whole value. */
export function who(principal) {
  if (!principal) {
    return 'a reviewer';
  }
  const m = /:assumed-role\/([^/]+)\/(.+)$/.exec(principal);
  return m ? m[2] + ' (' + m[1] + ')' : principal;
}
