# The predefined machine types GKE nodes can use, by series and class: the API refuses any other name
# (e2-standard-3 does not exist) only at apply, after the plan went green; this table lets the plan refuse it.
# Sizes are vCPU counts from Compute Engine's machine-type tables (general-purpose and compute-optimized
# families). Custom types (e2-custom-…) are not offered by this module.
locals {
  machine_sizes = {
    e2  = { standard = [2, 4, 8, 16, 32], highmem = [2, 4, 8, 16], highcpu = [2, 4, 8, 16, 32] }
    n1  = { standard = [1, 2, 4, 8, 16, 32, 64, 96], highmem = [2, 4, 8, 16, 32, 64, 96], highcpu = [2, 4, 8, 16, 32, 64, 96] }
    n2  = { standard = [2, 4, 8, 16, 32, 48, 64, 80, 96, 128], highmem = [2, 4, 8, 16, 32, 48, 64, 80, 96, 128], highcpu = [2, 4, 8, 16, 32, 48, 64, 80, 96] }
    n2d = { standard = [2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224], highmem = [2, 4, 8, 16, 32, 48, 64, 80, 96], highcpu = [2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224] }
    n4  = { standard = [2, 4, 8, 16, 32, 48, 64, 80], highmem = [2, 4, 8, 16, 32, 48, 64, 80], highcpu = [2, 4, 8, 16, 32, 48, 64, 80] }
    t2d = { standard = [1, 2, 4, 8, 16, 32, 48, 60] }
    t2a = { standard = [1, 2, 4, 8, 16, 32, 48] }
    c2  = { standard = [4, 8, 16, 30, 60] }
    c2d = { standard = [2, 4, 8, 16, 32, 56, 112], highmem = [2, 4, 8, 16, 32, 56, 112], highcpu = [2, 4, 8, 16, 32, 56, 112] }
    c3  = { standard = [4, 8, 22, 44, 88, 176], highmem = [4, 8, 22, 44, 88, 176], highcpu = [4, 8, 22, 44, 88, 176] }
  }
  # Shared-core E2 types have a size word instead of a class and a count.
  shared_core_machine_types = ["e2-micro", "e2-small", "e2-medium"]

  # Per pool: why its machine type does not exist, or null when it does.
  machine_type_problems = {
    for pool, p in var.node_pools : pool => (
      contains(local.shared_core_machine_types, p.machine_type) ? null :
      !can(regex("^([a-z0-9]+)-([a-z]+)-([0-9]+)$", p.machine_type)) ?
      "\"${p.machine_type}\" is not a predefined machine type name (<series>-<class>-<vCPUs>, e.g. e2-standard-4, or ${join(", ", local.shared_core_machine_types)})" :
      !contains(keys(local.machine_sizes), split("-", p.machine_type)[0]) ?
      "the machine series \"${split("-", p.machine_type)[0]}\" is unknown; known series: ${join(", ", sort(keys(local.machine_sizes)))}" :
      !contains(keys(local.machine_sizes[split("-", p.machine_type)[0]]), split("-", p.machine_type)[1]) ?
      "${split("-", p.machine_type)[0]} has no class \"${split("-", p.machine_type)[1]}\"; it has ${join(", ", sort(keys(local.machine_sizes[split("-", p.machine_type)[0]])))}" :
      !contains(local.machine_sizes[split("-", p.machine_type)[0]][split("-", p.machine_type)[1]], tonumber(split("-", p.machine_type)[2])) ?
      "${join("-", slice(split("-", p.machine_type), 0, 2))} comes with ${join(", ", local.machine_sizes[split("-", p.machine_type)[0]][split("-", p.machine_type)[1]])} vCPUs, not ${split("-", p.machine_type)[2]}" :
      null
    )
  }
}
