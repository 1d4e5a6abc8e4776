locals {
  project_id = "podmesh-dev"
  region     = "europe-west1"
}

# dev: zonal, small spot nodes, no deletion protection — cheap to run and to throw away.
module "platform" {
  source = "../../modules/platform"

  project_id          = local.project_id
  environment         = "dev"
  region              = local.region
  cluster_location    = "${local.region}-b"
  release_channel     = "REGULAR"
  deletion_protection = false
  network             = { flow_logs_sampling = 0 }
  node_pools = {
    workloads = { machine_type = "e2-standard-2", min_nodes = 1, max_nodes = 3, spot = true, disk_size_gb = 30 }
  }
  github_repository   = "podmesh/podmesh"
  github_environments = ["dev"]
}
