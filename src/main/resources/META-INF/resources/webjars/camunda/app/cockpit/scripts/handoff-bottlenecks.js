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

/** Whether two boxes ({x, y, width, height}, diagram coordinates) overlap, and by how much area. */
function overlap(a, b) {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Where a badge of this size sits beside its shape: above it, below it, right or left of it, whichever covers no
 * label, no other shape, no badge placed before and leaves the diagram's bounds least (Cockpit fits the diagram
 * to its panel and cuts off what lies outside); else whichever covers least. Names stay readable: a task's name is
 * inside its shape, an event's or gateway's is a label element of its own.
 */
function place(shape, size, obstacles, bounds) {
  const gap = 3;
  const candidates = [
    { left: 0, top: -size.height - gap },
    { left: shape.width - size.width, top: -size.height - gap },
    { left: 0, top: shape.height + gap },
    { left: shape.width - size.width, top: shape.height + gap },
    { left: shape.width + gap, top: 0 },
    { left: -size.width - gap, top: 0 },
    { left: shape.width + gap, top: shape.height - size.height },
    { left: -size.width - gap, top: shape.height - size.height },
    { left: (shape.width - size.width) / 2, top: -size.height - gap },
    { left: (shape.width - size.width) / 2, top: shape.height + gap }
  ];
  let best = null;
  candidates.forEach(position => {
    const box = { x: shape.x + position.left, y: shape.y + position.top, width: size.width, height: size.height };
    const outside = box.width * box.height - overlap(box, bounds);
    const covered = obstacles.reduce((sum, o) => sum + overlap(box, o), outside);
    if (best === null || covered < best.covered) {
      best = { position, box, covered };
    }
  });
  return best;
}

/** The badge's size on the diagram (overlays scale with it, so CSS pixels are diagram units). */
function measure(badge) {
  const probe = badge.cloneNode(true);
  probe.style.position = 'absolute';
  probe.style.visibility = 'hidden';
  document.body.appendChild(probe);
  const size = { width: probe.offsetWidth, height: probe.offsetHeight };
  probe.remove();
  return size;
}

const overlay = {
  id: 'handoff-bottlenecks-overlay',
  pluginPoint: 'cockpit.processDefinition.diagram.plugin',
  priority: 5,
  render: (viewer, { processDefinitionId }) => {
    const overlays = viewer.get('overlays');
    const registry = viewer.get('elementRegistry');
    bottlenecks(processDefinitionId).then(data => {
      // Every label and shape is in the way; connections are not (a badge may cross a line).
      const elements = registry.filter(e => !e.waypoints && e.parent && e.width && e.height);
      const obstacles = elements.filter(e => e.type !== 'label' || (e.businessObject && e.businessObject.name))
        .map(e => ({ id: e.id, x: e.x, y: e.y, width: e.width, height: e.height }));
      // Cockpit's own instance and incident counts sit on each shape's bottom-left corner.
      elements.filter(e => e.type !== 'label').forEach(e => obstacles.push(
        { id: 'counts-' + e.id, x: e.x - 10, y: e.y + e.height - 10, width: 44, height: 20 }));
      const left = Math.min(...elements.map(e => e.x));
      const top = Math.min(...elements.map(e => e.y));
      const bounds = { x: left, y: top, width: Math.max(...elements.map(e => e.x + e.width)) - left,
        height: Math.max(...elements.map(e => e.y + e.height)) - top };
      // Only where people or the clock hold the process; service tasks and gateways pass in no time.
      data.activities.filter(a => a.waitState && registry.get(a.activityId)
          && (a.completed || a.waiting || a.breaches))
        .forEach(a => {
          const shape = registry.get(a.activityId);
          const badge = document.createElement('div');
          badge.className = 'handoff-bottleneck-badge';
          badge.title = a.waiting + ' waiting now; median ' + duration(a.medianSeconds) + ', p90 '
            + duration(a.p90Seconds) + '; ' + a.breaches + ' past due';
          badge.textContent = [a.waiting ? a.waiting + ' waiting' : null,
            a.completed ? 'p50 ' + duration(a.medianSeconds) + ' · p90 ' + duration(a.p90Seconds) : null,
            a.breaches ? a.breaches + ' late' : null].filter(part => part).join(' · ');
          badge.style.cssText = 'background:' + (a.breaches ? '#b42318' : '#1d2330') + ';color:#fff;'
            + 'font-size:11px;line-height:14px;padding:1px 5px;border-radius:3px;white-space:nowrap;opacity:.9';
          const spot = place(shape, measure(badge), obstacles.filter(o => o.id !== shape.id), bounds);
          obstacles.push(Object.assign({ id: 'badge-' + shape.id }, spot.box));
          // At every zoom, like Cockpit's own counts.
          overlays.add(a.activityId, 'handoff-bottlenecks', { position: spot.position, html: badge,
            show: { minZoom: -Infinity, maxZoom: Infinity } });
        });
    }).catch(error => console.warn(error.message));
  }
};

export default [tab, overlay];
