using BenchmarkDotNet.Running;
using Eventure.Benchmarks.Quick;

// quick [--only a,b]  : one JSON line per metric (scripts, CI)
// report QUICK... [--original ORIGINAL...] : the docs/benchmarks.md tables from quick runs (and the original's)
// anything else       : BenchmarkDotNet (e.g. --filter *CoreBenchmarks*)
return args.FirstOrDefault() switch
{
    "quick" => QuickRunner.Run(args[1..]),
    "report" => ReportWriter.Run(args[1..]),
    "soak" => Eventure.Benchmarks.Log.SoakRun.Run(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(QuickRunner).Assembly).Run(args);
    return 0;
}
