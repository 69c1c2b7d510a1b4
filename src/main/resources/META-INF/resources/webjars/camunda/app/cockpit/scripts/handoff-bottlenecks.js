// Cockpit CE shows no durations or waiting counts per activity; these two plugins do, for the process
// definition on screen, from Handoff's report API (read with the Cockpit session; managers and admins).
const cache = new Map();

function bottlenecks(processDefinitionId) {
  if (!cache.has(processDefinitionId)) {
    cache.set(processDefinitionId, fetch('/api/reports/bottlenecks?processDefinitionId='
        + encodeURIComponent(processDefinitionId), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(response => {
        if (!response.ok) {
          throw new Error('Bottlenecks unavailable (' + response.status + ')');
        }
        return response.json();
      }));
    // Fresh figures the next time the view opens.
    setTimeout(() => cache.delete(processDefinitionId), 30000);
  }
  return cache.get(processDefinitionId);
}

function duration(seconds) {
  if (seconds == null) {
    return '–';
  }
  if (seconds < 3600) {
    return Math.round(seconds / 60) + ' min';
  }
  return seconds < 86400 * 2 ? (seconds / 3600).toFixed(1) + ' h' : (seconds / 86400).toFixed(1) + ' d';
}

function cell(row, text, tag) {
  const element = document.createElement(tag || 'td');
  element.textContent = text;
  row.appendChild(element);
}

const tab = {
  id: 'handoff-bottlenecks-tab',
  pluginPoint: 'cockpit.processDefinition.runtime.tab',
  priority: 5,
  label: 'Bottlenecks',
  render: (node, { processDefinitionId }) => {
    node.innerHTML = '<p class="handoff-bottlenecks-status">Loading bottlenecks…</p>';
    bottlenecks(processDefinitionId).then(data => {
      const table = document.createElement('table');
      table.className = 'cam-table handoff-bottlenecks';
      const head = document.createElement('tr');
      ['Activity', 'Type', 'Waiting now', 'Completed (' + data.window.from + ' – ' + data.window.to + ')',
        'Median duration', 'p90 duration', 'Past due'].forEach(title => cell(head, title, 'th'));
      table.createTHead().appendChild(head);
      const body = table.createTBody();
      data.activities.forEach(a => {
        const row = body.insertRow();
        row.dataset.activityId = a.activityId;
        [a.name || a.activityId, a.type, a.waiting, a.completed, duration(a.medianSeconds), duration(a.p90Seconds),
          a.breaches].forEach(value => cell(row, String(value)));
      });
      node.replaceChildren(table);
      if (!data.activities.length) {
        node.insertAdjacentHTML('beforeend', '<p>No activity has run in this period.</p>');
      }
    }).catch(error => {
      node.textContent = error.message;
    });
  }
};

const overlay = {
  id: 'handoff-bottlenecks-overlay',
  pluginPoint: 'cockpit.processDefinition.diagram.plugin',
  priority: 5,
  render: (viewer, { processDefinitionId }) => {
    const overlays = viewer.get('overlays');
    const registry = viewer.get('elementRegistry');
    bottlenecks(processDefinitionId).then(data => {
      data.activities.filter(a => registry.get(a.activityId) && (a.completed || a.waiting || a.breaches))
        .forEach(a => {
          const badge = document.createElement('div');
          badge.className = 'handoff-bottleneck-badge';
          badge.title = a.waiting + ' waiting now; median ' + duration(a.medianSeconds) + ', p90 '
            + duration(a.p90Seconds) + '; ' + a.breaches + ' past due';
          badge.textContent = 'p50 ' + duration(a.medianSeconds) + ' · p90 ' + duration(a.p90Seconds)
            + (a.breaches ? ' · ' + a.breaches + ' late' : '');
          badge.style.cssText = 'background:' + (a.breaches ? '#b42318' : '#1d2330') + ';color:#fff;'
            + 'font-size:11px;padding:1px 5px;border-radius:3px;white-space:nowrap;opacity:.9';
          overlays.add(a.activityId, 'handoff-bottlenecks', { position: { top: -18, left: 0 }, html: badge });
        });
    }).catch(error => console.warn(error.message));
  }
};

export default [tab, overlay];
