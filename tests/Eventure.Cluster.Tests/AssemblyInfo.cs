// Each spec starts several clustered actor systems: one at a time, or two clusters would share two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
