// The pod sandbox ("pause") process for the test node's local pause image: no registry is reachable here.
module podmesh.local/test/cluster/build/pause

go 1.26.0
