output "workload_identity_provider" {
  description = "Provider for google-github-actions/auth in the infra-<env>-plan and infra-<env> GitHub Environments."
  value       = google_iam_workload_identity_pool_provider.github.name
}

output "planner_service_account" {
  description = "TERRAFORM_SERVICE_ACCOUNT of the plan jobs' GitHub Environment."
  value       = google_service_account.planner.email
}

output "applier_service_account" {
  description = "TERRAFORM_SERVICE_ACCOUNT of the apply jobs' GitHub Environment."
  value       = google_service_account.applier.email
}
