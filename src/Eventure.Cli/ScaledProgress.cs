namespace Eventure.Cli;

/// <summary>Reports an inner step's 0..1 as <c>from..to</c> of the whole.</summary>
internal sealed class ScaledProgress(IProgress<double> outer, double from, double to) : IProgress<double>
{
    public void Report(double value) => outer.Report(from + ((to - from) * value));
}
