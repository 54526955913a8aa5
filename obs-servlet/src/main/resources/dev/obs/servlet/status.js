// Turns the response-time tables of the status page into Chart.js line charts. The page works
// without this script: the tables stay readable under their disclosure.
(function () {
  'use strict';
  if (typeof Chart === 'undefined') {
    return;
  }
  var colours = { p50: '#0969da', p95: '#bf8700', p99: '#cf222e' };
  document.querySelectorAll('figure.latency').forEach(function (figure) {
    var canvas = figure.querySelector('canvas');
    if (!canvas) {
      return;
    }
    var labels = [];
    var series = { p50: [], p95: [], p99: [] };
    figure.querySelectorAll('tbody tr').forEach(function (row) {
      var cells = row.querySelectorAll('td');
      labels.push(row.querySelector('th').textContent);
      ['p50', 'p95', 'p99'].forEach(function (key, i) {
        var text = cells[i + 1].textContent;
        series[key].push(text === '' ? null : parseFloat(text));
      });
    });
    var chart = new Chart(canvas, {
      type: 'line',
      data: {
        labels: labels,
        datasets: ['p50', 'p95', 'p99'].map(function (key) {
          return {
            label: key.toUpperCase() + ' (ms)',
            data: series[key],
            borderColor: colours[key],
            backgroundColor: colours[key],
            borderWidth: 2,
            pointRadius: 2,
            spanGaps: false
          };
        })
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: { y: { beginAtZero: true, title: { display: true, text: 'ms' } } }
      }
    });
    figure.setAttribute('data-chart', 'rendered');
    figure.chart = chart;
  });
})();
