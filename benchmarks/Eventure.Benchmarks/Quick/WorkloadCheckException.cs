namespace Eventure.Benchmarks.Quick;

/// <summary>A workload's sanity check failed: the figures would be meaningless.</summary>
public sealed class WorkloadCheckException(string message) : Exception(message)
{
    public WorkloadCheckException()
        : this("A workload sanity check failed.")
    {
    }

    public WorkloadCheckException(string message, Exception innerException)
        : this($"{message} ({innerException.Message})")
    {
    }

    public static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new WorkloadCheckException($"Sanity check failed: {what}");
        }
    }
}
