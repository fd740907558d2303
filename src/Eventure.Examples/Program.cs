using Eventure.Examples;

return ExamplesApp.Run(args, Console.Out, Console.Error);
