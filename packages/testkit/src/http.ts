// Small fetch helpers for tests: JSON bodies are read as loosely typed data, since asserting their shape is the test.
export type Json = any;

export async function readJson(response: Response): Promise<Json> {
  return response.json();
}
