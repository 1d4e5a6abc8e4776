export { PooledKubeConfig } from './pooledKubeConfig.ts';
export {
  describeKubeError,
  type InformerEvent,
  type ResilientInformerOptions,
  startResilientInformer,
} from './resilientInformer.ts';
