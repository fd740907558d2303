using Eventure.Examples;

return await ExamplesApp.RunAsync(args, Console.Out, Console.Error);
