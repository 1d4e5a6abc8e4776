output "bucket" {
  description = "State bucket name, for `backend \"gcs\" { bucket = … }`."
  value       = google_storage_bucket.state.name
}
