# Nodes run as their own account, never the Compute Engine default one (which is Editor on the project).
resource "google_service_account" "nodes" {
  project      = var.project_id
  account_id   = "${trim(substr(var.name, 0, 23), "-")}-nodes"
  display_name = "GKE nodes of ${var.name}"
}

# Google's predefined minimum for node agents: write logs and metrics, read metadata. Workloads get their own
# identities through Workload Identity, so nothing more belongs here.
resource "google_project_iam_member" "nodes" {
  project = var.project_id
  role    = "roles/container.defaultNodeServiceAccount"
  member  = google_service_account.nodes.member
}
