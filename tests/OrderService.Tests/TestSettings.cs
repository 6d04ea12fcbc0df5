// The tests start real services and put real load on a shared 2-core machine: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
