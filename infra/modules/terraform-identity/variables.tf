variable "project_id" {
  description = "Admin project where the identities live (the one holding the state bucket), not the environment's."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a valid Google Cloud project ID."
  }
}

variable "environment" {
  description = "Environment these identities run Terraform for; names the pool and the accounts."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,11}$", var.environment))
    error_message = "environment must be 2-12 lowercase letters or digits."
  }
}

variable "environment_project_id" {
  description = "The environment's project, where the planner reads and the applier manages everything."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.environment_project_id))
    error_message = "environment_project_id must be a valid Google Cloud project ID."
  }
}

variable "state_bucket" {
  description = "State bucket; both identities may use objects under state_prefix only."
  type        = string
}

variable "state_prefix" {
  description = "The environment's prefix in the state bucket, as in its backend \"gcs\" block."
  type        = string
  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9/_-]*[a-z0-9]$", var.state_prefix))
    error_message = "state_prefix must be a path such as envs/dev, without leading or trailing slash."
  }
}

variable "github_repository" {
  description = "The only repository whose workflows may run Terraform, as owner/name."
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/name."
  }
}

variable "github_environments" {
  description = "GitHub Environments of the plan jobs (read-only, any branch) and of the apply jobs (reviewed, main only)."
  type = object({
    plan  = string
    apply = string
  })
  validation {
    condition     = var.github_environments.plan != var.github_environments.apply
    error_message = "github_environments.plan and .apply must differ: pull requests reach the plan environment, so it may only hold the read-only account."
  }
}

variable "planner_roles" {
  description = "Roles of the planner on the environment's project: read everything a refresh reads, change nothing."
  type        = set(string)
  default     = ["roles/viewer", "roles/iam.securityReviewer"]
}

variable "applier_roles" {
  description = "Roles of the applier on the environment's project. It manages IAM and APIs, so it is owner there — and only there."
  type        = set(string)
  default     = ["roles/owner"]
}
