resource "google_container_cluster" "this" {
  project             = var.project_id
  name                = var.name
  location            = var.location
  deletion_protection = var.deletion_protection
  resource_labels     = var.labels

  network         = var.network_id
  subnetwork      = var.subnet_id
  networking_mode = "VPC_NATIVE"
  ip_allocation_policy {
    cluster_secondary_range_name  = var.pods_range_name
    services_secondary_range_name = var.services_range_name
  }

  # Dataplane V2 (eBPF/Cilium): NetworkPolicies are enforced without the Calico add-on.
  datapath_provider = "ADVANCED_DATAPATH"

  # Nodes have no public address. The control plane is reached through its DNS endpoint, which IAM guards, so CI
  # can deploy from outside the VPC without an allow-list of runner IPs; the IP endpoints are switched off.
  private_cluster_config {
    enable_private_nodes = true
  }
  control_plane_endpoints_config {
    dns_endpoint_config {
      allow_external_traffic = true
    }
    ip_endpoints_config {
      enabled = false
    }
  }

  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }

  addons_config {
    # Backup for GKE's agent: backup plans (the platform's, for kv's volume) act through it.
    gke_backup_agent_config {
      enabled = true
    }
  }

  release_channel {
    channel = var.release_channel
  }

  logging_config {
    enable_components = ["SYSTEM_COMPONENTS", "WORKLOADS"]
  }
  monitoring_config {
    enable_components = ["SYSTEM_COMPONENTS"]
    managed_prometheus {
      enabled = true
    }
  }

  gateway_api_config {
    channel = "CHANNEL_STANDARD" # the public entry (countries) is a Gateway
  }
  vertical_pod_autoscaling {
    enabled = true
  }
  cost_management_config {
    enabled = true
  }

  maintenance_policy {
    recurring_window {
      start_time = var.maintenance_window.start_time
      end_time   = var.maintenance_window.end_time
      recurrence = var.maintenance_window.recurrence
    }
  }

  # Node pools are managed below, so they can change without touching the cluster. The default pool is created
  # (GKE requires one) and deleted at once; it still runs as the dedicated account, never the default one.
  remove_default_node_pool = true
  initial_node_count       = 1
  node_config {
    service_account = google_service_account.nodes.email
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]
    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
  lifecycle {
    # The removed default pool's node_config is read back differently; it must never force a new cluster.
    ignore_changes = [node_config]
  }
}
