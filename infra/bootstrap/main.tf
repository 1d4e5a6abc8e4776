# Run by a human with Storage Admin on the admin project and Owner on each environment's project, before any
# environment is applied. Its own state is local at first and then moved into the bucket it created
# (docs/infrastructure.md, "Bootstrap once").
locals {
  project_id        = "podmesh-admin"
  region            = "europe-west1"
  github_repository = "podmesh/podmesh"
  # Environment → its project. Terraform's own identities are made here, outside the environments they
  # manage, so an environment's apply can never lock itself out.
  environments = {
    dev   = "podmesh-dev"
    stage = "podmesh-stage"
    prod  = "podmesh-prod"
  }
}

module "state_bucket" {
  source = "../modules/bootstrap"

  project_id  = local.project_id
  bucket_name = "podmesh-tfstate"
  location    = "EU"
  labels      = { app = "podmesh", managed-by = "terraform" }
}

module "terraform_identity" {
  source   = "../modules/terraform-identity"
  for_each = local.environments

  project_id             = local.project_id
  environment            = each.key
  environment_project_id = each.value
  state_bucket           = module.state_bucket.bucket
  state_prefix           = "envs/${each.key}"
  github_repository      = local.github_repository
  github_environments    = { plan = "infra-${each.key}-plan", apply = "infra-${each.key}" }
}
