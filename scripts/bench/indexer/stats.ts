/**
 * The benchmark's arithmetic: rounding, nearest-rank percentiles and their summary, and the machine's load average
 * sampled over the run (other work on the machine skews every figure, and the report says how busy it was).
 */
import os from "node:os";

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Nearest-rank percentile of `values` (milliseconds). */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!);
}

export type Distribution = { samples: number; p50Ms: number | null; p95Ms: number | null; maxMs: number | null };

export const distribution = (values: readonly number[]): Distribution => ({
  samples: values.length,
  p50Ms: percentile(values, 50),
  p95Ms: percentile(values, 95),
  maxMs: percentile(values, 100),
});

/** The middle of three or more timings (the higher middle of an even count). */
export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/**
 * The machine's 1-minute load average, sampled every 2 s from `start()` until `stop()`, so that each measure can
 * say how busy the machine was meanwhile.
 */
export class LoadSampler {
  readonly samples: { at: number; load: number }[] = [];
  #timer: ReturnType<typeof setInterval> | undefined;

  sample(): void {
    this.samples.push({ at: performance.now(), load: os.loadavg()[0]! });
  }

  start(): void {
    this.sample();
    this.#timer = setInterval(() => this.sample(), 2_000);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** The mean load average sampled between two `performance.now()` times (the last sample before `from` included). */
  during(from: number, to = performance.now()): number {
    const first = Math.max(
      0,
      this.samples.findLastIndex((sample) => sample.at <= from),
    );
    const window = this.samples.slice(first).filter((sample) => sample.at <= to);
    return window.length === 0
      ? round(os.loadavg()[0]!, 2)
      : round(window.reduce((sum, s) => sum + s.load, 0) / window.length, 2);
  }

  /** At the start, the mean and the maximum over the run. */
  summary(): { start: number; mean: number; max: number } {
    return {
      start: round(this.samples[0]!.load, 2),
      mean: this.during(0),
      max: round(Math.max(...this.samples.map((sample) => sample.load)), 2),
    };
  }
}

/** Answers of one kind and outcome (such as `408 statement_timeout`), with the time until each. */
export type AnswerTally = { kind: string; outcome: string; count: number; time: Distribution };

/** Groups answers by kind and outcome, the most frequent first (ties by kind, then outcome). */
export function tallyAnswers(answers: readonly { kind: string; outcome: string; ms: number }[]): AnswerTally[] {
  const groups = new Map<string, { kind: string; outcome: string; times: number[] }>();
  for (const { kind, outcome, ms } of answers) {
    const key = JSON.stringify([kind, outcome]);
    const group = groups.get(key) ?? { kind, outcome, times: [] };
    group.times.push(ms);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(({ kind, outcome, times }) => ({ kind, outcome, count: times.length, time: distribution(times) }))
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind) || a.outcome.localeCompare(b.outcome));
}
