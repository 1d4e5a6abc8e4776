locals {
  project_id = "podmesh-prod"
  region     = "europe-west1"
}

# prod: regional control plane and nodes in three zones, deletion protection, larger pools.
module "platform" {
  source = "../../modules/platform"

  project_id          = local.project_id
  environment         = "prod"
  region              = local.region
  cluster_location    = local.region
  release_channel     = "STABLE"
  deletion_protection = true
  network             = { flow_logs_sampling = 0.5 }
  node_pools = {
    workloads = { machine_type = "e2-standard-4", min_nodes = 3, max_nodes = 12, disk_size_gb = 100 }
  }
  kv_backup           = { enabled = true, retain_days = 30, delete_lock_days = 7 }
  github_repository   = "podmesh/podmesh"
  github_environments = ["prod"]
}
