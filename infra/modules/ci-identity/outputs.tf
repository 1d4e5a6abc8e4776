output "service_account_email" {
  description = "Service account the deploy workflow impersonates (google-github-actions/auth `service_account`)."
  value       = google_service_account.ci.email
}

output "service_account_member" {
  description = "The CI account as an IAM member (\"serviceAccount:…\"), for grants elsewhere such as the image registry."
  value       = google_service_account.ci.member
}

output "workload_identity_provider" {
  description = "Full provider name (google-github-actions/auth `workload_identity_provider`)."
  value       = google_iam_workload_identity_pool_provider.github.name
}
