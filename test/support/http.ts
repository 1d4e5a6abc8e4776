// Small fetch helpers for tests: JSON bodies are read as loosely typed data, since asserting their shape is the test.
export type Json = any;

export async function getJson(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: Json; headers: Headers }> {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.json(), headers: response.headers };
}

export async function readJson(response: Response): Promise<Json> {
  return response.json();
}
