// tthc-hub dashboard: the charts of every card (ECharts, served by the hub). The numbers are refreshed by htmx
// (the cards fragment every 10 s); the charts sit in hx-preserve'd boxes and re-read their series JSON themselves.
(function () {
  'use strict';
  var REFRESH_MS = 15000;
  var boxes = {};   // partner → {box, window, throughput, errors}

  function texts() {
    var m = document.getElementById('dashboard');
    return m ? m.dataset : {};
  }

  // bucket times in the hub's zone (the one the cards' times are written in), not the browser's
  var clock = null;
  function label(t) {
    if (!clock) {
      var d = texts();
      try {
        clock = new Intl.DateTimeFormat(d.lang === 'en' ? 'en-GB' : 'vi-VN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: d.zone });
      } catch (e) {
        clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
      }
    }
    return clock.format(new Date(t));
  }

  function baseOption() {
    return {
      animation: false,
      grid: { left: 34, right: 6, top: 6, bottom: 18 },
      tooltip: { trigger: 'axis', confine: true },
      xAxis: { type: 'category', axisLabel: { fontSize: 9, color: '#6a7686' }, axisTick: { show: false },
        axisLine: { lineStyle: { color: '#c9d1db' } } },
      yAxis: { type: 'value', minInterval: 1, splitNumber: 2, axisLabel: { fontSize: 9, color: '#6a7686' },
        splitLine: { lineStyle: { color: '#eef1f5' } } }
    };
  }

  function render(entry, s) {
    var t = texts();
    var x = s.points.map(function (p) { return label(p.t); });
    var o1 = baseOption();
    o1.xAxis.data = x;
    o1.series = [
      { name: t.labelDelivered, type: 'bar', stack: 'n', barMaxWidth: 8, itemStyle: { color: '#2e8b57' },
        data: s.points.map(function (p) { return p.delivered; }) },
      { name: t.labelFailed, type: 'bar', stack: 'n', barMaxWidth: 8, itemStyle: { color: '#d9534f' },
        data: s.points.map(function (p) { return p.failed; }) }
    ];
    entry.throughput.setOption(o1, true);
    var o2 = baseOption();
    o2.xAxis.data = x;
    o2.yAxis.max = 100;
    o2.yAxis.minInterval = 0;
    o2.yAxis.axisLabel.formatter = '{value}%';
    o2.tooltip.valueFormatter = function (v) { return v === null || v === undefined ? '–' : v + '%'; };
    // bars, not a line: a minute with attempts among minutes without any is a point a line would not draw
    o2.series = [{ name: t.labelErrorRate, type: 'bar', barMaxWidth: 8, barMinHeight: 1,
      itemStyle: { color: function (p) { return p.value >= 50 ? '#d9534f' : p.value > 0 ? '#e0a800' : '#2e8b57'; } },
      data: s.points.map(function (p) { return p.errorRate === null ? null : Math.round(p.errorRate * 1000) / 10; }) }];
    entry.errors.setOption(o2, true);
    entry.box.dataset.loaded = s.window;
  }

  function load(entry) {
    var url = entry.box.dataset.seriesUrl;
    url += (url.indexOf('?') < 0 ? '?' : '&') + 'window=' + encodeURIComponent(entry.window);
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (s) { render(entry, s); })
      .catch(function () { /* the next refresh tries again */ });
  }

  function scan(root) {
    if (typeof echarts === 'undefined') { return; }
    (root || document).querySelectorAll('.charts[data-series-url]').forEach(function (box) {
      var partner = box.dataset.partner;
      var entry = boxes[partner];
      if (entry && entry.box === box) { return; }
      if (entry) { entry.throughput.dispose(); entry.errors.dispose(); }
      entry = {
        box: box, window: 'hour',
        throughput: echarts.init(box.querySelector('.chart.throughput')),
        errors: echarts.init(box.querySelector('.chart.errors'))
      };
      boxes[partner] = entry;
      load(entry);
    });
  }

  function refreshAll() {
    Object.keys(boxes).forEach(function (p) {
      if (document.body.contains(boxes[p].box)) { load(boxes[p]); } else { delete boxes[p]; }
    });
  }

  document.addEventListener('click', function (e) {
    var b = e.target.closest ? e.target.closest('.charts .toggle button[data-window]') : null;
    if (!b) { return; }
    var box = b.closest('.charts');
    var entry = boxes[box.dataset.partner];
    if (!entry) { return; }
    entry.window = b.dataset.window;
    box.querySelectorAll('.toggle button').forEach(function (o) { o.classList.toggle('on', o === b); });
    load(entry);
  });

  document.addEventListener('DOMContentLoaded', function () {
    scan(document);
    setInterval(refreshAll, REFRESH_MS);
  });
  document.addEventListener('htmx:afterSettle', function () { scan(document); });
  window.addEventListener('resize', function () {
    Object.keys(boxes).forEach(function (p) { boxes[p].throughput.resize(); boxes[p].errors.resize(); });
  });
})();
