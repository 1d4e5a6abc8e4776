locals {
  pods_range_name     = "${var.name}-pods"
  services_range_name = "${var.name}-services"

  # The node subnet and its two secondary ranges must be disjoint; the API refuses an overlap only at apply.
  # Two blocks overlap when both start in the same block of the shorter prefix.
  address_ranges = { subnet_cidr = var.subnet_cidr, pods_cidr = var.pods_cidr, services_cidr = var.services_cidr }
  overlapping_ranges = [
    for pair in [["subnet_cidr", "pods_cidr"], ["subnet_cidr", "services_cidr"], ["pods_cidr", "services_cidr"]] :
    "${pair[0]} ${local.address_ranges[pair[0]]} overlaps ${pair[1]} ${local.address_ranges[pair[1]]}"
    if length(distinct([
      for name in pair : cidrhost(
        "${cidrhost(local.address_ranges[name], 0)}/${min([for n in pair : tonumber(split("/", local.address_ranges[n])[1])]...)}", 0
      )
    ])) == 1
  ]
}

resource "google_compute_network" "this" {
  project                 = var.project_id
  name                    = var.name
  auto_create_subnetworks = false
  routing_mode            = "REGIONAL"
}

# One subnet per region; GKE takes Pod and Service addresses from its secondary ranges (VPC-native).
resource "google_compute_subnetwork" "this" {
  project                  = var.project_id
  name                     = var.name
  region                   = var.region
  network                  = google_compute_network.this.id
  ip_cidr_range            = var.subnet_cidr
  private_ip_google_access = true # private nodes reach Google APIs (Artifact Registry, Logging) without NAT

  secondary_ip_range {
    range_name    = local.pods_range_name
    ip_cidr_range = var.pods_cidr
  }
  secondary_ip_range {
    range_name    = local.services_range_name
    ip_cidr_range = var.services_cidr
  }

  lifecycle {
    precondition {
      condition     = length(local.overlapping_ranges) == 0
      error_message = "Address ranges must not overlap: ${join("; ", local.overlapping_ranges)}."
    }
  }

  dynamic "log_config" {
    for_each = var.flow_logs_sampling > 0 ? [1] : []
    content {
      aggregation_interval = "INTERVAL_5_MIN"
      flow_sampling        = var.flow_logs_sampling
      metadata             = "INCLUDE_ALL_METADATA"
    }
  }
}

# Private nodes have no external address: Cloud NAT is their only way out (image pulls from other registries).
resource "google_compute_router" "this" {
  project = var.project_id
  name    = var.name
  region  = var.region
  network = google_compute_network.this.id
}

resource "google_compute_router_nat" "this" {
  project                            = var.project_id
  name                               = var.name
  region                             = var.region
  router                             = google_compute_router.this.name
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "ALL_SUBNETWORKS_ALL_IP_RANGES"

  log_config {
    enable = true
    filter = "ERRORS_ONLY"
  }
}
