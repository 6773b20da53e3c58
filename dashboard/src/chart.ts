/** A grouped bar chart in SVG: one group per period, one bar per series, a y axis in whole counts. */
import { h, svg } from "./dom.ts";

export type Series = { key: string; label: string };
export type Period = { label: string; values: Record<string, number> };

const WIDTH = 720;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 12, bottom: 28, left: 36 };

export function barChart(title: string, series: Series[], periods: Period[]): HTMLElement {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = Math.max(1, ...periods.flatMap((period) => series.map((item) => period.values[item.key] ?? 0)));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;

  const grid: SVGElement[] = [];
  for (let tick = 0; tick <= top; tick += step) {
    grid.push(
      svg("line", { class: "grid", x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(tick), y2: y(tick) }),
      svg("text", { class: "tick", x: MARGIN.left - 6, y: y(tick) + 4, "text-anchor": "end" }, String(tick)),
    );
  }

  const groupWidth = plotWidth / Math.max(1, periods.length);
  const barWidth = Math.min(28, (groupWidth * 0.8) / series.length);
  const groups = periods.map((period, index) => {
    const left = MARGIN.left + index * groupWidth + (groupWidth - barWidth * series.length) / 2;
    const bars = series.map((item, position) => {
      const value = period.values[item.key] ?? 0;
      return svg(
        "rect",
        {
          class: `bar bar-${item.key}`,
          "data-series": item.key,
          "data-value": value,
          x: left + position * barWidth,
          y: y(value),
          width: Math.max(1, barWidth - 2),
          height: y(0) - y(value),
        },
        svg("title", {}, `${period.label}: ${value} ${item.label.toLowerCase()}`),
      );
    });
    const label = svg(
      "text",
      { class: "tick", x: MARGIN.left + index * groupWidth + groupWidth / 2, y: HEIGHT - 8, "text-anchor": "middle" },
      period.label,
    );
    return svg("g", { class: "period" }, ...bars, label);
  });

  return h(
    "figure",
    { class: "chart" },
    svg(
      "svg",
      { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": title },
      ...grid,
      svg("line", { class: "axis", x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0) }),
      ...groups,
    ),
    h(
      "figcaption",
      { class: "legend" },
      series.map((item) => h("span", {}, h("i", { class: `swatch bar-${item.key}` }), item.label)),
    ),
  );
}

/** A tick step of 1, 2 or 5 times a power of ten giving at most about five ticks. */
function niceStep(max: number): number {
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(Math.max(1, rough)));
  for (const factor of [1, 2, 5, 10]) if (power * factor >= rough) return power * factor;
  return power * 10;
}
