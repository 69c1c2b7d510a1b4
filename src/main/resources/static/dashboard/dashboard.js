// The manager dashboard: reads Handoff's report API with the browser's session (or basic authentication)
// and draws it with Chart.js, served from the application's webjar.
'use strict';

const charts = {};
const percent = (rate) => rate == null ? 'n/a' : (rate * 100).toFixed(1) + ' %';
const hours = (seconds) => seconds == null ? 'n/a' : (seconds / 3600).toFixed(1) + ' h';

// What people read for the codes the report API returns (the API keeps the codes).
const LABELS = {
  misrouted: 'Misrouted', bad_data: 'Bad data', below_definition: 'Below the MQL definition',
  OVERTURNED: 'Overturned', UPHELD: 'Upheld', ACCEPTED: 'Accepted', DISPUTED: 'Disputed',
  case_study: 'Case study', battlecard: 'Battlecard', one_pager: 'One-pager', deck: 'Deck',
  email_template: 'Email template', other: 'Other',
  SLA_NOT_HONOURED: 'SLA not honoured', LEADS_BELOW_EXPECTATION: 'Leads below expectation',
  MESSAGE_MISMATCH: 'Message mismatch', HEALTHY: 'Healthy', NO_DATA: 'No data'
};
/** The label of a code; an unknown code reads in sentence case with blanks for underscores. */
const label = (code) => LABELS[code] ?? (code == null ? 'n/a'
  : String(code).charAt(0).toUpperCase() + String(code).slice(1).toLowerCase().replaceAll('_', ' '));
/** Counts by code as "Overturned 22 · Upheld 21", or "none". */
const counts = (byCode) => Object.entries(byCode || {}).map(([code, n]) => label(code) + ' ' + n)
  .join(' · ') || 'none';

async function report(path, params) {
  return api('/api/reports/' + path, params);
}

// The webapp session's CSRF token, which a change made with the session must send as the webapps do. Their
// XSRF-TOKEN cookie is scoped to their path, so reads ask Handoff for it (X-XSRF-TOKEN: Fetch).
let xsrfToken = '';

async function api(base, params, method) {
  const query = new URLSearchParams(Object.entries(params || {}).filter(([, v]) => v));
  const change = method && method !== 'GET';
  const headers = { Accept: 'application/json', 'X-XSRF-TOKEN': change ? xsrfToken : 'Fetch' };
  const response = await fetch(base + (query.size ? '?' + query : ''),
    { method: method || 'GET', credentials: 'same-origin', headers });
  if (!change && response.headers.get('X-XSRF-TOKEN')) {
    xsrfToken = response.headers.get('X-XSRF-TOKEN');
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw Object.assign(new Error(base + ': ' + response.status + ' ' + (problem.detail || '')),
      { status: response.status });
  }
  return response.json();
}

function draw(id, config) {
  if (charts[id]) {
    charts[id].destroy();
  }
  config.options = Object.assign({ responsive: true, animation: false, maintainAspectRatio: false }, config.options);
  charts[id] = new Chart(document.getElementById(id), config);
}

function funnel(data) {
  const c = data.total.counts;
  draw('funnel-chart', {
    type: 'bar',
    data: {
      labels: ['Lead', 'MQL', 'SAL', 'SQL', 'Opportunity', 'Won'],
      datasets: [{ label: 'Leads created in the period', data: [c.leads, c.mql, c.sal, c.sql, c.opportunity, c.won],
        backgroundColor: '#3b6fd8' }]
    }
  });
  const r = data.total.conversion;
  document.getElementById('funnel-summary').textContent = 'MQL→SAL ' + percent(r.mqlToSal) + ', SAL→SQL '
    + percent(r.salToSql) + ', SQL→Opportunity ' + percent(r.sqlToOpportunity) + ', Lead→Won ' + percent(r.leadToWon)
    + '. By persona (leads, MQLs): ' + (data.byPersona || []).map(p => label(p.persona) + ' ' + p.counts.leads + ', '
      + p.counts.mql).join(' · ') + '.';
}

function sla(data) {
  draw('sla-chart', {
    type: 'line',
    data: {
      labels: data.weekly.map(w => w.weekOf),
      datasets: [
        { label: 'Answered within SLA', data: data.weekly.map(w => w.slaCompliance == null ? null : w.slaCompliance * 100),
          borderColor: '#3b6fd8', spanGaps: true },
        { label: 'Target', data: data.weekly.map(() => data.target * 100), borderColor: '#b42318', borderDash: [6, 4],
          pointRadius: 0 }
      ]
    },
    options: { scales: { y: { min: 0, max: 100, ticks: { callback: v => v + ' %' } } } }
  });
  const t = data.total;
  document.getElementById('sla-summary').textContent = 'Compliance ' + percent(t.slaCompliance) + ' of ' + t.judged
    + ' clocks; time to accept median ' + hours(t.timeToAcceptBusinessSeconds.medianSeconds) + ', p90 '
    + hours(t.timeToAcceptBusinessSeconds.p90Seconds) + ' (business time); ' + data.breaches.total + ' breaches, '
    + t.reassigned + ' reassignments, ' + data.escalations.raised + ' escalations; speed-to-lead median '
    + hours(data.speedToLead.medianSeconds) + '.';
}

function rejections(data) {
  draw('rejections-chart', {
    type: 'doughnut',
    data: {
      labels: data.byReason.map(r => label(r.reason)),
      datasets: [{ data: data.byReason.map(r => r.rejections), backgroundColor: ['#f79009', '#b42318', '#3b6fd8'] }]
    }
  });
  const a = data.acceptance;
  document.getElementById('rejections-summary').textContent = data.total + ' rejections; acceptance '
    + percent(a.rate) + ' (target ' + percent(a.target) + '); review: ' + counts(data.reviewOutcomes)
    + '; arbitration: ' + counts(data.arbitrationOutcomes) + '.';
}

function content(data) {
  draw('content-chart', {
    type: 'bar',
    data: {
      labels: data.byType.map(t => label(t.type)),
      datasets: [{ label: 'Median cycle time (days)',
        data: data.byType.map(t => t.medianCycleSeconds == null ? null : +(t.medianCycleSeconds / 86400).toFixed(1)),
        backgroundColor: '#12b76a' }]
    }
  });
  document.getElementById('content-summary').textContent = data.requests + ' requests, reuse rate '
    + percent(data.reuseRate) + ', triage median ' + hours(data.triage.medianSeconds) + ', '
    + data.revisions + ' revision rounds, average rating ' + (data.ratings.averageUsefulness ?? 'n/a') + '.';
}

// lead-lifecycle's stages, then the tasks in them: where leads wait and which steps run past due.
function bottlenecks(data) {
  const steps = data.activities.filter(a => a.type === 'callActivity' || a.type === 'userTask');
  draw('bottlenecks-chart', {
    type: 'bar',
    data: {
      labels: steps.map(a => a.name || a.activityId),
      datasets: [
        { label: 'Waiting now', data: steps.map(a => a.waiting), backgroundColor: '#3b6fd8' },
        { label: 'Past due', data: steps.map(a => a.breaches), backgroundColor: '#b42318' }
      ]
    }
  });
  const body = document.querySelector('#bottlenecks-table tbody');
  body.replaceChildren(...steps.map(a => {
    const row = document.createElement('tr');
    [a.name || a.activityId, a.waiting, a.completed, hours(a.medianSeconds), hours(a.p90Seconds), a.breaches]
      .forEach(value => row.appendChild(Object.assign(document.createElement('td'), { textContent: value })));
    return row;
  }));
}

function diagnosis(data) {
  document.getElementById('diagnosis-quarter').textContent = data.quarter;
  const verdict = document.getElementById('verdict');
  verdict.textContent = label(data.verdict);
  verdict.className = data.verdict;
  document.getElementById('verdict-reason').textContent = data.reason;
  document.getElementById('findings').replaceChildren(...data.findings.map(f =>
    Object.assign(document.createElement('li'), { textContent: f })));
  document.getElementById('diagnosis-agreements').replaceChildren(...(data.agreements || []).map(a =>
    Object.assign(document.createElement('li'), {
      textContent: 'Agreement ' + a.agreement + ' (' + a.from.slice(0, 10) + ' to ' + a.to.slice(0, 10) + ', signed by '
        + (a.signedForMarketingBy || '?') + ' and ' + (a.signedForSalesBy || '?') + '): ' + label(a.verdict) + ' — '
        + a.reason + (a.findings.length ? ' ' + a.findings.join('; ') : '')
    })));
  const f = data.figures, t = data.targets;
  const rows = [['SLA compliance', percent(f.slaCompliance), percent(t.slaCompliance)],
    ['Acceptance', percent(f.acceptanceRate), percent(t.acceptance)],
    ['Rejections below definition', percent(f.definitionalShare), '≤ ' + percent(t.definitionalShareMax)],
    ['SAL→SQL', percent(f.salToSql), percent(t.salToSql)]];
  document.getElementById('diagnosis-figures').replaceChildren(
    ...[['Figure', 'Quarter', 'Target'], ...rows].map(cells => {
      const row = document.createElement('tr');
      cells.forEach(value => row.appendChild(Object.assign(document.createElement('td'), { textContent: value })));
      return row;
    }));
}

/** A row of cells, the first row of a table its header. */
function rows(table, cells) {
  document.getElementById(table).replaceChildren(...cells.map(values => {
    const row = document.createElement('tr');
    values.forEach(value => row.appendChild(Object.assign(document.createElement('td'), { textContent: value })));
    return row;
  }));
}

/** The quarter's shared objectives of the agreement in force at its end: actual against target. */
function objectives(data) {
  const amount = (n) => n == null ? 'none agreed' : Number(n).toLocaleString('en', { maximumFractionDigits: 2 });
  document.getElementById('objectives-quarter').textContent = data.quarter + ' (agreement '
    + data.objectivesAgreement + ')';
  rows('objectives', [['Objective', 'Actual', 'Target', 'Progress'],
    ...(data.objectives || []).map(o => [o.label, amount(o.actual), amount(o.target), percent(o.progress)])]);
}

/** The agreement in force, who signed it, and decision versions deployed outside it (stray deployments). */
function agreement(current, findings) {
  document.getElementById('agreement-number').textContent = current.number;
  const signature = (s) => s ? s.by + ' on ' + s.at.slice(0, 10) : 'not signed';
  document.getElementById('agreement-signed').textContent = 'In force since ' + current.inForceSince.slice(0, 10)
    + '; signed for marketing by ' + signature(current.marketing) + ', for sales by ' + signature(current.sales)
    + '. Decisions: ' + Object.entries(current.decisions).map(([k, v]) => k + ' v' + v).join(', ') + '.';
  const catalogue = current.catalogue;
  document.getElementById('agreement-personas').textContent = catalogue ? 'Personas: '
    + catalogue.personas.map(p => p.name).join(', ') + '. Ideal customer profile: '
    + [catalogue.icp.segments, catalogue.icp.companySizes, catalogue.icp.industries, catalogue.icp.regions]
      .map(list => list.join(', ') || 'any').join(' · ') + '.' : '';
  document.getElementById('agreement-findings').replaceChildren(...findings.map(f =>
    Object.assign(document.createElement('li'), { textContent: f.message, className: 'stray' })));
}

/**
 * For admins only: the outbox rows a subscriber kept refusing, each with a Retry button, and one button per
 * subscriber for all of its rows. Others get 403 from the API and never see the section.
 */
async function failedDeliveries() {
  const section = document.getElementById('failed-deliveries');
  let data;
  try {
    data = await api('/api/outbox/failed');
  } catch (e) {
    if (e.status === 403) {
      section.hidden = true;
      return;
    }
    throw e;
  }
  section.hidden = false;
  document.getElementById('failed-count').textContent = '(' + data.failed + ')';
  const deliveries = n => n + (n === 1 ? ' delivery' : ' deliveries');
  document.getElementById('failed-summary').textContent = data.failed === 0
    ? 'Every subscriber took what it was sent; ' + deliveries(data.pending) + ' pending.'
    : deliveries(data.failed) + ' failed every attempt and wait for a retry (each holds back its lead\'s later '
      + 'events for that subscriber); ' + data.pending + ' pending.';
  const retryButton = (text, title, action) => Object.assign(document.createElement('button'),
    { type: 'button', textContent: text, title, onclick: () => retry(action) });
  document.querySelector('#failed-table tbody').replaceChildren(...data.items.map(item => {
    const row = document.createElement('tr');
    row.dataset.id = item.id;
    // Event types as subscribers are configured with them (handoff.events.subscribers.*.events).
    [item.subscriber, item.eventType, item.leadNumber || '–', item.attempts, item.lastError || '',
      item.createdAt.slice(0, 16).replace('T', ' ')]
      .forEach(value => row.appendChild(Object.assign(document.createElement('td'), { textContent: value })));
    const cell = document.createElement('td');
    cell.appendChild(retryButton('Retry', 'Send it again now', '/api/outbox/' + item.id + '/retry'));
    row.appendChild(cell);
    return row;
  }));
  const subscribers = [...new Set(data.items.map(item => item.subscriber))];
  document.getElementById('failed-subscribers').replaceChildren(...subscribers.map(name =>
    retryButton('Retry all for ' + name, 'Send all of its failed deliveries again',
      '/api/outbox/failed/retry?' + new URLSearchParams({ subscriber: name }))));
}

async function retry(path) {
  const status = document.getElementById('status');
  try {
    await api(path, null, 'POST');
    status.textContent = '';
  } catch (e) {
    status.textContent = e.message;
  }
  await failedDeliveries().catch(e => { status.textContent = e.message; });
}

async function load(event) {
  if (event) {
    event.preventDefault();
  }
  const form = document.getElementById('period');
  const params = { from: form.from.value, to: form.to.value };
  const status = document.getElementById('status');
  status.textContent = 'Loading…';
  try {
    const [f, s, r, c, b, d] = await Promise.all([report('funnel', params), report('sla', params),
      report('rejections', params), report('content', params),
      report('bottlenecks', Object.assign({ processDefinitionKey: 'lead-lifecycle', stages: true }, params)),
      report('quarter-diagnosis', { quarter: quarterOf(params.to) }), failedDeliveries()]);
    funnel(f); sla(s); rejections(r); content(c); bottlenecks(b); diagnosis(d); objectives(d);
    const [current, strays] = await Promise.all([api('/api/agreements/current'), api('/api/agreements/findings')]);
    agreement(current, strays);
    form.from.value = f.window.from;
    form.to.value = f.window.to;
    status.textContent = '';
    document.body.dataset.loaded = 'true';
  } catch (e) {
    status.textContent = e.message;
    document.body.dataset.loaded = 'error';
  }
}

/** The quarter the period ends in; the current quarter when no end is chosen. */
function quarterOf(date) {
  if (!date) {
    return '';
  }
  const [year, month] = date.split('-').map(Number);
  return year + '-Q' + (Math.floor((month - 1) / 3) + 1);
}

document.getElementById('period').addEventListener('submit', load);
load();
