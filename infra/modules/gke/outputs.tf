output "name" {
  description = "Cluster name (for `gcloud container clusters get-credentials`)."
  value       = google_container_cluster.this.name
}

output "location" {
  description = "Cluster location: a zone or a region."
  value       = google_container_cluster.this.location
}

output "dns_endpoint" {
  description = "DNS name of the control plane (`get-credentials --dns-endpoint`)."
  value       = google_container_cluster.this.control_plane_endpoints_config[0].dns_endpoint_config[0].endpoint
}

output "workload_pool" {
  description = "Workload Identity pool: Kubernetes service accounts appear as principal://…/<pool>/subject/ns/<ns>/sa/<name>."
  value       = google_container_cluster.this.workload_identity_config[0].workload_pool
}

output "node_service_account" {
  description = "Email of the nodes' service account (grant it read access to the image registry)."
  value       = google_service_account.nodes.email
}

output "id" {
  description = "Cluster ID (projects/…/locations/…/clusters/…), as Backup for GKE names its cluster."
  value       = google_container_cluster.this.id
}
