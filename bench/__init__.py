"""TensorTown's benchmarks: ``make bench`` runs every module here and prints one table."""
