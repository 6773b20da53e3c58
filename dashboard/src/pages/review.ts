/**
 * The operator's weekly review: one row per agent and ISO week. Rows whose record worsened (a slash or a lost
 * dispute) with no ladder step since come first, longest waiting first: the operator's most costly delay. The
 * rest follow by week, newest first, with the time it took to narrow where a step followed.
 */
import type { Api } from "../api.ts";
import { h, link, table } from "../dom.ts";
import { duration, short, time, units } from "../format.ts";

type ReviewRow = {
  agent: string;
  weekStart: string;
  isoWeek: string;
  pactsSettled: number;
  disputes: number;
  lostDisputes: number;
  slashes: number;
  slashedAmount: string;
  ladderSteps: number;
  signalAt: string | null;
  timeToNarrow: string | null;
};

/** Worsened, and no ladder step has followed yet. */
export const unanswered = (row: ReviewRow) => row.signalAt !== null && row.timeToNarrow === null;

export async function reviewPage(api: Api): Promise<HTMLElement> {
  const [data, stakeToken] = await Promise.all([
    api.graphql<{
      weeklyReviews: { items: ReviewRow[]; totalCount: number };
      indexedBlocks: { items: { timestamp: string }[] };
    }>(
      `{
        weeklyReviews(orderBy: "weekStart", orderDirection: "desc", limit: 1000) {
          items { agent weekStart isoWeek pactsSettled disputes lostDisputes slashes slashedAmount ladderSteps signalAt timeToNarrow }
          totalCount
        }
        indexedBlocks(limit: 1) { items { timestamp } }
      }`,
    ),
    api.stakeToken(),
  ]);
  const now = Number(data.indexedBlocks.items[0]?.timestamp ?? 0);
  const rows = data.weeklyReviews.items;
  const late = rows.filter(unanswered).sort((a, b) => Number(a.signalAt) - Number(b.signalAt));
  const rest = rows.filter((row) => !unanswered(row));

  const tr = (row: ReviewRow) =>
    h(
      "tr",
      { class: unanswered(row) ? "late" : "", "data-agent": row.agent, "data-week": row.isoWeek },
      h("td", {}, unanswered(row) ? h("span", { class: "late-mark" }, "No step yet") : ""),
      h("td", {}, row.isoWeek),
      h("td", {}, link(`/agents/${row.agent}`, short(row.agent))),
      h("td", { class: "num" }, String(row.pactsSettled)),
      h("td", { class: "num" }, String(row.disputes)),
      h("td", { class: "num" }, String(row.lostDisputes)),
      h("td", { class: "num" }, String(row.slashes)),
      h("td", { class: "num" }, units(row.slashedAmount, stakeToken)),
      h("td", { class: "num" }, String(row.ladderSteps)),
      h("td", {}, time(row.signalAt)),
      h(
        "td",
        { class: "num" },
        row.timeToNarrow !== null
          ? duration(row.timeToNarrow)
          : row.signalAt !== null
            ? h("span", { class: "waiting" }, `waiting ${duration(now - Number(row.signalAt))}`)
            : "—",
      ),
    );

  return h(
    "main",
    {},
    h("h1", {}, "Operator review"),
    h(
      "p",
      { class: "lede" },
      late.length === 0
        ? "Every slash and lost dispute has been answered by a ladder step."
        : `${late.length} agent-week${late.length === 1 ? "" : "s"} worsened with no ladder step since: listed first, longest waiting first.`,
      ` Time to narrow runs from the week's first slash or lost dispute to the next ladder step. Indexed to ${time(now)}.`,
    ),
    rows.length === 0
      ? h("p", { class: "empty" }, "No weekly review rows yet: no agent has settled, disputed or been slashed.")
      : h(
          "div",
          { class: "scroll" },
          table(
            [
              "",
              "Week",
              "Agent",
              "Settled",
              "Disputes",
              "Lost",
              "Slashes",
              "Slashed",
              "Ladder steps",
              "Worsened at",
              "Time to narrow",
            ],
            [...late, ...rest].map(tr),
            { class: "review" },
          ),
          data.weeklyReviews.totalCount > rows.length
            ? h("p", { class: "pager" }, `Showing the latest ${rows.length} of ${data.weeklyReviews.totalCount} rows.`)
            : null,
        ),
  );
}
