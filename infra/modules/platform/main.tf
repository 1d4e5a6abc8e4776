locals {
  name   = "podmesh-${var.environment}"
  labels = { app = "podmesh", environment = var.environment, managed-by = "terraform" }

  # APIs the resources below call. Left enabled on destroy: disabling an API can break things outside this stack.
  services = [
    "artifactregistry.googleapis.com",
    "compute.googleapis.com",
    "container.googleapis.com",
    "gkebackup.googleapis.com",
    "iam.googleapis.com",
    "iamcredentials.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
    "sts.googleapis.com",
  ]
}

resource "google_project_service" "this" {
  for_each = toset(local.services)

  project            = var.project_id
  service            = each.value
  disable_on_destroy = false
}

module "network" {
  source     = "../network"
  depends_on = [google_project_service.this]

  project_id         = var.project_id
  name               = local.name
  region             = var.region
  subnet_cidr        = var.network.subnet_cidr
  pods_cidr          = var.network.pods_cidr
  services_cidr      = var.network.services_cidr
  flow_logs_sampling = var.network.flow_logs_sampling
}

module "gke" {
  source     = "../gke"
  depends_on = [google_project_service.this]

  project_id          = var.project_id
  name                = local.name
  location            = var.cluster_location
  network_id          = module.network.network_id
  subnet_id           = module.network.subnet_id
  pods_range_name     = module.network.pods_range_name
  services_range_name = module.network.services_range_name
  release_channel     = var.release_channel
  deletion_protection = var.deletion_protection
  node_pools          = var.node_pools
  labels              = local.labels
}

module "ci_identity" {
  source     = "../ci-identity"
  depends_on = [google_project_service.this]

  project_id          = var.project_id
  github_repository   = var.github_repository
  github_environments = var.github_environments
}

module "registry" {
  source     = "../artifact-registry"
  depends_on = [google_project_service.this]

  project_id     = var.project_id
  location       = var.region
  immutable_tags = var.immutable_image_tags
  labels         = local.labels
  readers        = { gke-nodes = "serviceAccount:${module.gke.node_service_account}" }
  writers        = { ci = module.ci_identity.service_account_member }
}

# Backup for GKE of the podmesh namespace with its volume data: the one volume there is kv's (ADR 0040: backups
# are disk snapshots). Every environment has the plan; only where kv_backup.enabled is its schedule running.
resource "google_gke_backup_backup_plan" "kv" {
  depends_on = [google_project_service.this]

  project  = var.project_id
  name     = "${local.name}-kv"
  location = var.region
  cluster  = module.gke.id
  labels   = local.labels

  backup_config {
    include_volume_data = true
    include_secrets     = false # kv's data and manifests; credentials come from Workload Identity, not Secrets
    selected_namespaces {
      namespaces = ["podmesh"]
    }
  }

  backup_schedule {
    cron_schedule = var.kv_backup.cron_schedule
    paused        = !var.kv_backup.enabled
  }

  retention_policy {
    backup_retain_days      = var.kv_backup.retain_days
    backup_delete_lock_days = var.kv_backup.delete_lock_days
  }
}
