terraform {
  # Pinned with ~>: patch and minor updates only when someone runs `init -upgrade` and commits the lock file.
  required_version = "~> 1.11"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 8.0"
    }
  }
}
