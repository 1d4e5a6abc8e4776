locals {
  project_id = "podmesh-stage"
  region     = "europe-west1"
}

# stage: prod's shape at a smaller size — regional and on prod's release channel, so a change meets prod's
# topology before prod.
module "platform" {
  source = "../../modules/platform"

  project_id          = local.project_id
  environment         = "stage"
  region              = local.region
  cluster_location    = local.region
  release_channel     = "STABLE"
  deletion_protection = true
  network             = { flow_logs_sampling = 0.1 }
  node_pools = {
    workloads = { machine_type = "e2-standard-4", min_nodes = 3, max_nodes = 6, disk_size_gb = 50 }
  }
  github_repository   = "podmesh/podmesh"
  github_environments = ["stage"]
}
