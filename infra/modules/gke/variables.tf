variable "project_id" {
  description = "Project that owns the cluster."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a valid Google Cloud project ID."
  }
}

variable "name" {
  description = "Cluster name."
  type        = string
  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$", var.name))
    error_message = "name must be a lowercase RFC 1035 label of at most 40 characters."
  }
}

variable "location" {
  description = "A zone (europe-west1-b: zonal, one control-plane replica, cheaper) or a region (europe-west1: regional, three zones)."
  type        = string
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[1-9][0-9]?(-[a-z])?$", var.location))
    error_message = "location must be a region (europe-west1) or a zone (europe-west1-b)."
  }
}

variable "network_id" {
  description = "VPC the cluster joins (output network_id of the network module)."
  type        = string
}

variable "subnet_id" {
  description = "Subnet of the nodes (output subnet_id of the network module)."
  type        = string
}

variable "pods_range_name" {
  description = "Name of the subnet's secondary range for Pods."
  type        = string
}

variable "services_range_name" {
  description = "Name of the subnet's secondary range for Services."
  type        = string
}

variable "release_channel" {
  description = "GKE release channel: how fast the control plane and nodes are upgraded."
  type        = string
  default     = "REGULAR"
  validation {
    condition     = contains(["RAPID", "REGULAR", "STABLE"], var.release_channel)
    error_message = "release_channel must be RAPID, REGULAR or STABLE."
  }
}

variable "deletion_protection" {
  description = "Refuse `terraform destroy` (and replacements) of the cluster. Keep true anywhere that matters."
  type        = bool
  default     = true
}

variable "node_pools" {
  description = "Autoscaled node pools by name. Node counts are totals across all zones of the cluster."
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
  validation {
    condition     = length(var.node_pools) > 0
    error_message = "node_pools must define at least one pool."
  }
  validation {
    condition     = alltrue([for p in values(var.node_pools) : p.min_nodes >= 0 && p.max_nodes >= 1 && p.min_nodes <= p.max_nodes])
    error_message = "Each node pool needs 0 <= min_nodes <= max_nodes and max_nodes >= 1."
  }
  validation {
    condition     = alltrue([for p in values(var.node_pools) : contains(["pd-standard", "pd-balanced", "pd-ssd"], p.disk_type) && p.disk_size_gb >= 20])
    error_message = "disk_type must be pd-standard, pd-balanced or pd-ssd, with disk_size_gb >= 20."
  }
}

variable "maintenance_window" {
  description = "Recurring window (RFC 3339 times, RFC 5545 RRULE) in which GKE may upgrade or repair. Defaults to weekend nights."
  type = object({
    start_time = string
    end_time   = string
    recurrence = string
  })
  default = {
    start_time = "2026-01-03T01:00:00Z"
    end_time   = "2026-01-03T07:00:00Z"
    recurrence = "FREQ=WEEKLY;BYDAY=SA,SU"
  }
  validation {
    condition = (
      can(formatdate("YYYY", var.maintenance_window.start_time)) &&
      can(formatdate("YYYY", var.maintenance_window.end_time)) &&
      startswith(var.maintenance_window.recurrence, "FREQ=")
    )
    error_message = "maintenance_window needs RFC 3339 start_time/end_time and an RRULE recurrence (FREQ=…)."
  }
}

variable "labels" {
  description = "Labels on the cluster and its nodes (billing reports group costs by them)."
  type        = map(string)
  default     = {}
  validation {
    condition     = alltrue([for k, v in var.labels : can(regex("^[a-z][a-z0-9_-]{0,62}$", k)) && can(regex("^[a-z0-9_-]{0,63}$", v))])
    error_message = "Label keys and values must be lowercase letters, digits, _ or - (keys start with a letter)."
  }
}
