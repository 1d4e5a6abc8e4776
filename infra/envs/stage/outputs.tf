# Read by the deploy workflow: `terraform output -json`.
output "project_id" {
  description = "The environment's project."
  value       = module.platform.project_id
}

output "cluster_name" {
  description = "GKE cluster name."
  value       = module.platform.cluster_name
}

output "cluster_location" {
  description = "GKE cluster location (zone or region)."
  value       = module.platform.cluster_location
}

output "cluster_dns_endpoint" {
  description = "DNS endpoint of the control plane (`gcloud container clusters get-credentials --dns-endpoint`)."
  value       = module.platform.cluster_dns_endpoint
}

output "registry_url" {
  description = "Image prefix: <registry_url>/<service>:<tag>."
  value       = module.platform.registry_url
}

output "ci_service_account" {
  description = "Service account the deploy workflow impersonates."
  value       = module.platform.ci_service_account
}

output "workload_identity_provider" {
  description = "Workload Identity Federation provider for google-github-actions/auth."
  value       = module.platform.workload_identity_provider
}
