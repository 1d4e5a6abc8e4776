variable "project_id" {
  description = "Project where CI deploys; the identity pool and the CI service account live here."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a valid Google Cloud project ID."
  }
}

variable "github_repository" {
  description = "The only repository whose workflows may act as the CI service account, as owner/name."
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/name."
  }
}

variable "github_environments" {
  description = "If set, only jobs running in one of these GitHub Environments may authenticate (e.g. [\"prod\"], protected by required reviewers)."
  type        = list(string)
  default     = []
  validation {
    condition     = alltrue([for e in var.github_environments : can(regex("^[A-Za-z0-9_.-]+$", e))])
    error_message = "github_environments must be GitHub Environment names (letters, digits, _ . -)."
  }
}

variable "pool_id" {
  description = "Workload Identity Pool ID. A deleted pool's ID stays reserved for 30 days."
  type        = string
  default     = "github"
  validation {
    condition     = can(regex("^[a-z0-9-]{4,32}$", var.pool_id))
    error_message = "pool_id must be 4-32 lowercase letters, digits or hyphens."
  }
}

variable "service_account_id" {
  description = "Account ID of the service account CI impersonates."
  type        = string
  default     = "ci-deployer"
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.service_account_id))
    error_message = "service_account_id must be 6-30 lowercase letters, digits or hyphens."
  }
}

variable "project_roles" {
  description = "Project roles of the CI service account. Default: deploy workloads to GKE, nothing else (image push is granted on the repository)."
  type        = set(string)
  default     = ["roles/container.developer"]
  validation {
    condition     = length(setintersection(var.project_roles, ["roles/owner", "roles/editor", "roles/iam.serviceAccountKeyAdmin", "roles/iam.serviceAccountTokenCreator", "roles/resourcemanager.projectIamAdmin"])) == 0
    error_message = "CI must not hold owner, editor, key-admin, token-creator or project-IAM-admin roles."
  }
}
