import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h } from '../dom.js';

/** How far back the charts reach. */
export const WINDOW_SECONDS = 10 * 60;

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

export interface SeriesSpec {
  label: string;
  colour: string;
}

/**
 * A small live time chart (uPlot, bundled: no CDN) of the last WINDOW_SECONDS. `push` adds one
 * sample per series; older samples fall off the left.
 */
export function liveChart(title: string, series: SeriesSpec[], testid: string) {
  const element = h('figure', { class: 'chart', testid, style: 'margin: 0' }, h('figcaption', { class: 'small muted' }, title));
  const data: number[][] = [[], ...series.map(() => [])];
  const text = cssVar('--muted') || '#666';
  const grid = cssVar('--border') || '#ddd';
  let plot: uPlot | undefined;

  const make = () => {
    const width = Math.max(260, element.clientWidth);
    plot = new uPlot(
      {
        width,
        height: 200,
        legend: { live: false },
        cursor: { show: false },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
        axes: [
          { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, values: (_u, ticks) => ticks.map((t) => new Date(t * 1000).toLocaleTimeString('en-GB')) },
          { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 48 },
        ],
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: cssVar(s.colour) || s.colour, width: 2, points: { show: false } }))],
      },
      data as uPlot.AlignedData,
      element,
    );
  };
  const resize = new ResizeObserver(() => {
    if (!plot && element.isConnected && element.clientWidth) make();
    else plot?.setSize({ width: Math.max(260, element.clientWidth), height: 200 });
  });
  resize.observe(element);

  return {
    element,
    push(values: number[]) {
      const now = Date.now() / 1000;
      data[0].push(now);
      values.forEach((v, i) => data[i + 1].push(v));
      while (data[0].length && data[0][0] < now - WINDOW_SECONDS) data.forEach((column) => column.shift());
      plot?.setData(data as uPlot.AlignedData);
    },
    get samples() {
      return data[0].length;
    },
    stop() {
      resize.disconnect();
      plot?.destroy();
    },
  };
}
