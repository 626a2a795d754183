// The tests build the same projects: running them one at a time keeps their obj/ folders apart.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
