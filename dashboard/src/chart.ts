/**
 * A grouped bar chart in SVG: one group per period, one bar per series, a y axis in the values' unit (whole counts
 * by default; ratios, percentages or durations). A value of null is "nothing to measure" and draws no bar, which
 * reads apart from a measured zero.
 */
import { h, svg } from "./dom.ts";
import { duration, percent } from "./format.ts";

export type Series = { key: string; label: string };
export type Period = { label: string; values: Record<string, number | null>; href?: string };

/** What the values are: the axis's ticks and the bars' titles read in it. */
export type ChartUnit = "count" | "ratio" | "percent" | "seconds";

export type ChartOptions = {
  unit?: ChartUnit;
  /** Labels `data-chart` on the figure, for scripts and tests. */
  name?: string;
  /** The period whose group is marked as selected. */
  selected?: string;
  /** Shows the title above the chart (it is always the chart's accessible name). */
  titled?: boolean;
};

const WIDTH = 720;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 12, bottom: 28, left: 56 };

export function barChart(title: string, series: Series[], periods: Period[], options: ChartOptions = {}): HTMLElement {
  const unit = options.unit ?? "count";
  const show = (value: number) => formatValue(value, unit);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = Math.max(0, ...periods.flatMap((period) => series.map((item) => period.values[item.key] ?? 0)));
  const step = niceStep(max, unit);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;

  const grid: SVGElement[] = [];
  for (let index = 0; index * step <= top + step / 1e6; index++) {
    const tick = index * step;
    grid.push(
      svg("line", { class: "grid", x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(tick), y2: y(tick) }),
      svg(
        "text",
        { class: "tick", x: MARGIN.left - 6, y: y(tick) + 4, "text-anchor": "end" },
        unit === "percent" ? `${Math.round(tick * 100)}%` : show(tick),
      ),
    );
  }

  const groupWidth = plotWidth / Math.max(1, periods.length);
  const barWidth = Math.min(28, (groupWidth * 0.8) / series.length);
  const groups = periods.map((period, index) => {
    const left = MARGIN.left + index * groupWidth + (groupWidth - barWidth * series.length) / 2;
    const bars = series.map((item, position) => {
      const value = period.values[item.key] ?? null;
      const x = left + position * barWidth;
      if (value === null) {
        // Nothing to measure: a faint dash on the axis, titled so, and no bar.
        return svg(
          "line",
          {
            class: "none",
            "data-series": item.key,
            "data-period": period.label,
            x1: x + 2,
            x2: x + Math.max(3, barWidth - 4),
            y1: y(0) - 1,
            y2: y(0) - 1,
          },
          svg("title", {}, `${period.label}: ${item.label.toLowerCase()}: nothing to measure`),
        );
      }
      return svg(
        "rect",
        {
          class: `bar bar-${item.key} s${position}`,
          "data-series": item.key,
          "data-period": period.label,
          "data-value": value,
          x,
          y: y(value),
          width: Math.max(1, barWidth - 2),
          height: y(0) - y(value),
        },
        svg("title", {}, `${period.label}: ${item.label.toLowerCase()}: ${show(value)}`),
      );
    });
    const center = MARGIN.left + index * groupWidth + groupWidth / 2;
    const text = svg(
      "text",
      {
        class: period.label === options.selected ? "tick on" : "tick",
        x: center,
        y: HEIGHT - 8,
        "text-anchor": "middle",
      },
      period.label,
    );
    const label = period.href === undefined ? text : svg("a", { href: period.href }, text);
    return svg("g", { class: period.label === options.selected ? "period on" : "period" }, ...bars, label);
  });

  return h(
    "figure",
    { class: "chart", "data-chart": options.name },
    options.titled === true ? h("div", { class: "chart-title" }, title) : null,
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
      series.map((item, position) =>
        h("span", {}, h("i", { class: `swatch bar-${item.key} s${position}` }), item.label),
      ),
    ),
  );
}

/** A value in the chart's unit: `3`, `0.75`, `40%`, `2 d 3 h`. */
export function formatValue(value: number, unit: ChartUnit): string {
  switch (unit) {
    case "count":
      return String(value);
    case "ratio":
      return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0$/, "");
    case "percent":
      return percent(value);
    case "seconds":
      return value === 0 ? "0" : duration(value);
  }
}

/** Durations' ticks: whole minutes, hours or days, so the axis reads `6 h`, `1 d`, not `21,600 s`. */
const DURATION_STEPS = [
  60,
  300,
  600,
  1_800,
  3_600,
  2 * 3_600,
  3 * 3_600,
  6 * 3_600,
  12 * 3_600,
  86_400,
  2 * 86_400,
  7 * 86_400,
  14 * 86_400,
  28 * 86_400,
];

/** A tick step giving at most about five ticks: 1, 2 or 5 times a power of ten (whole for counts), or a time unit. */
function niceStep(max: number, unit: ChartUnit): number {
  const rough = max / 5;
  if (unit === "seconds") return DURATION_STEPS.find((step) => step >= rough) ?? Math.ceil(rough / 86_400) * 86_400;
  if (unit === "percent" && max <= 1) return 0.2;
  const floor = unit === "count" ? 1 : 0.05;
  if (rough <= floor) return floor;
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const factor of [1, 2, 5, 10]) if (power * factor >= rough) return Math.max(floor, power * factor);
  return power * 10;
}
