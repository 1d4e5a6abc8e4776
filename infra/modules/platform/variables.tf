variable "project_id" {
  description = "The environment's project: one project per environment keeps IAM and quotas apart."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a valid Google Cloud project ID."
  }
}

variable "environment" {
  description = "Environment name; used in resource names and labels."
  type        = string
  validation {
    condition     = contains(["dev", "stage", "prod"], var.environment)
    error_message = "environment must be dev, stage or prod."
  }
}

variable "region" {
  description = "Region of the network, the image registry and (if regional) the cluster."
  type        = string
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[1-9][0-9]?$", var.region))
    error_message = "region must be a region name such as europe-west1 or europe-west10 (not a zone)."
  }
}

variable "cluster_location" {
  description = "Zone for a zonal cluster, or the region itself for a regional one."
  type        = string
  validation {
    condition     = can(regex("^${var.region}(-[a-z])?$", var.cluster_location))
    error_message = "cluster_location must be the region or one of its zones."
  }
}

variable "network" {
  description = "Address plan of the environment's VPC (see the network module)."
  type = object({
    subnet_cidr        = optional(string, "10.10.0.0/20")
    pods_cidr          = optional(string, "10.20.0.0/16")
    services_cidr      = optional(string, "10.30.0.0/20")
    flow_logs_sampling = optional(number, 0.1)
  })
  default = {}
}

variable "release_channel" {
  description = "GKE release channel."
  type        = string
  default     = "REGULAR"
}

variable "deletion_protection" {
  description = "Protect the cluster from deletion."
  type        = bool
  default     = true
}

variable "node_pools" {
  description = "Autoscaled node pools (see the gke module)."
  type = map(object({
    machine_type = optional(string, "e2-standard-4")
    min_nodes    = optional(number, 1)
    max_nodes    = optional(number, 3)
    spot         = optional(bool, false)
    disk_size_gb = optional(number, 50)
    disk_type    = optional(string, "pd-balanced")
    labels       = optional(map(string), {})
  }))
  default = { workloads = {} }
}

variable "immutable_image_tags" {
  description = "Tags in the image registry cannot be moved once pushed."
  type        = bool
  default     = true
}

variable "github_repository" {
  description = "Repository (owner/name) whose workflows deploy to this environment."
  type        = string
}

variable "github_environments" {
  description = "GitHub Environments whose jobs may deploy here (empty: any job of the repository)."
  type        = list(string)
  default     = []
}

variable "kv_backup" {
  description = "Backup for GKE of kv's volume (the podmesh namespace): schedule (cron, UTC), retention, and a delete lock that keeps a backup from being deleted early."
  type = object({
    enabled          = optional(bool, false)
    cron_schedule    = optional(string, "17 2 * * *")
    retain_days      = optional(number, 30)
    delete_lock_days = optional(number, 7)
  })
  default = {}
  validation {
    condition     = var.kv_backup.delete_lock_days <= var.kv_backup.retain_days && var.kv_backup.retain_days >= 1
    error_message = "kv_backup needs retain_days >= 1 and delete_lock_days <= retain_days."
  }
}
