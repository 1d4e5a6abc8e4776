// Prepare step of `npm run test:heavy` (scripts/test/run.ts): grpcurl and grpc-health-probe, built once from Go modules.
import { performance } from 'node:perf_hooks';
import { ensureGoTool } from '../delivery/goTool.ts';
import { grpcHealthProbe, grpcurl } from './tools.ts';

for (const tool of [grpcurl, grpcHealthProbe]) {
  const started = performance.now();
  const { path, built } = await ensureGoTool(tool);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `[clients] ${tool.name} ${tool.version} ${built ? 'built' : 'reused'} at ${path} (${seconds}s)`,
  );
}
