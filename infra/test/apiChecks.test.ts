// Mistakes the Google API would refuse only at apply (after a green plan) are refused at plan time, each with a
// message that names the bad value — and real values of the same shape still plan. Every case is one injected
// mistake against otherwise valid input; the messages are printed as test diagnostics.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { planSnippet, refusalText } from './planSnippet.ts';
import { type CheckSession, openCheckSession } from './session.ts';

function network(name: string, region: string, ranges: Record<string, string> = {}): string {
  const lines = Object.entries(ranges).map(([key, value]) => `  ${key} = "${value}"`);
  return `module "${name}" {
  source     = "../../modules/network"
  project_id = "podmesh-dev"
  name       = "${name}"
  region     = "${region}"
${lines.join('\n')}
}`;
}

function gke(location: string, machineTypes: string[]): string {
  const pools = machineTypes.map((type, i) => `pool${i} = { machine_type = "${type}" }`).join(', ');
  return `module "gke" {
  source              = "../../modules/gke"
  project_id          = "podmesh-dev"
  name                = "podmesh-dev"
  location            = "${location}"
  network_id          = "n"
  subnet_id           = "s"
  pods_range_name     = "p"
  services_range_name = "v"
  node_pools          = { ${pools} }
}`;
}

function platform(region: string, clusterLocation: string, networkHcl = '{}'): string {
  return `module "platform" {
  source            = "../../modules/platform"
  project_id        = "podmesh-dev"
  environment       = "dev"
  region            = "${region}"
  cluster_location  = "${clusterLocation}"
  network           = ${networkHcl}
  github_repository = "podmesh/podmesh"
}`;
}

const refused = [
  {
    name: 'a Pods range containing the node subnet',
    hcl: network('net', 'europe-west1', { pods_cidr: '10.10.0.0/16' }),
    refusal: /subnet_cidr 10\.10\.0\.0\/20 overlaps pods_cidr 10\.10\.0\.0\/16/,
  },
  {
    name: 'a Services range inside the node subnet',
    hcl: network('net', 'europe-west1', { services_cidr: '10.10.4.0/22' }),
    refusal: /subnet_cidr 10\.10\.0\.0\/20 overlaps services_cidr 10\.10\.4\.0\/22/,
  },
  {
    name: 'a Services range inside the Pods range',
    hcl: network('net', 'europe-west1', { services_cidr: '10.20.16.0/20' }),
    refusal: /pods_cidr 10\.20\.0\.0\/16 overlaps services_cidr 10\.20\.16\.0\/20/,
  },
  {
    name: 'an overlap set through the platform module, as an environment root does',
    hcl: platform('europe-west1', 'europe-west1-b', '{ pods_cidr = "10.0.0.0/8" }'),
    refusal: /subnet_cidr 10\.10\.0\.0\/20 overlaps pods_cidr 10\.0\.0\.0\/8/,
  },
  {
    name: 'a size its series does not have: e2-standard-3',
    hcl: gke('europe-west1-b', ['e2-standard-4', 'e2-standard-3']),
    refusal: /Node pool pool1: e2-standard comes with 2, 4, 8, 16, 32 vCPUs, not 3/,
  },
  {
    name: 'a size of another class: n2-highcpu-128 (only standard and highmem reach 128)',
    hcl: gke('europe-west1-b', ['n2-highcpu-128']),
    refusal: /n2-highcpu comes with 2, 4, 8, 16, 32, 48, 64, 80, 96 vCPUs, not 128/,
  },
  {
    name: 'an unknown machine series',
    hcl: gke('europe-west1-b', ['x9-standard-4']),
    refusal: /the machine series "x9" is unknown; known series: c2, c2d, c3, e2/,
  },
  {
    name: 'a class the series does not have',
    hcl: gke('europe-west1-b', ['e2-ultramem-4']),
    refusal: /e2 has no class "ultramem"; it has highcpu, highmem, standard/,
  },
  {
    name: 'a machine type that is no name at all',
    hcl: gke('europe-west1-b', ['e2standard4']),
    refusal: /"e2standard4" is not a predefined machine type name/,
  },
  {
    name: 'a region without its number',
    hcl: network('net', 'europe-west', {}),
    refusal: /region must be a region name such as europe-west1/,
  },
  {
    name: 'a zone where a region belongs',
    hcl: network('net', 'europe-west1-b', {}),
    refusal: /region must be a region name such as europe-west1 or europe-west10 \(not a zone\)/,
  },
  {
    name: 'a region with an underscore',
    hcl: platform('europe_west1', 'europe_west1'),
    refusal: /region must be a region name/,
  },
  {
    name: 'a zone with a two-letter suffix',
    hcl: gke('europe-west1-bb', ['e2-standard-4']),
    refusal: /location must be a region \(europe-west1\) or a zone \(europe-west1-b\)/,
  },
];

describe('checks the API would make, made at plan time', () => {
  let session: CheckSession;
  before(async () => {
    session = await openCheckSession();
  });
  after(() => session.close());

  for (const { name, hcl, refusal } of refused) {
    test(`refused: ${name}`, async (t) => {
      const plan = await planSnippet(session, hcl);
      const message = refusalText(plan);
      t.diagnostic(message.slice(message.indexOf('Error:')));
      assert.notEqual(plan.code, 0, 'the plan must be refused');
      assert.match(message, refusal);
    });
  }

  test('accepted: real regions with two-digit and new-area numbers, disjoint custom ranges', async () => {
    const hcl = [
      network('west10', 'europe-west10'),
      network('central2', 'me-central2', { pods_cidr: '10.64.0.0/14', services_cidr: '10.68.0.0/20' }),
      network('south1', 'africa-south1', { subnet_cidr: '10.20.0.0/20', pods_cidr: '10.10.0.0/16' }),
      platform('northamerica-northeast2', 'northamerica-northeast2-a'),
    ].join('\n');
    const plan = await planSnippet(session, hcl);
    assert.equal(plan.code, 0, refusalText(plan));
  });

  test('accepted: real machine types of every shape, in a zone of a two-digit region', async () => {
    const types = [
      'e2-medium',
      'e2-highcpu-32',
      'n1-standard-1',
      'n2d-standard-224',
      'c3-highcpu-22',
      't2d-standard-60',
    ];
    const plan = await planSnippet(session, gke('europe-west10-a', types));
    assert.equal(plan.code, 0, refusalText(plan));
  });
});
