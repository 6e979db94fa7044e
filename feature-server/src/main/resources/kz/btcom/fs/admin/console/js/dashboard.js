// The dashboard: health and the call figures as tiles, and live charts of the last few minutes, from /metrics
// every few seconds while the page is open. The charts are uPlot's, served from the server's jar.
import uPlot from '/console/vendor/uplot/uPlot.esm.js';
import { health, metricsText } from './api.js';
import { el, replace } from './dom.js';
import * as format from './format.js';
import { t } from './i18n.js';
import * as metrics from './metrics.js';

export const REFRESH_SECONDS = 3;
/** Quantiles over the calls of this many scrapes back: a quarter of a minute, steady enough to read. */
const QUANTILE_WINDOW = 5;
const KEEP = 100;
/** The charts show this much time, however little has been gathered yet, so their axes read alike. */
const SHOWN_SECONDS = KEEP * REFRESH_SECONDS;

// Kept while the console is open, so the charts go on where they were when the dashboard is opened again.
const history = [];
const series = { at: [], inProgress: [], cps: [], rejections: [], p50: [], p99: [] };
let lastHealth = null;

function remember(snapshot) {
  const previous = history[history.length - 1];
  const windowStart = history[Math.max(0, history.length - QUANTILE_WINDOW)];
  history.push(snapshot);
  const toMs = (seconds) => (seconds === null ? null : seconds * 1000);
  series.at.push(snapshot.at / 1000);
  series.inProgress.push(snapshot.inProgress);
  series.cps.push(metrics.rate(previous, snapshot, 'callsTotal'));
  series.rejections.push(metrics.rate(previous, snapshot, 'rejections'));
  series.p50.push(toMs(metrics.quantile(0.5, windowStart, snapshot)));
  series.p99.push(toMs(metrics.quantile(0.99, windowStart, snapshot)));
  if (history.length > KEEP) {
    history.shift();
    Object.values(series).forEach((values) => values.shift());
  }
}

function tile(id, label) {
  return el('div', { class: 'tile', id }, el('span', { class: 'tile-label' }, label),
    el('span', { class: 'tile-value' }, '–'));
}

function show(container, id, value, text) {
  const node = container.querySelector(`#${id}`);
  node.dataset.value = value === null ? '' : String(value);
  node.querySelector('.tile-value').textContent = text;
}

function chart(title, lines, target) {
  const colours = ['#1b6ac9', '#d1495b', '#2e8b57'];
  return new uPlot({
    title,
    width: Math.max(320, target.clientWidth),
    height: 200,
    scales: {
      x: { time: true, range: (u, min, max) => (max == null ? [min, max] : [max - SHOWN_SECONDS, max]) },
      y: { range: (u, min, max) => [0, Math.max(1, max)] },
    },
    series: [{}, ...lines.map((label, i) => ({ label, stroke: colours[i], width: 2 }))],
    axes: [{ space: 90, values: (u, ticks) => ticks.map((ts) => format.time(new Date(ts * 1000))) }, { size: 50 }],
    legend: { live: false },
  }, [[]], target);
}

export function render(container) {
  const charts = el('div', { class: 'charts' });
  replace(container,
    el('div', { class: 'tiles' },
      tile('tile-health', t('dash.health')),
      tile('tile-in-progress', t('dash.inProgress')),
      tile('tile-calls-total', t('dash.callsTotal')),
      tile('tile-cps', t('dash.cps')),
      tile('tile-p50', t('dash.p50')),
      tile('tile-p99', t('dash.p99')),
      tile('tile-rejections', t('dash.rejections')),
      tile('tile-busy-lines', t('dash.busyLines'))),
    charts,
    el('p', { class: 'hint', id: 'dash-updated' }));
  const places = [0, 1, 2].map(() => charts.appendChild(el('div', { class: 'chart' })));
  const plots = [
    chart(t('dash.chart.inProgress'), [t('dash.series.inProgress')], places[0]),
    chart(t('dash.chart.rate'), [t('dash.series.cps'), t('dash.series.rejections')], places[1]),
    chart(t('dash.chart.setup'), ['p50', 'p99'], places[2]),
  ];
  const draw = () => {
    plots[0].setData([series.at, series.inProgress]);
    plots[1].setData([series.at, series.cps, series.rejections]);
    plots[2].setData([series.at, series.p50, series.p99]);
    const latest = history[history.length - 1];
    if (latest) {
      const last = (values) => values[values.length - 1];
      const ms = (value) => (value === null ? '–' : `${format.number(value, 1)} ${t('unit.ms')}`);
      show(container, 'tile-in-progress', latest.inProgress, format.number(latest.inProgress));
      show(container, 'tile-calls-total', latest.callsTotal, format.number(latest.callsTotal));
      show(container, 'tile-cps', last(series.cps), format.number(last(series.cps), 1));
      show(container, 'tile-p50', last(series.p50), ms(last(series.p50)));
      show(container, 'tile-p99', last(series.p99), ms(last(series.p99)));
      show(container, 'tile-rejections', latest.rejections, format.number(latest.rejections));
      show(container, 'tile-busy-lines', latest.busyLines, format.number(latest.busyLines));
      container.querySelector('#dash-updated').textContent =
        t('dash.updated', { time: format.time(new Date(latest.at)), seconds: REFRESH_SECONDS });
    }
    if (lastHealth) {
      show(container, 'tile-health', lastHealth, t(`health.${lastHealth}`));
      container.querySelector('#tile-health').dataset.health = lastHealth;
    }
  };
  let shown = true;
  const refresh = async () => {
    lastHealth = await health();
    try {
      remember(metrics.snapshot(await metricsText(), Date.now()));
    } catch (unreachable) {
      lastHealth = 'down';
    }
    if (shown) {
      draw();
    }
  };
  const resize = () => plots.forEach((plot, i) => plot.setSize({ width: places[i].clientWidth, height: 200 }));
  draw();
  refresh();
  const timer = setInterval(refresh, REFRESH_SECONDS * 1000);
  window.addEventListener('resize', resize);
  return () => {
    shown = false;
    clearInterval(timer);
    window.removeEventListener('resize', resize);
    plots.forEach((plot) => plot.destroy());
  };
}
