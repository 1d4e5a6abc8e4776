output "network_id" {
  description = "ID of the VPC (projects/…/global/networks/…)."
  value       = google_compute_network.this.id
}

output "subnet_id" {
  description = "ID of the subnet the cluster uses."
  value       = google_compute_subnetwork.this.id
}

output "pods_range_name" {
  description = "Name of the secondary range for Pods."
  value       = local.pods_range_name
}

output "services_range_name" {
  description = "Name of the secondary range for Services."
  value       = local.services_range_name
}
