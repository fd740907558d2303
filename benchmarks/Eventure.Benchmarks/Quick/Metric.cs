namespace Eventure.Benchmarks.Quick;

/// <summary>One measured figure, printed as one JSON line in quick mode.</summary>
/// <param name="Name">The metric name (the seed driver's names for core workloads).</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">Its unit.</param>
public sealed record Metric(string Name, double Value, string Unit);
