variable "project_id" {
  description = "Project that owns the network."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a valid Google Cloud project ID (6-30 lowercase letters, digits, hyphens)."
  }
}

variable "name" {
  description = "Name of the VPC; the subnet, router and NAT are named after it."
  type        = string
  validation {
    condition     = can(regex("^[a-z]([-a-z0-9]{0,52}[a-z0-9])?$", var.name))
    error_message = "name must be a lowercase RFC 1035 label of at most 54 characters."
  }
}

variable "region" {
  description = "Region of the subnet, the Cloud Router and Cloud NAT."
  type        = string
  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[1-9][0-9]?$", var.region))
    error_message = "region must be a region name such as europe-west1 or europe-west10 (not a zone)."
  }
}

variable "subnet_cidr" {
  description = "Primary range of the subnet: node addresses."
  type        = string
  default     = "10.10.0.0/20"
  validation {
    condition     = can(cidrnetmask(var.subnet_cidr))
    error_message = "subnet_cidr must be an IPv4 CIDR block."
  }
}

variable "pods_cidr" {
  description = "Secondary range for Pod addresses (VPC-native GKE)."
  type        = string
  default     = "10.20.0.0/16"
  validation {
    condition     = can(cidrnetmask(var.pods_cidr))
    error_message = "pods_cidr must be an IPv4 CIDR block."
  }
}

variable "services_cidr" {
  description = "Secondary range for Service ClusterIPs."
  type        = string
  default     = "10.30.0.0/20"
  validation {
    condition     = can(cidrnetmask(var.services_cidr))
    error_message = "services_cidr must be an IPv4 CIDR block."
  }
}

variable "flow_logs_sampling" {
  description = "Fraction of VPC flow logs kept (0 disables flow logs). Flow logs cost money: sample, don't keep all."
  type        = number
  default     = 0.1
  validation {
    condition     = var.flow_logs_sampling >= 0 && var.flow_logs_sampling <= 1
    error_message = "flow_logs_sampling must be between 0 and 1."
  }
}
