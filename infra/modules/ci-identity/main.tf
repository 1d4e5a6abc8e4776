locals {
  # Only tokens minted by GitHub for this repository (and, if listed, these environments) are accepted at all.
  repository_condition  = "assertion.repository == \"${var.github_repository}\""
  environment_condition = length(var.github_environments) == 0 ? "" : " && assertion.environment in ${jsonencode(var.github_environments)}"
}

resource "google_iam_workload_identity_pool" "github" {
  project                   = var.project_id
  workload_identity_pool_id = var.pool_id
  display_name              = "GitHub Actions"
  description               = "Short-lived credentials for GitHub Actions of ${var.github_repository}; no key files."
}

resource "google_iam_workload_identity_pool_provider" "github" {
  project                            = var.project_id
  workload_identity_pool_id          = google_iam_workload_identity_pool.github.workload_identity_pool_id
  workload_identity_pool_provider_id = "github-actions"
  display_name                       = "GitHub Actions OIDC"
  attribute_condition                = "${local.repository_condition}${local.environment_condition}"
  attribute_mapping = {
    "google.subject"       = "assertion.sub"
    "attribute.repository" = "assertion.repository"
    "attribute.ref"        = "assertion.ref"
  }
  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}

resource "google_service_account" "ci" {
  project      = var.project_id
  account_id   = var.service_account_id
  display_name = "CI deployer (${var.github_repository})"
  description  = "Impersonated by GitHub Actions through Workload Identity Federation. Never create keys for it."
}

# Federated identities of the repository may impersonate the CI account; nobody gets a key file.
resource "google_service_account_iam_member" "github_impersonates_ci" {
  service_account_id = google_service_account.ci.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.github.name}/attribute.repository/${var.github_repository}"
}

resource "google_project_iam_member" "ci" {
  for_each = var.project_roles

  project = var.project_id
  role    = each.value
  member  = google_service_account.ci.member
}
