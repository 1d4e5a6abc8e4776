variable "project_id" {
  description = "Project that owns the repository."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a valid Google Cloud project ID."
  }
}

variable "location" {
  description = "Region of the repository; put it where the cluster pulls from."
  type        = string
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[1-9][0-9]?$", var.location))
    error_message = "location must be a region name such as europe-west1 or europe-west10 (not a zone)."
  }
}

variable "name" {
  description = "Repository ID; images are <location>-docker.pkg.dev/<project>/<name>/<service>."
  type        = string
  default     = "podmesh"
  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$", var.name))
    error_message = "name must be lowercase letters, digits and hyphens."
  }
}

variable "immutable_tags" {
  description = "Refuse to move a tag once pushed, so a tag names one image forever (what a deploy promoted)."
  type        = bool
  default     = true
}

variable "keep_recent_versions" {
  description = "Cleanup keeps at least this many most recent versions of every image (rollback targets)."
  type        = number
  default     = 20
  validation {
    condition     = var.keep_recent_versions >= 1
    error_message = "keep_recent_versions must be at least 1."
  }
}

variable "untagged_max_age_days" {
  description = "Cleanup deletes untagged versions older than this (build leftovers)."
  type        = number
  default     = 14
  validation {
    condition     = var.untagged_max_age_days >= 1
    error_message = "untagged_max_age_days must be at least 1."
  }
}

variable "readers" {
  description = "Members allowed to pull, by a fixed key: { gke-nodes = \"serviceAccount:…\" }. Keys are static so members may be known only after apply."
  type        = map(string)
  default     = {}
}

variable "writers" {
  description = "Members allowed to push, by a fixed key: { ci = \"serviceAccount:…\" }. Granted on this repository only."
  type        = map(string)
  default     = {}
}

variable "labels" {
  description = "Labels on the repository."
  type        = map(string)
  default     = {}
}
