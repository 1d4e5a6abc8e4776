// `npm start`: every service as local processes on fixed loopback ports (docs/contracts.md), no cluster needed.
// A service process that exits is started again after a backoff, as Kubernetes restarts a pod's container, and
// its siblings keep serving (local/supervisor.ts). Ctrl-C or SIGTERM stops them all. package.json starts this
// with `exec`: npm passes a SIGTERM to its child only, which must be this runner, not a shell.
import { spawn } from 'node:child_process';
import { addresses, discoverServices, expandEnv, repoRoot } from './local/services.ts';
import { createSupervisor } from './local/supervisor.ts';

const services = discoverServices();
const supervisor = createSupervisor();

for (const service of services) {
  const env = expandEnv(service.env, services);
  for (let replica = 0; replica < service.replicas; replica++) {
    const label = `${service.name}-${replica}`;
    supervisor.add(label, () =>
      spawn(process.execPath, [service.entry], {
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
      }),
    );
  }
}

console.log('podmesh is starting locally:');
for (const service of services.filter((s) => s.replicas > 0)) {
  const grpc = service.grpcPort === undefined ? '' : `  gRPC ${addresses(service, 'grpc').join(' ')}`;
  console.log(`  ${service.name.padEnd(10)} http://${addresses(service, 'http').join(' http://')}${grpc}`);
}
console.log('Try: curl "http://127.0.0.1:8080/countries?user_id=1234"   (Ctrl-C stops everything)');

const stop = () => supervisor.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
