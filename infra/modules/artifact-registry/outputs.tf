output "id" {
  description = "Repository ID (projects/…/locations/…/repositories/…)."
  value       = google_artifact_registry_repository.this.id
}

output "url" {
  description = "Image prefix for docker push/pull: <location>-docker.pkg.dev/<project>/<name>."
  value       = "${var.location}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.this.repository_id}"
}
