// Plans dev, stage and prod offline against the real provider and checks what each would create.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Environment, environments } from './paths.ts';
import {
  block,
  onlyResource,
  type PlanJson,
  plannedResources,
  resourcesOfType,
  resourceTypes,
} from './planJson.ts';
import { planRoot } from './planRoot.ts';
import { type CheckSession, openCheckSession } from './session.ts';

/** vCPUs of a predefined machine type such as e2-standard-4. */
function vcpus(machineType: unknown): number {
  const count = Number(String(machineType).split('-').at(-1));
  assert.ok(Number.isInteger(count) && count > 0, `unknown machine type ${String(machineType)}`);
  return count;
}

/** The most vCPUs the autoscaler may ever run: Σ pools total_max_node_count × vCPUs per node. */
function maxVcpus(plan: PlanJson): number {
  return resourcesOfType(plan, 'google_container_node_pool').reduce((sum, pool) => {
    const autoscaling = block(pool.values, 'autoscaling');
    return (
      sum + Number(autoscaling.total_max_node_count) * vcpus(block(pool.values, 'node_config').machine_type)
    );
  }, 0);
}

describe('plans of dev, stage and prod', () => {
  let session: CheckSession;
  const plans = {} as Record<Environment, PlanJson>;
  before(async () => {
    session = await openCheckSession();
    for (const env of environments)
      plans[env] = await planRoot(session.cli, session.dir(`envs/${env}`), session.env);
  });
  after(() => session.close());

  test('each environment only creates resources, from an empty state', () => {
    for (const env of environments) {
      const changes = plans[env].resource_changes;
      assert.ok(changes.length > 20, `${env}: ${changes.length} changes`);
      for (const change of changes)
        assert.deepEqual(change.change.actions, ['create'], `${env}: ${change.address}`);
    }
  });

  test("kv's volume: a Backup for GKE plan everywhere, scheduled only in prod, kept 30 days, delete-locked 7", () => {
    for (const env of environments) {
      const cluster = onlyResource(plans[env], 'google_container_cluster').values;
      assert.equal(block(block(cluster, 'addons_config'), 'gke_backup_agent_config').enabled, true, env);
      const backup = onlyResource(plans[env], 'google_gke_backup_backup_plan').values;
      const config = block(backup, 'backup_config');
      assert.equal(config.include_volume_data, true, env);
      assert.deepEqual(block(config, 'selected_namespaces').namespaces, ['podmesh'], env);
      assert.equal(block(backup, 'backup_schedule').paused, env !== 'prod', env);
    }
    const retention = block(
      onlyResource(plans.prod, 'google_gke_backup_backup_plan').values,
      'retention_policy',
    );
    assert.equal(retention.backup_retain_days, 30);
    assert.equal(retention.backup_delete_lock_days, 7);
  });

  test('all three plan the same resources (same addresses, same types): only values differ', () => {
    const addresses = (plan: PlanJson) =>
      plannedResources(plan)
        .map((r) => r.address)
        .sort();
    assert.deepEqual(resourceTypes(plans.dev), resourceTypes(plans.prod));
    assert.deepEqual(resourceTypes(plans.stage), resourceTypes(plans.prod));
    assert.deepEqual(addresses(plans.dev), addresses(plans.prod));
    assert.deepEqual(addresses(plans.stage), addresses(plans.prod));
  });

  test('prod: deletion protection, private nodes, Workload Identity, NetworkPolicy enforcement (Dataplane V2)', () => {
    const cluster = onlyResource(plans.prod, 'google_container_cluster').values;
    assert.equal(cluster.deletion_protection, true);
    assert.equal(block(cluster, 'private_cluster_config').enable_private_nodes, true);
    assert.equal(block(cluster, 'workload_identity_config').workload_pool, 'podmesh-prod.svc.id.goog');
    assert.equal(cluster.datapath_provider, 'ADVANCED_DATAPATH');
    for (const pool of resourcesOfType(plans.prod, 'google_container_node_pool')) {
      const nodeConfig = block(pool.values, 'node_config');
      assert.equal(block(nodeConfig, 'workload_metadata_config').mode, 'GKE_METADATA', pool.address);
      // Regional with at least one node per zone, never pre-emptible: losing a zone leaves capacity.
      assert.ok(Number(block(pool.values, 'autoscaling').total_min_node_count) >= 3, pool.address);
      assert.equal(nodeConfig.spot, false, pool.address);
    }
  });

  test('every environment has the same security baseline, Managed Prometheus and workload logging', () => {
    for (const env of environments) {
      const cluster = onlyResource(plans[env], 'google_container_cluster').values;
      assert.equal(block(cluster, 'private_cluster_config').enable_private_nodes, true, env);
      assert.equal(
        block(block(cluster, 'control_plane_endpoints_config'), 'ip_endpoints_config').enabled,
        false,
        env,
      );
      assert.equal(cluster.datapath_provider, 'ADVANCED_DATAPATH', env);
      assert.equal(
        block(cluster, 'workload_identity_config').workload_pool,
        `podmesh-${env}.svc.id.goog`,
        env,
      );
      assert.equal(block(block(cluster, 'monitoring_config'), 'managed_prometheus').enabled, true, env);
      assert.deepEqual(
        [...(block(cluster, 'logging_config').enable_components as string[])].sort(),
        ['SYSTEM_COMPONENTS', 'WORKLOADS'],
        env,
      );
      // Nodes run as a dedicated account (never the Compute Engine default); CI has its own.
      const accounts = resourcesOfType(plans[env], 'google_service_account').map((a) => a.values.account_id);
      assert.deepEqual(accounts.sort(), ['ci-deployer', `podmesh-${env}-nodes`], env);
    }
  });

  test('dev is cheaper than prod: a zonal cluster with fewer, smaller, spot nodes', () => {
    const devCluster = onlyResource(plans.dev, 'google_container_cluster').values;
    const prodCluster = onlyResource(plans.prod, 'google_container_cluster').values;
    assert.match(String(devCluster.location), /^[a-z]+-[a-z]+\d-[a-z]$/, 'dev is zonal');
    assert.match(String(prodCluster.location), /^[a-z]+-[a-z]+\d$/, 'prod is regional');
    assert.equal(devCluster.deletion_protection, false);
    assert.ok(
      maxVcpus(plans.dev) < maxVcpus(plans.prod),
      `dev ${maxVcpus(plans.dev)} vs prod ${maxVcpus(plans.prod)} vCPUs`,
    );
    assert.ok(maxVcpus(plans.stage) < maxVcpus(plans.prod), 'stage is smaller than prod');
    for (const pool of resourcesOfType(plans.dev, 'google_container_node_pool')) {
      assert.equal(block(pool.values, 'node_config').spot, true, pool.address);
    }
  });

  test('no environment creates service-account keys; CI authenticates only through Workload Identity Federation', () => {
    for (const env of environments) {
      assert.deepEqual(resourcesOfType(plans[env], 'google_service_account_key'), [], env);
      const provider = onlyResource(plans[env], 'google_iam_workload_identity_pool_provider').values;
      assert.equal(block(provider, 'oidc').issuer_uri, 'https://token.actions.githubusercontent.com', env);
      assert.match(String(provider.attribute_condition), /assertion\.repository == "podmesh\/podmesh"/, env);
      assert.match(
        String(provider.attribute_condition),
        new RegExp(`assertion\\.environment in \\["${env}"\\]`),
        env,
      );
      const ciRoles = resourcesOfType(plans[env], 'google_project_iam_member')
        .filter((grant) => String(grant.address).includes('ci_identity'))
        .map((grant) => grant.values.role);
      assert.deepEqual(ciRoles, ['roles/container.developer'], `${env}: CI's project roles`);
    }
  });

  test('outputs the deploy workflow reads are planned, with the values known before apply', () => {
    for (const env of environments) {
      const outputs =
        (plans[env].planned_values as { outputs?: Record<string, { value?: unknown }> }).outputs ?? {};
      assert.equal(outputs.cluster_name?.value, `podmesh-${env}`);
      assert.equal(outputs.registry_url?.value, `europe-west1-docker.pkg.dev/podmesh-${env}/podmesh`);
      assert.equal(outputs.project_id?.value, `podmesh-${env}`);
      assert.ok(outputs.cluster_location?.value, `${env}: cluster_location`);
      for (const name of ['ci_service_account', 'workload_identity_provider', 'cluster_dns_endpoint']) {
        assert.ok(name in outputs, `${env}: output ${name}`);
      }
    }
  });

  test('planning sent nothing off the machine: the only attempt was the identity lookup, refused on loopback', () => {
    // The provider asks who its credentials belong to (and only logs a failure); every such call went to the
    // refusing loopback proxy. Any other destination would mean a plan that needs Google's APIs.
    const destinations = new Set(session.egressAttempts);
    for (const destination of destinations) assert.equal(destination, 'openidconnect.googleapis.com:443');
  });
});
