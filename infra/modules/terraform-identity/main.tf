locals {
  pool_id = "github-terraform-${var.environment}"
  # Both identities reach objects under their environment's prefix only.
  state_objects = "projects/_/buckets/${var.state_bucket}/objects/${var.state_prefix}/"
}

resource "google_iam_workload_identity_pool" "github" {
  project                   = var.project_id
  workload_identity_pool_id = local.pool_id
  display_name              = "Terraform ${var.environment} (GitHub)"
  description               = "GitHub Actions jobs that plan or apply infra/envs/${var.environment}; no key files."
}

resource "google_iam_workload_identity_pool_provider" "github" {
  project                            = var.project_id
  workload_identity_pool_id          = google_iam_workload_identity_pool.github.workload_identity_pool_id
  workload_identity_pool_provider_id = "github-actions"
  display_name                       = "GitHub Actions OIDC"
  attribute_condition                = "assertion.repository == \"${var.github_repository}\" && assertion.environment in ${jsonencode([var.github_environments.plan, var.github_environments.apply])}"
  attribute_mapping = {
    "google.subject"        = "assertion.sub"
    "attribute.repository"  = "assertion.repository"
    "attribute.environment" = "assertion.environment"
  }
  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}

resource "google_service_account" "planner" {
  project      = var.project_id
  account_id   = "tf-${var.environment}-plan"
  display_name = "Terraform planner for ${var.environment}"
  description  = "Read-only: plans infra/envs/${var.environment} in pull requests. Never create keys for it."
}

resource "google_service_account" "applier" {
  project      = var.project_id
  account_id   = "tf-${var.environment}-apply"
  display_name = "Terraform applier for ${var.environment}"
  description  = "Applies reviewed plans of infra/envs/${var.environment}. Never create keys for it."
}

# Each account is reachable only from jobs in its own GitHub Environment. Keyed by that environment, so the
# plan shows which account a GitHub Environment reaches (the member embeds the pool's project number, known
# only after apply). The plan environment is the one pull requests reach: its account must stay read-only.
resource "google_service_account_iam_member" "github" {
  for_each = {
    (var.github_environments.plan)  = google_service_account.planner.email
    (var.github_environments.apply) = google_service_account.applier.email
  }

  service_account_id = "projects/${var.project_id}/serviceAccounts/${each.value}"
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/${google_iam_workload_identity_pool.github.name}/attribute.environment/${each.key}"
}

resource "google_project_iam_member" "planner" {
  for_each = var.planner_roles

  project = var.environment_project_id
  role    = each.value
  member  = google_service_account.planner.member
}

resource "google_project_iam_member" "applier" {
  for_each = var.applier_roles

  project = var.environment_project_id
  role    = each.value
  member  = google_service_account.applier.member
}

# The bucket-level clause lets the backend list objects (names only); reads and writes need the prefix.
# The planner only reads state (plans run with -lock=false, so they need no lock object); the applier
# writes state and its lock.
resource "google_storage_bucket_iam_member" "state" {
  for_each = {
    planner = { member = google_service_account.planner.member, role = "roles/storage.objectViewer" }
    applier = { member = google_service_account.applier.member, role = "roles/storage.objectUser" }
  }

  bucket = var.state_bucket
  role   = each.value.role
  member = each.value.member
  condition {
    title       = "${var.environment}-state-only"
    description = "Objects under ${var.state_prefix}/ of the state bucket."
    expression  = "resource.name.startsWith(\"${local.state_objects}\") || resource.type == \"storage.googleapis.com/Bucket\""
  }
}
