resource "google_container_node_pool" "this" {
  for_each = var.node_pools

  project  = var.project_id
  name     = each.key
  cluster  = google_container_cluster.this.id
  location = var.location

  # Totals, not per-zone counts: the same numbers mean the same capacity on a zonal and a regional cluster.
  autoscaling {
    total_min_node_count = each.value.min_nodes
    total_max_node_count = each.value.max_nodes
    location_policy      = each.value.spot ? "ANY" : "BALANCED"
  }

  management {
    auto_repair  = true
    auto_upgrade = true
  }

  upgrade_settings {
    strategy        = "SURGE"
    max_surge       = 1
    max_unavailable = 0 # never drop capacity during an upgrade; PDBs then keep every service serving
  }

  node_config {
    machine_type    = each.value.machine_type
    disk_size_gb    = each.value.disk_size_gb
    disk_type       = each.value.disk_type
    spot            = each.value.spot
    service_account = google_service_account.nodes.email
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"] # access is decided by IAM, not scopes
    labels          = merge(var.labels, each.value.labels)
    resource_labels = var.labels

    workload_metadata_config {
      mode = "GKE_METADATA" # Pods see only their own Workload Identity, never the node's account
    }
    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = true
    }
  }

  lifecycle {
    precondition {
      condition     = local.machine_type_problems[each.key] == null
      error_message = "Node pool ${each.key}: ${coalesce(local.machine_type_problems[each.key], "-")}."
    }
  }
}
