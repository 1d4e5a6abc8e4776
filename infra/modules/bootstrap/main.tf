resource "google_storage_bucket" "state" {
  project  = var.project_id
  name     = var.bucket_name
  location = var.location
  labels   = var.labels

  # State holds secrets and the map of the platform: IAM only, never public, never per-object ACLs.
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false

  # Every write of a state file keeps the previous one: a bad apply or a clobbered state can be rolled back.
  versioning {
    enabled = true
  }
  lifecycle_rule {
    condition {
      num_newer_versions = var.noncurrent_versions_kept
      with_state         = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }

  lifecycle {
    prevent_destroy = true
  }
}
