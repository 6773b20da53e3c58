/** The indexer's HTTP API as the benchmark calls it: JSON routes and GraphQL, any error thrown with the answer. */

export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok)
    throw new Error(`${init?.method ?? "GET"} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export async function graphql<T>(indexerUrl: string, query: string): Promise<T> {
  const body = await getJson<{ data?: T; errors?: { message: string }[] }>(`${indexerUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  if (body.errors !== undefined && body.errors.length > 0) {
    throw new Error(`GraphQL error: ${body.errors.map((error) => error.message).join("; ")}`);
  }
  return body.data!;
}

export type IndexerStatus = Record<string, { block?: { number: number } }>;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
