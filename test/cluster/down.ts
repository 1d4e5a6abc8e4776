// `npm run cluster:down`: stops every process the test cluster recorded and deletes its state directory.
import { stopCluster } from './cluster.ts';
import { stateDir } from './paths.ts';

await stopCluster();
console.log(`[cluster] stopped; removed ${stateDir()}`);
