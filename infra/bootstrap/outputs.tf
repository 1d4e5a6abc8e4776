output "state_bucket" {
  description = "Bucket every environment's backend uses."
  value       = module.state_bucket.bucket
}

# Variables of the GitHub Environments infra-<env>-plan and infra-<env> (.github/workflows/infra.yml).
output "terraform_identities" {
  description = "Per environment: the Workload Identity provider and the planner/applier service accounts."
  value = {
    for env, identity in module.terraform_identity : env => {
      workload_identity_provider = identity.workload_identity_provider
      planner_service_account    = identity.planner_service_account
      applier_service_account    = identity.applier_service_account
    }
  }
}
