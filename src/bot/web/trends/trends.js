/* The trends page: fetches /trends/data.json (with the token from ?token= when the bot needs one)
   and draws each chart with Chart.js. Labels are set as text; nothing from the data becomes HTML. */
(function () {
  'use strict';
  var PALETTE = ['#0969da', '#cf222e', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#1b7c83', '#bc4c00', '#57606a', '#4d2d00', '#0550ae', '#116329'];
  var token = new URLSearchParams(location.search).get('token');
  var headers = token ? { Authorization: 'Bearer ' + token } : {};

  Chart.defaults.animation = false;
  Chart.defaults.font.size = 13;
  Chart.defaults.color = '#1f2328';
  Chart.defaults.maintainAspectRatio = false;

  function tile(value, label) {
    var el = document.createElement('div');
    el.className = 'tile';
    var v = document.createElement('div');
    v.className = 'value';
    v.textContent = value;
    var l = document.createElement('div');
    l.className = 'label';
    l.textContent = label;
    el.appendChild(v);
    el.appendChild(l);
    return el;
  }

  function pct(x) {
    return x === null || x === undefined ? '–' : Math.round(x * 100) + '%';
  }

  function hours(h) {
    if (h === null || h === undefined) return '–';
    return h < 48 ? h.toFixed(1) + ' h' : (h / 24).toFixed(1) + ' days';
  }

  /** Shorter labels for the axes; the tooltip keeps the full text. */
  function short(s, n) {
    return s.length > n ? s.slice(0, n - 1) + '…' : s;
  }

  /** Draws one chart, or shows its "no data" line; records how many points it drew for tests and readers. */
  function draw(id, points, config) {
    var canvas = document.getElementById(id);
    canvas.dataset.points = String(points);
    if (points === 0) {
      canvas.hidden = true;
      canvas.closest('figure').querySelector('.empty').hidden = false;
      return;
    }
    new Chart(canvas, config);
  }

  function sum(xs) {
    return xs.reduce(function (a, b) { return a + (b || 0); }, 0);
  }

  function render(d) {
    var closedTotal = sum(d.escalation.closed);
    document.getElementById('subtitle').textContent =
      d.cases + ' cases changed in these weeks; the last ' + d.weeks.length + ' weeks from ' + d.weeks[0] + ' (weeks start on Monday, UTC). Updated ' + d.generatedAt.slice(0, 16).replace('T', ' ') + ' UTC.';
    var tiles = document.getElementById('tiles');
    tiles.appendChild(tile(String(sum(d.perWeek.map(function (f) { return sum(f.counts); }))), 'cases opened in these weeks'));
    tiles.appendChild(tile(String(closedTotal), 'closed or escalated'));
    tiles.appendChild(tile(hours(d.timeToClose.medianHours), 'median time to close'));
    tiles.appendChild(tile(pct(d.escalation.overall), 'escalated'));

    draw('chart-weekly', sum(d.perWeek.map(function (f) { return sum(f.counts); })), {
      type: 'bar',
      data: {
        labels: d.weeks,
        datasets: d.perWeek.map(function (f, i) {
          return { label: f.title, data: f.counts, backgroundColor: PALETTE[i % PALETTE.length] };
        }),
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'cases' } } }, plugins: { legend: { position: 'right' } } },
    });

    draw('chart-causes', sum(d.confirmed.map(function (c) { return c.count; })), {
      type: 'bar',
      data: {
        labels: d.confirmed.map(function (c) { return short(c.title, 40); }),
        datasets: [{ label: 'cases confirmed', data: d.confirmed.map(function (c) { return c.count; }), backgroundColor: PALETTE[2] }],
      },
      options: {
        indexAxis: 'y',
        layout: { padding: { left: 4 } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { title: function (items) { return d.confirmed[items[0].dataIndex].title; } } } },
      },
    });

    draw('chart-close', sum(d.timeToClose.counts), {
      type: 'bar',
      data: { labels: d.timeToClose.buckets, datasets: [{ label: 'resolved cases', data: d.timeToClose.counts, backgroundColor: PALETTE[0] }] },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'cases' } } }, plugins: { legend: { display: false } } },
    });

    draw('chart-escalation', closedTotal, {
      type: 'line',
      data: {
        labels: d.weeks,
        datasets: [{ label: 'escalated / closed', data: d.escalation.rate.map(function (r) { return r === null ? null : Math.round(r * 1000) / 10; }), borderColor: PALETTE[1], backgroundColor: PALETTE[1], spanGaps: true, pointRadius: 4 }],
      },
      options: {
        scales: { y: { beginAtZero: true, max: 100, ticks: { callback: function (v) { return v + '%'; } } } },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: function (item) { var i = item.dataIndex; return d.escalation.escalated[i] + ' of ' + d.escalation.closed[i] + ' closed cases escalated'; } } },
        },
      },
    });

    draw('chart-probes', sum(d.probes.map(function (p) { return p.count; })), {
      type: 'bar',
      data: {
        labels: d.probes.map(function (p) { return short(p.outcome.replace(/^probe:/, ''), 32); }),
        datasets: [{ label: 'probe runs', data: d.probes.map(function (p) { return p.count; }), backgroundColor: PALETTE[4] }],
      },
      options: {
        indexAxis: 'y',
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { display: false }, tooltip: { callbacks: { afterLabel: function (item) { return d.probes[item.dataIndex].label; } } } },
      },
    });
    document.body.dataset.ready = 'true';
  }

  fetch('/trends/data.json', { headers: headers })
    .then(function (r) {
      if (!r.ok) throw new Error(r.status === 401 ? 'This page needs the trends token: open it as /trends?token=…' : 'The counts could not be read (HTTP ' + r.status + ').');
      return r.json();
    })
    .then(render)
    .catch(function (err) {
      var el = document.getElementById('error');
      el.textContent = err.message;
      el.hidden = false;
      document.body.dataset.ready = 'error';
    });
})();
