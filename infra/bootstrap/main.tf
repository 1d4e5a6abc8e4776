# Run once, by a human with Storage Admin on the admin project, before any environment exists. Its own state is
# local at first and then moved into the bucket it created (docs/infrastructure.md, "Bootstrap once").
locals {
  project_id = "podmesh-admin"
  region     = "europe-west1"
}

module "state_bucket" {
  source = "../modules/bootstrap"

  project_id  = local.project_id
  bucket_name = "podmesh-tfstate"
  location    = "EU"
  labels      = { app = "podmesh", managed-by = "terraform" }
}

output "state_bucket" {
  description = "Bucket every environment's backend uses."
  value       = module.state_bucket.bucket
}
