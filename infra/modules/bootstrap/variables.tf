variable "project_id" {
  description = "Project that holds Terraform state (a small admin project, not an environment's)."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a valid Google Cloud project ID."
  }
}

variable "bucket_name" {
  description = "Globally unique name of the state bucket. Every environment uses it with its own prefix."
  type        = string
  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be 3-63 lowercase letters, digits, hyphens or underscores."
  }
}

variable "location" {
  description = "Bucket location: a region or a multi-region (EU, US)."
  type        = string
  default     = "EU"
}

variable "noncurrent_versions_kept" {
  description = "How many older versions of each state file to keep for recovery."
  type        = number
  default     = 50
  validation {
    condition     = var.noncurrent_versions_kept >= 1
    error_message = "Keep at least one old version: it is the undo of a bad apply."
  }
}

variable "labels" {
  description = "Labels on the bucket."
  type        = map(string)
  default     = {}
}
