// Every benchmark writes bench/results/<name>.json: the machine, the figures, and when.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const resultsDir = new URL('../results/', import.meta.url).pathname;

export function writeResult(name: string, figures: unknown): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = `${resultsDir}${name}.json`;
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
  writeFileSync(
    file,
    `${JSON.stringify({ name, at: new Date().toISOString(), node: process.version, machine, figures }, null, 2)}\n`,
  );
  console.log(`wrote ${file}`);
  return file;
}
