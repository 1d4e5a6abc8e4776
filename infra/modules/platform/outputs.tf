output "project_id" {
  description = "The environment's project."
  value       = var.project_id
}

output "cluster_name" {
  description = "GKE cluster name."
  value       = module.gke.name
}

output "cluster_location" {
  description = "GKE cluster location (zone or region)."
  value       = module.gke.location
}

output "cluster_dns_endpoint" {
  description = "DNS endpoint of the control plane."
  value       = module.gke.dns_endpoint
}

output "registry_url" {
  description = "Image prefix: <registry_url>/<service>:<tag>."
  value       = module.registry.url
}

output "ci_service_account" {
  description = "Service account the deploy workflow impersonates."
  value       = module.ci_identity.service_account_email
}

output "workload_identity_provider" {
  description = "Workload Identity Federation provider for google-github-actions/auth."
  value       = module.ci_identity.workload_identity_provider
}
