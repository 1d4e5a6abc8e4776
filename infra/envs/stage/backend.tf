# State of this environment alone: its own prefix in the bucket made by infra/bootstrap. The GCS backend locks
# the state during every operation, so two people cannot apply to the same environment at once.
terraform {
  backend "gcs" {
    bucket = "podmesh-tfstate"
    prefix = "envs/stage"
  }
}
