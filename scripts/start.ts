// `npm start`: every service as local processes on fixed loopback ports (design.md), no cluster needed.
// Ctrl-C stops them all; a service that dies takes the whole run down, so nothing is left half-up. package.json
// starts this with `exec`: npm passes a SIGTERM to its child only, which must be this runner, not a shell.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { addresses, discoverServices, expandEnv, repoRoot } from './local/services.ts';

const services = discoverServices();
const children: ChildProcess[] = [];
let stopping = false;

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
  }, 10_000);
  force.unref();
  process.exitCode = code;
}

for (const service of services) {
  const env = expandEnv(service.env, services);
  for (let replica = 0; replica < service.replicas; replica++) {
    const label = `${service.name}-${replica}`;
    const child = spawn(process.execPath, [service.entry], {
      cwd: repoRoot,
      // Own process group: a terminal's Ctrl-C reaches only this runner, which stops each child exactly once.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...env,
        SERVICE_NAME: service.name,
        POD_NAME: label,
        PORT: String(service.httpPort + replica),
        ...(service.grpcPort === undefined ? {} : { GRPC_PORT: String(service.grpcPort + replica) }),
      },
    });
    children.push(child);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => console.log(`${label.padEnd(12)} ${line}`));
    }
    child.on('exit', (code, signal) => {
      if (!stopping) {
        console.error(`${label} exited (${code ?? signal}); stopping everything`);
        stopAll(1);
      }
      if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit();
    });
  }
}

console.log('podmesh is starting locally:');
for (const service of services) {
  const grpc = service.grpcPort === undefined ? '' : `  gRPC ${addresses(service, 'grpc').join(' ')}`;
  console.log(`  ${service.name.padEnd(10)} http://${addresses(service, 'http').join(' http://')}${grpc}`);
}
console.log('Try: curl "http://127.0.0.1:8080/countries?user_id=1234"   (Ctrl-C stops everything)');

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
