// The modules refuse dangerous or inconsistent inputs at plan time, with a message that says why.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { planSnippet, refusalText } from './planSnippet.ts';
import { type CheckSession, openCheckSession } from './session.ts';

const cases = [
  {
    name: 'CI may not be granted owner',
    hcl: `module "ci" {
  source            = "../../modules/ci-identity"
  project_id        = "podmesh-dev"
  github_repository = "podmesh/podmesh"
  project_roles     = ["roles/container.developer", "roles/owner"]
}`,
    refusal: /CI must not hold owner/,
  },
  {
    name: 'a node pool cannot have min_nodes above max_nodes',
    hcl: `module "gke" {
  source              = "../../modules/gke"
  project_id          = "podmesh-dev"
  name                = "podmesh-dev"
  location            = "europe-west1-b"
  network_id          = "n"
  subnet_id           = "s"
  pods_range_name     = "p"
  services_range_name = "v"
  node_pools          = { workloads = { min_nodes = 4, max_nodes = 2 } }
}`,
    refusal: /min_nodes <= max_nodes/,
  },
  {
    name: 'the cluster must sit in the environment region',
    hcl: `module "platform" {
  source            = "../../modules/platform"
  project_id        = "podmesh-dev"
  environment       = "dev"
  region            = "europe-west1"
  cluster_location  = "europe-west10-a"
  github_repository = "podmesh/podmesh"
}`,
    refusal: /cluster_location must be the region or one of its zones/,
  },
];

describe('module input validation', () => {
  let session: CheckSession;
  before(async () => {
    session = await openCheckSession();
  });
  after(() => session.close());

  for (const { name, hcl, refusal } of cases) {
    test(name, async () => {
      const plan = await planSnippet(session, hcl);
      assert.notEqual(plan.code, 0, 'the plan must be refused');
      assert.match(refusalText(plan), refusal);
    });
  }
});
